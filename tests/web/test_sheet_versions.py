"""Issue 21's drafts, saved as the member works, from two tabs: the save made from an older
version of the sheet is refused (409 stale_version, 412 with If-Match) and writes nothing; the
page's htmx save says so in the totals instead of failing silently."""

from typing import Any

from tests.states.evaluation.councils_setup import EIGHTY
from tests.web.conftest import PASSWORD, Site
from tests.web.test_api import api
from tests.web.test_council_api import council_in_session, sheet_url
from tests.web.test_council_pages import post
from use_cases.identity import set_password


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
