"""Issue 21's drafts, saved as the member works, from two tabs: the save made from an older
version of the sheet is refused (409 stale_version, 412 with If-Match) and writes nothing; the
page's htmx save says so in the totals instead of failing silently. The chair's reopening of a
member's sheet names the version read the same way."""

from typing import Any

from fastapi.testclient import TestClient

from tests.states.evaluation.councils_setup import EIGHTY, MEMBERS
from tests.web.conftest import PASSWORD, Site
from tests.web.test_api import api
from tests.web.test_council_api import council_in_session, score, sheet_url
from tests.web.test_council_pages import post
from use_cases.identity import set_password
from use_cases.queries import dossier_history


def _saved(site: Site, council: int, dossier: int) -> dict[str, Any]:
    sheet: dict[str, Any] = api(site, "uy-vien-1").get(sheet_url(council, dossier) + "/sheet").json()
    return sheet


def test_a_save_from_an_older_version_is_refused_and_writes_nothing(site: Site) -> None:
    council, [dossier] = council_in_session(site)
    url = sheet_url(council, dossier) + "/sheet"
    tab_one, tab_two = api(site, "uy-vien-1"), api(site, "uy-vien-1")
    first = tab_one.get(url)
    assert first.json()["version"] == 0 and first.headers["ETag"] == '"0"'
    saved = tab_one.put(url, json={"choices": {"A0": "1"}, "version": 0})
    assert saved.status_code == 200, saved.text
    assert saved.json()["version"] == 1 and saved.headers["ETag"] == '"1"'
    again = tab_one.put(url, json={"choices": {"A1": "2"}, "version": 1})
    assert again.json()["version"] == 2, again.text
    stale = tab_two.put(url, json={"choices": {"A0": "0"}, "version": 1})
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    assert "không có gì được ghi" in stale.json()["message"]
    precondition = tab_two.put(url, json={"choices": {"A0": "0"}}, headers={"If-Match": '"1"'})
    assert precondition.status_code == 412
    sheet = _saved(site, council, dossier)
    assert sheet["version"] == 2
    assert {line["code"]: line["option"] for line in sheet["lines"]}["A0"] == "1"


def test_if_match_on_the_sheet_saves_and_submits(site: Site) -> None:
    council, [dossier] = council_in_session(site)
    member = api(site, "uy-vien-1")
    url = sheet_url(council, dossier)
    tag = member.get(url + "/sheet").headers["ETag"]
    saved = member.put(url + "/sheet", json={"choices": EIGHTY}, headers={"If-Match": tag})
    assert saved.status_code == 200, saved.text
    assert member.post(url + "/submit", headers={"If-Match": tag}).status_code == 412
    assert _saved(site, council, dossier)["status"] == "draft"
    submitted = member.post(url + "/submit", headers={"If-Match": saved.headers["ETag"]})
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert member.put(url + "/sheet", json={"choices": EIGHTY}, headers={"If-Match": "*"}
                      ).status_code == 409  # submitted: locked, as without If-Match


def test_the_page_carries_the_version_and_a_stale_htmx_save_says_so(site: Site) -> None:
    council, [dossier] = council_in_session(site)
    for name in ("uy-vien-1",):
        set_password(site.rt, "admin", name, PASSWORD, must_change=False)
    api(site, "uy-vien-1").put(sheet_url(council, dossier) + "/sheet",
                               json={"choices": {"A0": "1"}})
    member = site.login("uy-vien-1")
    screen = f"/councils/{council}/dossiers/{dossier}"
    assert 'name="version" id="sheet-version" value="1"' in member.get(screen).text
    htmx = {"HX-Request": "true"}
    saved = post(member, f"{screen}/draft", {"c:A1": "2", "version": "1"}, screen, htmx)
    assert saved.status_code == 200 and 'value="2" hx-swap-oob="true"' in saved.text
    stale = post(member, f"{screen}/draft", {"c:A0": "0", "version": "1"}, screen, htmx)
    assert stale.status_code == 200 and 'role="alert"' in stale.text, stale.text
    assert "vừa được lưu ở nơi khác" in stale.text and "hx-swap-oob" not in stale.text
    plain = post(member, f"{screen}/draft", {"c:A0": "0", "version": "1"}, screen)
    assert plain.status_code == 409 and "vừa được lưu ở nơi khác" in plain.text
    sheet = _saved(site, council, dossier)
    assert sheet["version"] == 2
    assert {line["code"]: line["option"] for line in sheet["lines"]}["A0"] == "1"


