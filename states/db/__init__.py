"""Storage: the models, the engine and sessions, migrations and seed data."""
