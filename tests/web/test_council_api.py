"""/api/v1/councils on SQLite and PostgreSQL: a council of four scores through the API, the
province recognises 4 stars from the sheets, a mandatory failure stops a 95-point product, a
reopened sheet is in the dossier's history, and bad input is a status, a sentence, no change."""

from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.builders import advance, register
from tests.conftest import at
from tests.states.evaluation.councils_setup import (
    EIGHTY,
    EIGHTY_FIVE,
    MEETING,
    MEMBERS,
    NINETY_FIVE_FAILED,
    SEVENTY,
    fixture_sheet,
    seat_people,
)
from tests.web.conftest import Site
from tests.web.test_api import api
from use_cases.queries import dossier_history, show_dossier


def council_in_session(site: Site, dossiers: int = 1) -> tuple[int, list[int]]:
    rt = at(site.rt, date(2022, 3, 1))
    rt.sheet_finder = fixture_sheet
    seat_people(rt)
    ids = [register(rt, name=f"Sản phẩm {n}", producer=f"HTX số {n}") for n in range(dossiers)]
    for dossier in ids:
        advance(rt, dossier, "provincial_review")
    admin = api(site, "admin")
    made = admin.post("/api/v1/councils", json={
        "name": "Hội đồng tỉnh", "level": "provincial", "unit": "bac-giang",
        "round": show_dossier(rt, "admin", ids[0]).round})
    assert made.status_code == 201, made.text
    council = made.json()["id"]
    assert made.headers["Location"] == f"/api/v1/councils/{council}"
    roles = ["chair", "secretary", "member", "member"]
    set_up = admin.post(f"/api/v1/councils/{council}/setup", json={
        "members": [{"user": u, "role": r} for u, r in zip(MEMBERS, roles, strict=True)],
        "dossiers": ids, "meeting_on": MEETING.isoformat(), "package_sent_on": "2022-03-01"})
    assert set_up.status_code == 200, set_up.text
    at(rt, MEETING)
    assert api(site, "chu-tich").post(f"/api/v1/councils/{council}/open", json={}).status_code == 200
    return council, ids


def sheet_url(council: int, dossier: int) -> str:
    return f"/api/v1/councils/{council}/dossiers/{dossier}"


def score(site: Site, council: int, dossier: int, member: str, choices: dict[str, str]) -> TestClient:
    client = api(site, member)
    saved = client.put(sheet_url(council, dossier) + "/sheet", json={"choices": choices})
    assert saved.status_code == 200, saved.text
    assert client.post(sheet_url(council, dossier) + "/submit").status_code == 200
    return client


def test_four_stars_from_the_members_sheets(any_site: Site) -> None:
    council, [dossier] = council_in_session(any_site)
    for member, sheet in zip(MEMBERS, [EIGHTY, EIGHTY_FIVE, SEVENTY, EIGHTY], strict=True):
        score(any_site, council, dossier, member, sheet)
    chair = api(any_site, "chu-tich")
    result = chair.get(sheet_url(council, dossier) + "/result").json()
    assert (result["average"], result["stars"], result["discrepant"]) == (78.75, 4, False)
    other = chair.get(sheet_url(council, dossier) + "/sheet", params={"member": "uy-vien-1"})
    assert other.json()["total"] == 70 and other.json()["parts"] == {"A": 25, "B": 15, "C": 30}
    assert chair.post(f"/api/v1/councils/{council}/close").json()["results"][0]["stars"] == 4
    admin = api(any_site, "admin")
    early = admin.post(f"/api/v1/dossiers/{dossier}/steps/certify", json={
        "decision": "5/QĐ-UBND", "on": MEETING.isoformat()})
    assert early.status_code == 409 and "chưa được công bố" in early.json()["message"]
    published = admin.post(f"/api/v1/councils/{council}/publish")
    assert published.status_code == 200, published.text
    # No body: published today, Monday 07/03; 5 working days skip the weekend of 12–13/03.
    assert published.json()["complaint_ends_on"] == "2022-03-14"
    assert published.json()["published_at"].startswith("2022-03-07")
    twice = admin.post(f"/api/v1/councils/{council}/publish")
    assert (twice.status_code, twice.json()["code"]) == (409, "rule_refused")
    at(any_site.rt, date(2022, 3, 14))
    waiting = admin.post(f"/api/v1/dossiers/{dossier}/steps/certify", json={
        "decision": "5/QĐ-UBND", "on": "2022-03-14"})
    assert waiting.status_code == 409 and "đến hết ngày 14/03/2022" in waiting.json()["message"]
    at(any_site.rt, date(2022, 3, 15))
    certified = admin.post(f"/api/v1/dossiers/{dossier}/steps/certify", json={
        "decision": "5/QĐ-UBND", "on": "2022-03-15"})
    assert certified.status_code == 200, certified.text
    assert certified.json()["certificate"]["stars"] == 4


