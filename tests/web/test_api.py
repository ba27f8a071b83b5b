"""/api/v1: the contract integrations depend on, on SQLite and PostgreSQL."""

from datetime import date

from fastapi.testclient import TestClient

from tests.builders import REQUIRED_DOCS, advance, register
from tests.web.conftest import Site
from use_cases import dossiers as c
from use_cases.identity import create_token, revoke_token


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
    assert wrong.status_code == 422 and "không thuộc Huyện Yên Thế" in wrong.json()["message"]


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


def test_openapi_describes_the_contract(site: Site) -> None:
    spec = site.client().get("/api/openapi.json").json()
    assert set(spec["paths"]) == {"/api/v1/dossiers", "/api/v1/dossiers/{dossier_id}",
                                  "/api/v1/dossiers/{dossier_id}/steps/{trigger}",
                                  "/api/v1/dashboard", "/api/v1/public/products",
                                  # Issue 25: a producer's own token (web/producer_api.py).
                                  "/api/v1/producer/dossiers",
                                  "/api/v1/producer/dossiers/{dossier_id}"}
    docs = site.client().get("/api/docs").text
    assert "POST /api/v1/dossiers" in docs and "GET /api/v1/public/products" in docs


def test_a_body_pydantic_refuses_is_explained_in_vietnamese(any_site: Site) -> None:
    missing = api(any_site, "can-bo-yen-the").post("/api/v1/dossiers", json={"name": "Gà đồi"})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_input"
    message = missing.json()["message"]
    assert "producer: thiếu giá trị" in message
    assert "Field required" not in message
