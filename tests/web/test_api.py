"""/api/v1: the contract integrations depend on, on SQLite and PostgreSQL."""

from datetime import date

from fastapi.testclient import TestClient

from states.vocabulary import ProducerType, State
from tests.builders import REQUIRED_DOCS, advance, register
from tests.web.conftest import Site
from use_cases import dossiers as c
from use_cases.identity import create_token, revoke_token
from use_cases.steps import STEPS
from web.errors import HTTP_CODES, STATUS


def api(site: Site, user: str) -> TestClient:
    client = site.client()
    client.headers["Authorization"] = f"Bearer {create_token(site.rt, 'admin', user).token}"
    return client


def test_register_then_every_step_with_versions(any_site: Site) -> None:
    officer = api(any_site, "can-bo-yen-the")
    made = officer.post("/api/v1/dossiers", json={
        "producer": "HTX Gà đồi", "producer_type": "cooperative", "name": "Gà đồi", "group": "food"})
    assert made.status_code == 201
    view = made.json()
    assert view["unit_code"] == "yen-the" and view["state"] == "registered"
    assert {"trigger": "inspect", "allowed": True, "reason": None} in view["allowed_steps"]
    url = f"/api/v1/dossiers/{view['id']}/steps"
    steps = [("inspect", {"on": "2022-03-01", "inspectors": "An, Bình", "minutes": "BB-1"}),
             ("score", {"members": [62, 58, 64]}),
             ("documents", {"add": REQUIRED_DOCS}),
             ("forward", {})]
    for trigger, fields in steps:
        reply = officer.post(f"{url}/{trigger}", json={**fields, "version": view["version"]})
        assert reply.status_code == 200, reply.json()
        view = reply.json()
    assert view["state"] == "provincial_review" and view["district_points"] == 61.33
    stale = officer.post(f"{url}/withdraw", json={"version": view["version"] - 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"


def test_registration_takes_the_producers_commune_and_who_prepared_the_dossier(
        any_site: Site) -> None:
    made = api(any_site, "can-bo-yen-the").post("/api/v1/dossiers", json={
        "producer": "HTX Gà đồi", "producer_type": "cooperative", "name": "Gà đồi",
        "group": "food", "commune": "Đồng Tâm", "prepared_by": "consultant",
        "consultant": "Cty TNHH Tư vấn ABC", "contracted": ["testing"]})
    assert made.status_code == 201
    assert made.json()["preparation"]["consultant"] == "Cty TNHH Tư vấn ABC"
    assert made.json()["preparation"]["contracted"] == ["testing"]
    wrong = api(any_site, "can-bo-yen-the").post("/api/v1/dossiers", json={
        "producer": "HTX Chè", "producer_type": "cooperative", "name": "Chè", "group": "food",
        "commune": "Tân Mộc"})
    # Well formed (the schema's commune list), but the data refuse it: 409, never 422.
    assert wrong.status_code == 409 and wrong.json()["code"] == "conflicting_input"
    assert "không thuộc Huyện Yên Thế" in wrong.json()["message"]


def test_errors_have_a_code_and_one_vietnamese_sentence(any_site: Site) -> None:
    mine = register(any_site.rt, unit="Huyện Yên Thế")
    theirs = register(any_site.rt, unit="Huyện Lục Ngạn")
    advance(any_site.rt, mine, "district_scored", district=45)
    officer = api(any_site, "can-bo-yen-the")
    refused = officer.post(f"/api/v1/dossiers/{mine}/steps/forward", json={})
    assert refused.status_code == 409
    assert refused.json() == {"code": "rule_refused", "message": refused.json()["message"]}
    assert "45 < 50" in refused.json()["message"]
    bad = officer.post(f"/api/v1/dossiers/{mine}/steps/return", json={"reason": "  "})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_input"
    assert officer.get(f"/api/v1/dossiers/{theirs}").json()["code"] == "not_found"
    assert officer.get(f"/api/v1/dossiers/{theirs}").status_code == 404
    forbidden = api(any_site, "thu-ky").post(f"/api/v1/dossiers/{mine}/steps/return",
                                             json={"reason": "Thiếu mẫu"})
    assert forbidden.status_code == 403 and forbidden.json()["code"] == "forbidden"
    assert officer.get("/api/v1/dashboard").status_code == 403
    assert officer.post(f"/api/v1/dossiers/{mine}/steps/fly", json={}).status_code == 404


def test_an_error_about_some_inputs_lists_them_by_their_codes(site: Site) -> None:
    """The refusal the CLI words "(--decision, --on)": the API names the body's keys instead."""
    dossier = register(site.rt, unit="Huyện Yên Thế")
    advance(site.rt, dossier, "provincial_review")
    refused = api(site, "admin").post(f"/api/v1/dossiers/{dossier}/steps/certify",
                                      json={"members": [76]})
    assert refused.status_code == 409
    assert refused.json() == {"code": "conflicting_input", "fields": ["decision", "on"],
                              "message": "Công nhận cần số quyết định và ngày quyết định."}
    broken = api(site, "admin").post(f"/api/v1/dossiers/{dossier}/steps/certify",
                                     json={"members": [76], "decision": 5})
    assert broken.status_code == 422 and broken.json()["fields"] == ["decision"]
    assert api(site, "admin").get(f"/api/v1/dossiers/{dossier}").json()["state"] == \
        "provincial_review"


def test_tokens_are_checked_and_revocable(site: Site) -> None:
    anonymous = site.client()
    missing = anonymous.get("/api/v1/dossiers")
    assert missing.status_code == 401 and missing.json()["code"] == "unauthorized"
    anonymous.headers["Authorization"] = "Bearer nonsense"
    assert anonymous.get("/api/v1/dossiers").status_code == 401
    created = create_token(site.rt, "admin", "admin", "tich-hop")
    client = site.client()
    client.headers["Authorization"] = f"Bearer {created.token}"
    assert client.get("/api/v1/dossiers").status_code == 200
    revoke_token(site.rt, "admin", created.id)
    assert client.get("/api/v1/dossiers").status_code == 401


def test_lists_page_with_a_cursor_and_filter(any_site: Site) -> None:
    ids = [register(any_site.rt, unit="Huyện Yên Thế", name=f"Mật ong {n}") for n in range(3)]
    c.inspect(any_site.rt, "admin", ids[1], on=date(2022, 3, 1), inspectors=["An"])
    client = api(any_site, "admin")
    first = client.get("/api/v1/dossiers?state=registered").json()
    assert [d["id"] for d in first["items"]] == [ids[0], ids[2]] and first["next"] is None
    assert client.get("/api/v1/dossiers?q=mat ong 1").json()["items"][0]["id"] == ids[1]
    board = client.get("/api/v1/dashboard").json()
    yen_the = next(u for u in board["units"] if u["unit"] == "yen-the")
    assert yen_the["states"] == {"registered": {"count": 2, "overdue": 0},
                                 "district_inspected": {"count": 1, "overdue": 0}}


# Issue 25: web/files_api.py
FILE_PATHS = {"/api/v1/dossiers/{dossier_id}/files",
              "/api/v1/dossiers/{dossier_id}/documents/{document}/files",
              "/api/v1/files/{file_id}/accept", "/api/v1/files/{file_id}/reject",
              "/api/v1/files/{file_id}/content"}
# Issue 21: web/council_api.py.
COUNCIL_PATHS = {"/api/v1/councils", "/api/v1/councils/{council_id}",
                 *(f"/api/v1/councils/{{council_id}}/{tail}"
                   for tail in ("setup", "open", "close", "publish")),
                 *(f"/api/v1/councils/{{council_id}}/dossiers/{{dossier_id}}/{tail}" for tail in (
                     "conflict", "sheet", "submit", "reopen", "result", "acknowledge"))}


def test_openapi_describes_the_contract(site: Site) -> None:
    spec = site.client().get("/api/openapi.json").json()
    steps = {f"/api/v1/dossiers/{{dossier_id}}/steps/{a.value}" for a in STEPS}
    assert set(spec["paths"]) == ({"/api/v1/dossiers", "/api/v1/dossiers/{dossier_id}",
                                   "/api/v1/dashboard", "/api/v1/public/products",
                                   # Issue 25: a producer's own token (web/producer_api.py).
                                   "/api/v1/producer/dossiers",
                                   "/api/v1/producer/dossiers/{dossier_id}",
                                   "/api/v1/producer/dossiers/{dossier_id}/files",
                                   "/api/v1/producer/dossiers/{dossier_id}/documents/{document}/files"}
                                 | FILE_PATHS | steps | COUNCIL_PATHS)
    docs = site.client().get("/api/docs").text
    assert "POST /api/v1/dossiers" in docs and "GET /api/v1/public/products" in docs


def test_a_body_pydantic_refuses_is_explained_in_vietnamese(any_site: Site) -> None:
    missing = api(any_site, "can-bo-yen-the").post("/api/v1/dossiers", json={"name": "Gà đồi"})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_input"
    message = missing.json()["message"]
    assert "producer: thiếu giá trị" in message
    assert "Field required" not in message


def test_malformed_bodies_get_400_and_415_in_one_vietnamese_sentence(site: Site) -> None:
    officer = api(site, "can-bo-yen-the")
    for body in (b'{"producer": ', b"\xff\xfe"):  # cut short; not UTF-8
        broken = officer.post("/api/v1/dossiers", content=body,
                              headers={"Content-Type": "application/json"})
        assert broken.status_code == 400, broken.text
        assert broken.json() == {"code": "invalid_json",
                                 "message": "Nội dung yêu cầu không phải JSON hợp lệ (UTF-8)."}
    for kind in ("text/plain", "application/x-www-form-urlencoded", None):
        headers = {"Content-Type": kind} if kind else {}
        wrong = officer.post("/api/v1/dossiers/1/steps/forward", content=b"producer=x",
                             headers=headers)
        assert wrong.status_code == 415, (kind, wrong.text)
        assert wrong.json()["code"] == "unsupported_media_type"
        assert "phải là JSON" in wrong.json()["message"]
    # No body at all is not a wrong content type: a step without fields may be posted bare.
    assert officer.post("/api/v1/dossiers/1/steps/forward").status_code != 415


def test_405_says_which_methods_the_path_takes(site: Site) -> None:
    client = api(site, "admin")
    answer = client.delete("/api/v1/dossiers")
    assert answer.status_code == 405 and answer.json()["code"] == "method_not_allowed"
    assert answer.headers["Allow"] == "GET, POST"  # two routes at one path
    assert client.put("/api/v1/dossiers/1").headers["Allow"] == "GET"


def test_schema_lists_the_codes_the_server_checks_against(site: Site) -> None:
    spec = site.client().get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    registration = schemas["Registration"]["properties"]
    assert registration["producer_type"]["$ref"].endswith("/ProducerType")
    assert schemas["ProducerType"]["enum"] == [t.value for t in ProducerType]
    rulebook = site.rt.rules.in_force(site.rt.clock.today())
    assert registration["group"]["enum"] == list(rulebook.groups)
    assert "yen-the" in registration["unit"]["enum"] and "unit" not in schemas["Registration"].get(
        "required", [])
    listed = spec["paths"]["/api/v1/dossiers"]["get"]["parameters"]
    state = next(p for p in listed if p["name"] == "state")["schema"]["anyOf"][0]
    assert schemas[state["$ref"].rsplit("/", 1)[1]]["enum"] == [s.value for s in State]
    documents = schemas["DocumentsStep"]["properties"]["add"]["items"]["enum"]
    assert documents == sorted(d.code for d in rulebook.documents)
    reason = schemas["RevokeStep"]["properties"]["reason"]
    assert "RevocationReason" in str(reason)


def test_every_error_code_the_server_answers_is_in_the_error_body(site: Site) -> None:
    spec = site.client().get("/api/openapi.json").json()
    listed = set(spec["components"]["schemas"]["ErrorBody"]["properties"]["code"]["enum"])
    answered = {code for status, code in STATUS.values() if status < 500}
    assert answered | set(HTTP_CODES.values()) | {"conflicting_input"} <= listed
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            for status, answer in operation["responses"].items():
                if status.startswith("4"):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (path, status)
            if "requestBody" in operation:
                # 400 is a body that is not JSON: a file's body is not read as JSON.
                json_body = "application/json" in operation["requestBody"]["content"]
                needed = {"400", "415", "422"} if json_body else {"415", "422"}
                assert needed <= set(operation["responses"]), (method, path)


def test_a_nul_character_is_refused_by_the_schema_before_the_database_sees_it(
        any_site: Site) -> None:
    client = api(any_site, "admin")  # PostgreSQL cannot compare a NUL: it was a 500
    for url in ("/api/v1/dossiers?round=a%00b", "/api/v1/dossiers?q=a%00b",
                "/api/v1/public/products?q=a%00b"):
        answer = client.get(url)
        assert answer.status_code == 422 and answer.json()["code"] == "invalid_input", url


def test_who_prepared_the_dossier_is_one_of_four_shapes_and_errors_name_that_shape(
        site: Site) -> None:
    client = api(site, "can-bo-yen-the")
    base = {"producer": "HTX Gà đồi", "producer_type": "cooperative", "name": "Gà đồi",
            "group": "food"}
    said = {}
    for name, extra in {"no officer": {"prepared_by": "officer"},
                        "unknown": {"prepared_by": "ai-do"},
                        "officer alone": {"officer": "can-bo-yen-the"}}.items():
        answer = client.post("/api/v1/dossiers", json={**base, **extra})
        assert answer.status_code == 422, answer.text
        said[name] = answer.json()["message"]
    assert said["no officer"] == "Dữ liệu không hợp lệ ở officer: thiếu giá trị."
    assert "'producer', 'officer', 'consultant'" in said["unknown"]
    assert said["officer alone"] == "Dữ liệu không hợp lệ ở officer: khoá này không được dùng."
    made = client.post("/api/v1/dossiers", json={**base, "prepared_by": "officer",
                                                 "officer": "can-bo-yen-the"})
    assert made.status_code == 201 and made.json()["preparation"]["officer"] == "can-bo-yen-the"


def test_answers_about_a_dossier_carry_its_version_as_etag_and_a_new_one_its_location(
        site: Site) -> None:
    officer = api(site, "can-bo-yen-the")
    made = officer.post("/api/v1/dossiers", json={
        "producer": "HTX Gà đồi", "producer_type": "cooperative", "name": "Gà đồi", "group": "food"})
    assert made.headers["Location"] == f"/api/v1/dossiers/{made.json()['id']}"
    seen = officer.get(made.headers["Location"])
    assert seen.headers["ETag"] == f'"{seen.json()["version"]}"' == made.headers["ETag"]
    moved = officer.post(f"{made.headers['Location']}/steps/inspect",
                         json={"on": "2022-03-01", "inspectors": "An", "version": 1})
    assert moved.status_code == 200 and moved.headers["ETag"] == f'"{moved.json()["version"]}"'
    assert moved.headers["ETag"] != seen.headers["ETag"]