def test_the_publication_day_is_said_in_iso_and_checked(any_site: Site) -> None:
    council, [dossier] = council_in_session(any_site)
    for member in MEMBERS:
        score(any_site, council, dossier, member, EIGHTY)
    assert api(any_site, "chu-tich").post(f"/api/v1/councils/{council}/close").status_code == 200
    at(any_site.rt, date(2022, 3, 9))
    admin = api(any_site, "admin")
    url = f"/api/v1/councils/{council}/publish"
    for body, status, code, words in [
            ({"published_on": "2022-03-10"}, 409, "conflicting_input", "không thể ở tương lai"),
            ({"published_on": "2022-03-04"}, 409, "conflicting_input", "trước ngày hội đồng"),
            ({"published_on": "09/03/2022"}, 422, "invalid_input", "published_on"),
            ({"on": "2022-03-08"}, 422, "invalid_input", "ở on: khoá này không được dùng")]:
        refused = admin.post(url, json=body)
        assert (refused.status_code, refused.json()["code"]) == (status, code), refused.text
        assert words in refused.json()["message"], refused.json()["message"]
        assert admin.get(f"/api/v1/councils/{council}").json()["published_at"] is None
    published = admin.post(url, json={"published_on": "2022-03-08"})
    assert published.status_code == 200, published.text
    assert published.json()["published_at"].startswith("2022-03-08")
    assert published.json()["complaint_ends_on"] == "2022-03-15"
    assert "5 ngày làm việc, đến hết ngày 15/03/2022" in published.json()["complaint_window"]


def test_a_mandatory_failure_stops_a_95_point_product(any_site: Site) -> None:
    council, [dossier] = council_in_session(any_site)
    for member in MEMBERS:
        score(any_site, council, dossier, member, NINETY_FIVE_FAILED)
    closed = api(any_site, "chu-tich").post(f"/api/v1/councils/{council}/close").json()
    assert closed["results"][0]["average"] == 95
    assert closed["results"][0]["failed_mandatory"] == ["A0 (4/4 thành viên)"]
    refused = api(any_site, "admin").post(f"/api/v1/dossiers/{dossier}/steps/certify", json={
        "decision": "5/QĐ-UBND", "on": MEETING.isoformat()})
    assert refused.status_code == 409 and "không đạt tiêu chí bắt buộc: A0" in refused.json()["message"]


def test_a_reopened_sheet_is_audited(any_site: Site) -> None:
    council, [dossier] = council_in_session(any_site)
    score(any_site, council, dossier, "uy-vien-1", EIGHTY)
    reopened = api(any_site, "chu-tich").post(sheet_url(council, dossier) + "/reopen", json={
        "member": "uy-vien-1", "reason": "Nhầm tiêu chí C1"})
    assert reopened.status_code == 200 and reopened.json()["status"] == "draft"
    history = api(any_site, "admin").get(f"/api/v1/dossiers/{dossier}").json()
    assert history["state"] == "provincial_review"
    events = [e for e in dossier_history(any_site.rt, "admin", dossier)
              if e.trigger == "reopen_sheet"]
    assert [(e.actor, e.note) for e in events] == [("chu-tich", "Nhầm tiêu chí C1")]


@pytest.mark.parametrize(("user", "method", "path", "body", "status", "code", "words"), [
    # Well formed (the schema cannot know each sheet's options), but not on this criterion.
    ("uy-vien-1", "put", "/sheet", {"choices": {"A1": "7"}}, 409, "conflicting_input",
     "không có lựa chọn '7'"),
    ("uy-vien-1", "put", "/sheet", {"choices": {}}, 422, "invalid_input", "choices"),
    ("admin", "put", "/sheet", {"choices": {"A1": "1"}}, 403, "forbidden", "không phải thành viên"),
    ("uy-vien-2", "put", "/sheet", {"choices": {"A1": "1"}}, 409, "rule_refused", "xung đột lợi ích"),
    ("chu-tich", "post", "/submit", None, 409, "rule_refused", "đã nộp"),
    ("uy-vien-1", "get", "/sheet?member=chu-tich", None, 403, "forbidden", "mọi thành viên đã nộp"),
    ("chu-tich", "post", "/../../close", None, 409, "rule_refused", "chưa nộp phiếu"),
    ("admin", "post", "/../../publish", None, 409, "rule_refused", "chưa kết thúc phiên họp"),
    ("can-bo-yen-the", "post", "/../../publish", None, 403, "forbidden", "đơn vị mình"),
])
def test_bad_input(site: Site, user: str, method: str, path: str, body: dict[str, object] | None,
                   status: int, code: str, words: str) -> None:
    council, [dossier] = council_in_session(site)
    api(site, "uy-vien-2").post(sheet_url(council, dossier) + "/conflict",
                                json={"reason": "Người nhà"})
    score(site, council, dossier, "chu-tich", EIGHTY)
    admin = api(site, "admin")
    before = admin.get(f"/api/v1/councils/{council}").json()
    url = sheet_url(council, dossier) + path
    if path.startswith("/../../"):
        url = f"/api/v1/councils/{council}/" + path.removeprefix("/../../")
    reply = getattr(api(site, user), method)(url, **({"json": body} if body is not None else {}))
    assert reply.status_code == status, reply.text
    assert reply.json()["code"] == code and words in reply.json()["message"]
    assert admin.get(f"/api/v1/councils/{council}").json() == before
