"""Council scoring pages (issue 21) through TestClient: the words a member reads, drafts saved
through htmx, and every bad input refused with one sentence, its status and no change."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.conftest import at
from tests.states.evaluation.councils_setup import (
    EIGHTY,
    MEETING,
    MEMBERS,
    SEVENTY,
    provincial_council,
    score_all,
)
from tests.web.conftest import PASSWORD, Site, csrf_of
from use_cases import councils as uc
from use_cases.identity import set_password


@pytest.fixture
def council(site: Site) -> Iterator[tuple[Site, int, list[int]]]:
    council_id, dossiers = provincial_council(site.rt, dossiers=2)
    for name in MEMBERS:
        set_password(site.rt, "admin", name, PASSWORD, must_change=False)
    at(site.rt, MEETING)
    yield site, council_id, dossiers


def post(client: TestClient, path: str, data: dict[str, str], page: str,
         headers: dict[str, str] | None = None) -> Response:
    token = csrf_of(client.get(page).text)
    reply: Response = client.post(path, data={"csrf": token, **data}, headers=headers or {},
                                  follow_redirects=False)
    return reply


def choices(sheet: dict[str, str]) -> dict[str, str]:
    return {f"c:{code}": option for code, option in sheet.items()}


def test_the_member_reads_vietnamese_words_and_scores_as_a_draft(
        council: tuple[Site, int, list[int]]) -> None:
    site, council_id, (first, second) = council
    uc.open_session(site.rt, "chu-tich", council_id)
    member = site.login("uy-vien-1")
    listing = member.get(f"/councils/{council_id}").text
    assert "Cấp tỉnh" in listing and "QĐ 1048/QĐ-TTg" in listing and "Thực phẩm" in listing
    assert "đã xong 0, còn 2" in listing and "TẠM THỜI" in listing
    assert "qd1048" not in listing and "provincial" not in listing
    screen = f"/councils/{council_id}/dossiers/{first}"
    page = member.get(screen).text
    assert "Phần A. Sản xuất" in page and 'name="c:A0"' in page and "(tiêu chí bắt buộc)" in page
    reply = post(member, f"{screen}/draft", {"c:A1": "2", "c:B1": "3"}, screen,
                 {"HX-Request": "true"})
    assert reply.status_code == 200 and 'id="totals"' in reply.text
    assert ">35<" in reply.text.replace(" ", "")
    saved = uc.sheet(site.rt, "uy-vien-1", council_id, first)
    assert (saved.parts, saved.status) == ({"A": 10, "B": 25, "C": 0}, "draft")
    # Without JS: a plain submit saves and "save and next" goes on to the next dossier.
    reply = post(member, f"{screen}/draft", {"c:C1": "1", "then": "next"}, screen)
    assert reply.headers["location"] == (
        f"/councils/{council_id}/dossiers/{second}?done=saved")


def test_bad_inputs_get_one_sentence_their_status_and_no_change(
        council: tuple[Site, int, list[int]]) -> None:
    site, council_id, (first, _) = council
    screen = f"/councils/{council_id}/dossiers/{first}"
    member = site.login("uy-vien-1")
    early = post(member, f"{screen}/draft", {"c:A1": "1"}, f"/councils/{council_id}")
    assert early.status_code == 409 and "chưa mở" in early.text
    chair = site.login("chu-tich")
    closing = post(chair, f"/councils/{council_id}/close", {"confirm": "yes"},
                   f"/councils/{council_id}")
    assert closing.status_code == 409
    uc.open_session(site.rt, "chu-tich", council_id)

    wrong = post(member, f"{screen}/draft", {"c:A1": "1", "c:A2": "9"}, screen)
    assert wrong.status_code == 422 and "không có lựa chọn &#39;9&#39;" in wrong.text
    assert uc.sheet(site.rt, "uy-vien-1", council_id, first).total == 0  # A1 not kept either
    unconfirmed = post(member, f"{screen}/submit", choices(SEVENTY), screen)
    assert unconfirmed.status_code == 422
    incomplete = post(member, f"{screen}/submit", {"confirm": "yes", "c:A1": "1"}, screen)
    assert incomplete.status_code == 409 and "chưa chấm" in incomplete.text
    done = post(member, f"{screen}/submit", {"confirm": "yes", **choices(SEVENTY)}, screen)
    assert done.status_code == 303
    twice = post(member, f"{screen}/submit", {"confirm": "yes", **choices(EIGHTY)}, screen)
    assert twice.status_code == 409 and "đã nộp" in twice.text
    assert uc.sheet(site.rt, "uy-vien-1", council_id, first).total == 70

    outsider = site.login("can-bo-yen-the")
    assert outsider.get(screen).status_code == 403
    other = site.login("uy-vien-2")
    post(other, f"{screen}/conflict", {"reason": "Người thân của chủ thể"}, screen)
    conflicted = post(other, f"{screen}/draft", choices(EIGHTY), f"/councils/{council_id}")
    assert conflicted.status_code == 409 and "xung đột lợi ích" in conflicted.text
    early_close = post(chair, f"/councils/{council_id}/close", {"confirm": "yes"},
                       f"/councils/{council_id}")
    assert early_close.status_code == 409
    assert uc.show(site.rt, "chu-tich", council_id).status == "in_session"


def test_others_sheets_stay_hidden_until_all_have_submitted(
        council: tuple[Site, int, list[int]]) -> None:
    site, council_id, (first, _) = council
    uc.open_session(site.rt, "chu-tich", council_id)
    screen = f"/councils/{council_id}/dossiers/{first}"
    score_all(site.rt, council_id, first, {"chu-tich": EIGHTY, "thu-ky-hd": EIGHTY,
                                          "uy-vien-1": SEVENTY})
    member = site.login("uy-vien-1")
    assert "chỉ hiện khi mọi thành viên đã nộp" in member.get(screen).text
    score_all(site.rt, council_id, first, {"uy-vien-2": EIGHTY})
    page = member.get(screen).text
    assert "chỉ hiện khi" not in page and page.count("<td>80</td>") >= 3


def test_the_closed_results_are_published_once_from_the_councils_page(
        council: tuple[Site, int, list[int]]) -> None:
    site, council_id, dossiers = council
    uc.open_session(site.rt, "chu-tich", council_id)
    page = f"/councils/{council_id}"
    admin = site.login("admin")
    early = post(admin, f"{page}/publish", {"confirm": "yes"}, page)
    assert early.status_code == 409 and "chưa kết thúc phiên họp" in early.text
    for dossier in dossiers:
        score_all(site.rt, council_id, dossier, {m: EIGHTY for m in MEMBERS})
    uc.close(site.rt, "chu-tich", council_id)
    shown = admin.get(page).text
    assert "Chưa công bố kết quả; thời hạn khiếu nại 5 ngày" in shown and "tạm thời" in shown
    assert f'action="{page}/publish"' in shown
    assert 'name="published_on" type="date" max="2022-03-07" value="2022-03-07"' in shown
    unconfirmed = post(admin, f"{page}/publish", {}, page)
    assert unconfirmed.status_code == 422 and uc.show(site.rt, "admin", council_id).published_at is None
    future = post(admin, f"{page}/publish", {"confirm": "yes", "published_on": "2022-03-08"}, page)
    assert future.status_code == 422 and "08/03/2022 không thể ở tương lai" in future.text
    assert uc.show(site.rt, "admin", council_id).published_at is None
    done = post(admin, f"{page}/publish", {"confirm": "yes", "published_on": ""}, page)  # today
    assert done.status_code == 303 and done.headers["location"] == f"{page}?done=publish"
    shown = admin.get(f"{page}?done=publish").text
    assert "Đã công bố kết quả" in shown and f'action="{page}/publish"' not in shown
    assert ("Công bố kết quả ngày 07/03/2022; thời hạn khiếu nại 5 ngày làm việc, đến hết ngày "
            "14/03/2022") in shown
    twice = post(admin, f"{page}/publish", {"confirm": "yes"}, page)
    assert twice.status_code == 409 and "đã công bố ngày 07/03/2022" in twice.text
    assert "đến hết ngày 14/03/2022" in site.login("chu-tich").get(page).text  # members read it
