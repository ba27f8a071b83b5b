"""/api/openapi.json as the server keeps it: the code lists that come from the loaded rules
filled in as enums when the schema is served, and the OpenAPI links a client (or a stateful
tester) follows from a new dossier to its view, its steps and its files, from an upload to
the file's verdicts and content.

A field whose codes come from the rules is declared `Annotated[str, codes("groups")]`; the
lists are use_cases.registration.code_lists. Codes of the vocabulary are StrEnums in the
models themselves (pydantic writes their enum)."""

from collections.abc import Callable, Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import Field

from bootstrap.system import System
from use_cases.registration import code_lists

MARK = "x-ocop-codes"
DOSSIER = "/api/v1/dossiers/{dossier_id}"
COUNCILS = "/api/v1/councils"
COUNCIL = f"{COUNCILS}/{{council_id}}"


def codes(kind: str, of: Callable[..., Any] = Field, **more: Any) -> Any:
    """A string field (`of=Path`: a path parameter, `more` its other settings) whose codes
    are the rules' `kind` (see code_lists)."""
    return of(json_schema_extra={MARK: kind}, **more)


def _marked(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if MARK in node:
            yield node
        for value in node.values():
            yield from _marked(value)
    elif isinstance(node, list):
        for value in node:
            yield from _marked(value)


def _links(spec: dict[str, Any]) -> dict[str, Any]:
    """From a dossier's id in a response to reading it and to each of its steps."""
    by_id = {"dossier_id": "$response.body#/id"}
    links = {"GetDossier": {"operationId": "get_dossier", "parameters": by_id},
             "ListFiles": {"operationId": "list_files", "parameters": by_id}}
    for path, item in spec["paths"].items():
        if path.startswith(f"{DOSSIER}/steps/"):
            operation = item["post"]["operationId"]
            links[operation] = {"operationId": operation, "parameters": by_id}
    return links


def _council_links(spec: dict[str, Any], council: str, dossier: str | None) -> dict[str, Any]:
    """From a council's id (and one of its dossiers) in a response to each act on it: read it,
    set it up, open and close its session, and each member's sheet of that dossier."""
    links = {}
    for path, item in spec["paths"].items():
        if not path.startswith(COUNCIL) or (dossier is None and "{dossier_id}" in path):
            continue
        for operation in item.values():
            parameters = {"council_id": council}
            if "{dossier_id}" in path:
                parameters["dossier_id"] = str(dossier)
            links[operation["operationId"]] = {"operationId": operation["operationId"],
                                               "parameters": parameters}
    return links


def _link_councils(spec: dict[str, Any]) -> None:
    """A new council leads to its acts; its view (after set-up) to its first dossier's sheets;
    a sheet or a result to the other acts on the same sheet."""
    paths = spec["paths"]
    view = _council_links(spec, "$response.body#/id", "$response.body#/dossiers/0/dossier_id")
    paths[COUNCILS]["post"]["responses"]["201"]["links"] = _council_links(
        spec, "$response.body#/id", None)
    paths[COUNCILS]["get"]["responses"]["200"]["links"] = _council_links(
        spec, "$response.body#/0/id", "$response.body#/0/dossiers/0/dossier_id")
    for path, method in ((COUNCIL, "get"), (f"{COUNCIL}/setup", "post"),
                         (f"{COUNCIL}/open", "post")):
        paths[path][method]["responses"]["200"]["links"] = view
    paths[f"{COUNCIL}/close"]["post"]["responses"]["200"]["links"] = _council_links(
        spec, "$response.body#/council/id", "$response.body#/results/0/dossier_id")
    sheet = _council_links(spec, "$request.path.council_id", "$response.body#/dossier_id")
    for path, item in paths.items():
        if path.startswith(f"{COUNCIL}/dossiers/"):
            for operation in item.values():
                operation["responses"]["200"]["links"] = sheet


def _to_file(file_id: str) -> dict[str, Any]:
    """From a file's id to its verdicts and its content."""
    return {name: {"operationId": operation, "parameters": {"file_id": file_id}}
            for name, operation in (("AcceptFile", "accept_file"), ("RejectFile", "reject_file"),
                                    ("GetFileContent", "get_file_content"))}


def _file_links(spec: dict[str, Any]) -> None:
    """A dossier's files lead to an upload (its first document) and to its first file; an
    upload to the file it made."""
    paths = spec["paths"]
    paths[f"{DOSSIER}/files"]["get"]["responses"]["200"]["links"] = {
        "UploadFile": {"operationId": "upload_file", "parameters": {
            "dossier_id": "$response.body#/dossier_id",
            "document": "$response.body#/documents/0/code"}},
        **_to_file("$response.body#/documents/0/files/0/id")}
    paths[f"{DOSSIER}/documents/{{document}}/files"]["post"]["responses"]["201"]["links"] = (
        _to_file("$response.body#/id"))
    paths["/api/v1/producer/dossiers"]["get"]["responses"]["200"]["links"] = {"GetOwnDossier": {
        "operationId": "producer_get_dossier",
        "parameters": {"dossier_id": "$response.body#/items/0/id"}}}


def contract(app: FastAPI) -> dict[str, Any]:
    spec = get_openapi(title=app.title, version=app.version, description=app.description,
                       routes=app.routes)
    system: System = app.state.system
    lists = code_lists(system.rt)
    for node in _marked(spec):
        node["enum"] = lists[node.pop(MARK)]
        if "default" in node and node["default"] is None:
            node.pop("default")  # left out means "not given", never null
    links = _links(spec)
    for path, method, status in ((("/api/v1/dossiers", "post", "201")), (DOSSIER, "get", "200"),
                                 *((p, "post", "200") for p in spec["paths"]
                                   if p.startswith(f"{DOSSIER}/steps/"))):
        spec["paths"][path][method]["responses"][status]["links"] = links
    # A list leads to its first dossier, and from there to the steps.
    spec["paths"]["/api/v1/dossiers"]["get"]["responses"]["200"]["links"] = {"GetDossier": {
        "operationId": "get_dossier", "parameters": {"dossier_id": "$response.body#/items/0/id"}}}
    _link_councils(spec)
    _file_links(spec)
    return spec
