"""Commands that change the domain, inside a transaction the caller opened: each writes its
audit rows with the change. The use cases (use_cases/) open the transaction."""
