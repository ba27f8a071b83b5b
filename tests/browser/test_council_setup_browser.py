"""A council set up in a real browser (issue 21): the Department creates it, seats its members,
adds a dossier, sets the meeting and the package, opens the session (a refusal shows beside its
form through htmx), acknowledges a discrepancy as the chair, closes, and downloads the minutes,
whose text names the council."""

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page
from tests.builders import advance, register
from tests.conftest import at
from tests.states.evaluation.councils_setup import (
    EIGHTY,
    HUNDRED,
    MEETING,
    SEVENTY,
    fixture_sheet,
    score_all,
    seat_people,
)
from use_cases import councils as uc

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
NAME = "Hội đồng OCOP tỉnh đợt 1"
SEATS = (("admin", "chair"), ("thu-ky-hd", "secretary"), ("uy-vien-1", "member"),
         ("uy-vien-2", "member"))


def set_up(page: Any, server: Server, dossier: int) -> int:
    page.goto(f"{server.url}/councils")
    page.get_by_role("button", name="Lập hội đồng mới").click()
    page.get_by_label("Tên hội đồng").fill(NAME)
    level = page.locator("#new-level option", has_text="Hội đồng cấp tỉnh").first
    page.get_by_label("Đợt đánh giá và cấp hội đồng").select_option(level.get_attribute("value"))
    page.get_by_label("Đơn vị lập hội đồng").select_option("bac-giang")
    page.get_by_role("button", name="Lập hội đồng").click()
    page.get_by_text("Đã lập hội đồng").wait_for()
    found = re.search(r"/councils/(\d+)/setup", page.url)
    assert found and "Cấp tỉnh" in page.content() and "QĐ 1048/QĐ-TTg" in page.content()
    for user, role in SEATS:
        page.get_by_label("Người dùng", exact=True).select_option(user)
        page.get_by_label("Vai trò", exact=True).select_option(role)
        page.get_by_role("button", name="Thêm thành viên").click()
        page.locator("#members td", has_text=re.compile(f"^{user}$")).wait_for()
    page.get_by_label(re.compile(f"Hồ sơ {dossier}: Sản phẩm 1 \\(Thực phẩm\\)")).check()
    page.get_by_role("button", name="Thêm hồ sơ").click()
    page.locator("#agenda td", has_text="Sản phẩm 1").wait_for()
    page.get_by_label("Ngày họp", exact=True).fill("2022-03-07")
    page.get_by_role("button", name="Đặt ngày họp").click()
    page.get_by_text("Đã đặt ngày họp.").wait_for()
    page.get_by_label("Ngày thành viên nhận hồ sơ và mẫu").fill("2022-03-01")
    page.get_by_role("button", name="Ghi ngày gửi").click()
    page.get_by_text("Đã ghi ngày gửi tài liệu.").wait_for()
    assert "hạn chậm nhất 03/03/2022" in page.content()
    return int(found.group(1))


def test_a_council_is_set_up_closed_and_printed_through_the_browser(
        browser: Any, server: Server, shots: Path, tmp_path: Path) -> None:
    rt = server.site.rt
    rt.sheet_finder = fixture_sheet
    seat_people(rt)
    dossier = register(rt, name="Sản phẩm 1", producer="HTX số 1")
    advance(rt, dossier, "provincial_review")
    page = open_page(browser)
    log_in(page, server, "admin")
    council = set_up(page, server, dossier)
    page.get_by_role("button", name="Mở phiên họp").click()  # before the meeting day
    page.get_by_role("alert").get_by_text("Chưa đến ngày họp 07/03/2022").wait_for()
    assert uc.show(rt, "admin", council).status == "forming"
    page.screenshot(path=str(shots / "setup-refused.png"), full_page=True)
    at(rt, MEETING)
    page.get_by_role("button", name="Mở phiên họp").click()
    page.get_by_text("Đã mở phiên họp.").wait_for()
    # 100 against 70, 80, 80: 17,5 points from the mean of 82,5, a discrepancy to discuss.
    score_all(rt, council, dossier, {"admin": HUNDRED, "thu-ky-hd": SEVENTY, "uy-vien-1": EIGHTY,
                                     "uy-vien-2": EIGHTY})
    page.reload()
    page.get_by_role("button", name=f"Ghi nhận chênh lệch hồ sơ {dossier}").click()
    page.get_by_text("Đã ghi nhận chênh lệch điểm.").wait_for()
    page.get_by_label(re.compile("Tôi xác nhận kết thúc phiên họp")).check()
    page.get_by_role("button", name="Kết thúc phiên họp").click()
    page.get_by_role("status").get_by_text("Hội đồng đã kết thúc phiên họp").wait_for()
    page.get_by_role("link", name="trang của hội đồng", exact=True).click()
    page.screenshot(path=str(shots / "council-printouts.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Biên bản họp (PDF)").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    assert pdf.name == f"bien-ban-hop-hoi-dong-{council}.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert NAME in text and "BIÊN BẢN HỌP" in text and "đạt 4 sao" in text
