"""A council scores in a real browser (issue 21): a member fills one sheet with the keyboard
only, the chair opens the session, reopens a sheet with a reason and closes; a provincial 4★
follows from the sheets and a failed mandatory criterion stops a 95-point product."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page
from tests.conftest import at
from tests.states.evaluation.councils_setup import (
    EIGHTY,
    EIGHTY_FIVE,
    HUNDRED,
    MEETING,
    MEMBERS,
    NINETY_FIVE_FAILED,
    SEVENTY,
    provincial_council,
    score_all,
)
from tests.web.conftest import PASSWORD
from use_cases import councils as uc
from use_cases.identity import set_password

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def keyboard_sheet(page: Any, sheet: dict[str, str]) -> None:
    """Tab into each criterion's options and choose with the arrow keys, as a person would."""
    page.locator('input[name="c:A0"]').first.focus()
    for n, option in enumerate(sheet.values()):
        if n:
            page.keyboard.press("Tab")
        for _ in range(int(option)):
            page.keyboard.press("ArrowRight")


def test_a_council_scores_through_the_browser(browser: Any, server: Server, shots: Path) -> None:
    rt = server.site.rt
    council, (four_star, failed) = provincial_council(rt, dossiers=2)
    for name in MEMBERS:
        set_password(rt, "admin", name, PASSWORD, must_change=False)
    at(rt, MEETING)

    chair = open_page(browser)
    log_in(chair, server, "chu-tich")
    chair.goto(f"{server.url}/councils/{council}")
    chair.get_by_role("button", name="Mở phiên họp").click()
    chair.get_by_text("Đã mở phiên họp.").wait_for()

    member = open_page(browser)
    log_in(member, server, "uy-vien-1")
    member.goto(f"{server.url}/councils/{council}")
    assert "đã xong 0, còn 2" in member.content()
    member.get_by_role("link", name=re.compile("Chấm hồ sơ tiếp theo")).click()
    assert "TẠM THỜI" in member.content() and "Thực phẩm" in member.content()
    keyboard_sheet(member, SEVENTY)
    member.locator("#total").get_by_text("70").wait_for()  # saved and summed by the server
    member.screenshot(path=str(shots / "sheet-by-keyboard.png"), full_page=True)
    assert uc.sheet(rt, "uy-vien-1", council, four_star).total == 70
    member.keyboard.press("Control+Enter")  # save and go to the next dossier
    member.wait_for_url(re.compile(rf"/dossiers/{failed}\?done=saved"))
    member.goto(f"{server.url}/councils/{council}/dossiers/{four_star}")
    member.get_by_label(re.compile("Tôi xác nhận nộp phiếu")).check()
    member.get_by_role("button", name="Nộp phiếu").click()
    member.get_by_text("Đã nộp phiếu: phiếu đã khoá.").wait_for()
    assert member.locator('input[name="c:A0"]').first.is_disabled()

    score_all(rt, council, four_star, {"chu-tich": EIGHTY, "thu-ky-hd": EIGHTY_FIVE,
                                       "uy-vien-2": EIGHTY})
    score_all(rt, council, failed, {"chu-tich": NINETY_FIVE_FAILED, "thu-ky-hd": NINETY_FIVE_FAILED,
                                    "uy-vien-1": NINETY_FIVE_FAILED, "uy-vien-2": HUNDRED})
    member.reload()
    assert "chỉ hiện khi" not in member.content()  # all submitted: the sheets are shown

    chair.goto(f"{server.url}/councils/{council}")
    chair.get_by_label("Hồ sơ", exact=True).select_option(str(four_star))
    chair.get_by_label("Thành viên", exact=True).select_option("uy-vien-2")
    chair.get_by_label("Lý do mở lại").fill("Chấm nhầm tiêu chí B1")
    chair.get_by_role("button", name="Mở lại phiếu").click()
    chair.get_by_text("Đã mở lại phiếu của thành viên").wait_for()
    assert "lý do: Chấm nhầm tiêu chí B1" in chair.locator("#reopenings").inner_text()
    score_all(rt, council, four_star, {"uy-vien-2": EIGHTY})

    chair.goto(f"{server.url}/councils/{council}")
    chair.get_by_label(re.compile("Tôi xác nhận kết thúc phiên họp")).check()
    chair.get_by_role("button", name="Kết thúc phiên họp").click()
    chair.get_by_text("Hội đồng đã kết thúc phiên họp").wait_for()
    chair.screenshot(path=str(shots / "council-closed.png"), full_page=True)
    rows = chair.locator("#results tbody tr")
    assert "78,75" in rows.nth(0).inner_text() or "78.75" in rows.nth(0).inner_text()
    assert "4 sao" in rows.nth(0).inner_text()
    assert "không xếp hạng" in rows.nth(1).inner_text() and "A0" in rows.nth(1).inner_text()
    assert "Chấm nhầm tiêu chí B1" in chair.locator("#reopenings").inner_text()
