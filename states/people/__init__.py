"""People: users, their credentials and sessions, accounts' audit, user imports and placeholder contacts."""
