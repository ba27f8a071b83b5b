"""If-Match on the /api/v1 writes of a versioned record (RFC 9110 §13.1.1): the ETag a read
gave back, compared strongly; 412 and nothing written when it is not the current one."""

from fastapi.testclient import TestClient

from tests.builders import register
from tests.web.conftest import Site
from tests.web.test_api import api
from use_cases.queries import dossier_history, show_dossier

INSPECT = {"on": "2022-03-01", "inspectors": "An, Bình", "minutes": "BB-1"}


def _dossier(site: Site) -> tuple[TestClient, int, str]:
    """A registered dossier, the admin's client, and the ETag its read answers."""
    dossier_id = register(site.rt)
    client = api(site, "admin")
    read = client.get(f"/api/v1/dossiers/{dossier_id}")
    assert read.headers["ETag"] == f'"{read.json()["version"]}"'
    return client, dossier_id, read.headers["ETag"]


def _unchanged(site: Site, dossier_id: int, version: int) -> None:
    view = show_dossier(site.rt, "admin", dossier_id)
    assert view.version == version and view.state == "registered"
    assert [e.trigger for e in dossier_history(site.rt, "admin", dossier_id)] == ["register"]


def test_the_current_etag_takes_the_step_and_the_answer_has_the_next(site: Site) -> None:
    client, dossier_id, tag = _dossier(site)
    reply = client.post(f"/api/v1/dossiers/{dossier_id}/steps/inspect", json=INSPECT,
                        headers={"If-Match": f'W/"0", {tag}'})
    assert reply.status_code == 200, reply.json()
    assert reply.json()["state"] == "district_inspected"
    assert reply.headers["ETag"] == f'"{reply.json()["version"]}"' != tag


def test_an_old_or_weak_etag_is_412_and_writes_nothing(site: Site) -> None:
    client, dossier_id, tag = _dossier(site)
    version = int(tag.strip('"'))
    url = f"/api/v1/dossiers/{dossier_id}/steps/inspect"
    for sent in (f'"{version + 1}"', f"W/{tag}", '"x"'):
        reply = client.post(url, json=INSPECT, headers={"If-Match": sent})
        assert reply.status_code == 412, (sent, reply.json())
        assert reply.json()["code"] == "precondition_failed"
        assert "không có gì được ghi" in reply.json()["message"]
    _unchanged(site, dossier_id, version)


def test_if_match_must_agree_with_the_body_version(site: Site) -> None:
    client, dossier_id, tag = _dossier(site)
    version = int(tag.strip('"'))
    reply = client.post(f"/api/v1/dossiers/{dossier_id}/steps/inspect",
                        json={**INSPECT, "version": version + 1}, headers={"If-Match": tag})
    assert reply.status_code == 412 and "khác nhau" in reply.json()["message"]
    _unchanged(site, dossier_id, version)


def test_star_and_no_header_leave_the_body_version_in_charge(site: Site) -> None:
    client, dossier_id, tag = _dossier(site)
    version = int(tag.strip('"'))
    url = f"/api/v1/dossiers/{dossier_id}/steps/inspect"
    stale = client.post(url, json={**INSPECT, "version": version + 1}, headers={"If-Match": "*"})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    _unchanged(site, dossier_id, version)
    assert client.post(url, json=INSPECT, headers={"If-Match": "*"}).status_code == 200
    absent = client.post(f"/api/v1/dossiers/{dossier_id}/steps/withdraw", json={"version": version})
    assert absent.status_code == 409 and absent.json()["code"] == "stale_version"


def test_an_unknown_dossier_is_404_before_the_precondition(site: Site) -> None:
    client = api(site, "admin")
    reply = client.post("/api/v1/dossiers/999/steps/inspect", json=INSPECT,
                        headers={"If-Match": '"1"'})
    assert reply.status_code == 404


def test_the_schema_declares_if_match_and_412_on_every_step(site: Site) -> None:
    paths = site.client().get("/api/openapi.json").json()["paths"]
    steps = [item["post"] for path, item in paths.items() if "/steps/" in path]
    assert steps
    for operation in steps:
        headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert headers == ["If-Match"], operation["operationId"]
        assert "412" in operation["responses"], operation["operationId"]
        assert "ETag" in operation["responses"]["200"]["headers"]