def _all_submitted(site: Site) -> tuple[TestClient, str, dict[str, str]]:
    """Every member submitted; the chair's client, the sheet's URL and each sheet's ETag as the
    chair reads it."""
    council, [dossier] = council_in_session(site)
    for member in MEMBERS:
        score(site, council, dossier, member, EIGHTY)
    chair, url = api(site, "chu-tich"), sheet_url(council, dossier)
    tags = {m: chair.get(url + "/sheet", params={"member": m}).headers["ETag"] for m in MEMBERS}
    return chair, url, tags


def _reopenings(site: Site, url: str) -> list[str | None]:
    dossier = int(url.rsplit("/", 1)[1])
    return [e.note for e in dossier_history(site.rt, "admin", dossier) if e.trigger == "reopen_sheet"]


def test_the_chair_reopens_against_the_etag_read_and_gets_the_next(site: Site) -> None:
    chair, url, tags = _all_submitted(site)
    reopened = chair.post(url + "/reopen", json={"member": "uy-vien-1", "reason": "Nhầm C1"},
                          headers={"If-Match": tags["uy-vien-1"]})
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["status"] == "draft"
    assert reopened.headers["ETag"] == f'"{reopened.json()["version"]}"' != tags["uy-vien-1"]
    # The other sheets are hidden again now, but the tags read before still reopen them.
    again = chair.post(url + "/reopen", json={"member": "uy-vien-2", "reason": "Nhầm B1"},
                       headers={"If-Match": tags["uy-vien-2"]})
    assert again.status_code == 200, again.text
    assert _reopenings(site, url) == ["Nhầm C1", "Nhầm B1"]
    member = api(site, "uy-vien-1").get(url + "/sheet")
    assert member.headers["ETag"] == reopened.headers["ETag"]


def test_a_stale_reopening_is_412_or_409_and_writes_nothing(site: Site) -> None:
    chair, url, tags = _all_submitted(site)
    version = int(tags["uy-vien-1"].strip('"'))
    body = {"member": "uy-vien-1", "reason": "Nhầm C1"}
    for sent in (f'"{version - 1}"', f"W/{tags['uy-vien-1']}", tags["uy-vien-2"] + "x"):
        refused = chair.post(url + "/reopen", json=body, headers={"If-Match": sent})
        assert refused.status_code == 412, (sent, refused.text)
        assert refused.json()["code"] == "precondition_failed"
        assert "không có gì được ghi" in refused.json()["message"]
    disagree = chair.post(url + "/reopen", json={**body, "version": version - 1},
                          headers={"If-Match": tags["uy-vien-1"]})
    assert disagree.status_code == 412 and "khác nhau" in disagree.json()["message"]
    stale = chair.post(url + "/reopen", json={**body, "version": version - 1},
                       headers={"If-Match": "*"})
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_version")
    assert "không có gì được ghi" in stale.json()["message"]
    read = chair.get(url + "/sheet", params={"member": "uy-vien-1"})
    assert read.json()["status"] == "submitted" and read.headers["ETag"] == tags["uy-vien-1"]
    assert _reopenings(site, url) == []


def test_star_or_the_body_version_reopens(site: Site) -> None:
    chair, url, tags = _all_submitted(site)
    star = chair.post(url + "/reopen", json={"member": "uy-vien-1", "reason": "Nhầm C1"},
                      headers={"If-Match": "*"})
    assert star.status_code == 200 and star.json()["status"] == "draft", star.text
    by_body = chair.post(url + "/reopen", json={"member": "uy-vien-2", "reason": "Nhầm B1",
                                                "version": int(tags["uy-vien-2"].strip('"'))})
    assert by_body.status_code == 200 and by_body.headers["ETag"] != tags["uy-vien-2"]
    assert _reopenings(site, url) == ["Nhầm C1", "Nhầm B1"]


def test_the_schema_declares_if_match_on_every_sheet_write(site: Site) -> None:
    paths = site.client().get("/api/openapi.json").json()["paths"]
    sheet = "/api/v1/councils/{council_id}/dossiers/{dossier_id}"
    for path, method in (("/sheet", "put"), ("/submit", "post"), ("/reopen", "post")):
        operation = paths[sheet + path][method]
        assert [p["name"] for p in operation["parameters"] if p["in"] == "header"] == ["If-Match"]
        assert {"409", "412"} <= set(operation["responses"]), path
        assert operation["responses"]["412"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorBody"}
        assert "ETag" in operation["responses"]["200"]["headers"], path
