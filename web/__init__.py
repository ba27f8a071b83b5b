"""The web face: FastAPI + Jinja2 pages and the /api/v1 JSON API over the same use cases as
the CLI. It parses, calls a use case, presents; the rules live below it."""
