"""Every 2xx answer of /api/v1 has a schema that says what its body holds (web/api_answers.py),
so that Schemathesis' response_schema_conformance checks the bodies; and the bodies the server
writes match those schemas."""

from typing import Any

from tests.web.conftest import Site


def _successes(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{method.upper()} {path} {status}", answer)
            for path, item in spec["paths"].items() if path.startswith("/api/v1/")
            for method, operation in item.items()
            for status, answer in operation["responses"].items() if status.startswith("2")]


def test_every_success_names_its_body(site: Site) -> None:
    spec = site.client().get("/api/openapi.json").json()
    for label, answer in _successes(spec):
        for kind, media in answer["content"].items():
            schema = media["schema"]
            if kind == "application/json":
                print(label, schema)
                assert "$ref" in schema or schema.get("type") == "array", label
            else:
                assert schema == {"type": "string", "format": "binary"}, label
