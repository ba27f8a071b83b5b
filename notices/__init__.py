"""Deciding who is told what: digests, campaign and expiry notices, recipients, templates and
spreadsheets. Writes outbox rows in the caller's transaction; notifiers/ delivers them."""
