"""Every 2xx answer of /api/v1 has a schema that says what its body holds (web/api_answers.py),
so that Schemathesis' response_schema_conformance checks the bodies; and the bodies the server
writes match those schemas."""

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.builders import register
from tests.storage.stores import PDF
from tests.web.conftest import Site
from tests.web.test_api import api
from use_cases.document_files import upload_file


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
                assert "$ref" in schema or schema.get("type") == "array", label
            else:
                assert schema == {"type": "string", "format": "binary"}, label


def _check(spec: dict[str, Any], path: str, method: str, status: str, body: Any) -> None:
    schema = spec["paths"][path][method]["responses"][status]["content"]["application/json"]
    validator = Draft202012Validator({**schema["schema"], "components": spec["components"]},
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, errors


def test_the_bodies_match_their_answers_and_a_wrong_one_would_not(files_site: Site) -> None:
    site = files_site
    dossier = register(site.rt)
    upload_file(site.rt, site.system.files, "admin", dossier, "business-plan", "ke-hoach.pdf", [PDF])
    client = api(site, "admin")
    spec = client.get("/api/openapi.json").json()
    view = client.get(f"/api/v1/dossiers/{dossier}").json()
    _check(spec, "/api/v1/dossiers/{dossier_id}", "get", "200", view)
    assert view["certificate"] is None and view["entered_state_at"]  # null where it happens
    _check(spec, "/api/v1/dossiers", "get", "200", client.get("/api/v1/dossiers").json())
    _check(spec, "/api/v1/dashboard", "get", "200", client.get("/api/v1/dashboard").json())
    files = client.get(f"/api/v1/dossiers/{dossier}/files").json()
    _check(spec, "/api/v1/dossiers/{dossier_id}/files", "get", "200", files)
    for wrong in ({**view, "state": "nowhere"}, {**view, "extra": 1},
                  {k: v for k, v in view.items() if k != "due_on"}, {**view, "due_on": "07/12/2026"}):
        with pytest.raises(AssertionError):
            _check(spec, "/api/v1/dossiers/{dossier_id}", "get", "200", wrong)
