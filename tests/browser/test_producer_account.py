"""A producer on a phone, in a real browser: the officer invites it from the dossier page, the
e-mail's link (from the file outbox) sets its password, it logs in, fills in the registration
form, saves a draft, submits, and sees its dossier registered; another's dossier is not found."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.producer_steps import (
    PHONE,
    PRODUCER,
    fits_the_screen,
    log_in_after_setup,
    officer_invites,
    type_new_password,
)
from tests.browser.test_browser import open_page
from tests.builders import register

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_invite_set_password_fill_in_save_submit_on_a_phone(
        browser: Any, server: Server, shots: Path, tmp_path: Path) -> None:
    dossier = register(server.site.rt)
    other = register(server.site.rt, name="Vải sấy", producer="HTX Khác")
    officer = officer_invites(browser, server, dossier)
    officer.screenshot(path=str(shots / "officer-invited.png"), full_page=True)

    page = open_page(browser, *PHONE)
    type_new_password(page, server, tmp_path / "outbox")
    page.screenshot(path=str(shots / "setup-phone.png"), full_page=True)
    fits_the_screen(page, PHONE[0])
    log_in_after_setup(page)

    page.get_by_role("button", name="Điền phiếu đăng ký mới").click()
    page.get_by_label("Mẫu 02 - sản phẩm đã có").check()
    page.get_by_label("Tên sản phẩm *").fill("Mật ong hoa vải")
    page.get_by_role("button", name="Lưu bản nháp").click()
    page.get_by_text("Đã lưu bản nháp.").wait_for()
    page.get_by_label("Nhóm sản phẩm *").select_option(label="Thực phẩm")
    page.get_by_label("Phân nhóm (nếu có)").fill("Mật ong")
    page.get_by_label("Tiêu chuẩn công bố", exact=False).fill("TCCS 01:2022/HTX\nVietGAP")
    page.get_by_label("Điện thoại").fill("0912345678")
    page.screenshot(path=str(shots / "form-phone.png"), full_page=True)
    fits_the_screen(page, PHONE[0])
    page.get_by_role("button", name="Nộp phiếu đăng ký").click()
    page.get_by_text("Đã nộp phiếu đăng ký.").wait_for()
    assert page.get_by_role("heading", name=re.compile("Mật ong hoa vải")).is_visible()
    assert page.get_by_text("Đã đăng ký").first.is_visible()
    page.screenshot(path=str(shots / "dossier-phone.png"), full_page=True)
    fits_the_screen(page, PHONE[0])
    found = re.search(r"/producer/dossiers/(\d+)", page.url)
    assert found, page.url

    reply = page.goto(f"{server.url}/producer/dossiers/{other}")
    assert reply is not None and reply.status == 404
    assert page.get_by_text(f"Không có hồ sơ số {other}.").is_visible()
    # The officer sees the new dossier, its history under the producer's own name.
    officer.goto(f"{server.url}/dossiers/{found.group(1)}")
    officer.get_by_text(f"{PRODUCER}: cập nhật phiếu đăng ký").wait_for()
    officer.screenshot(path=str(shots / "officer-sees-the-dossier.png"), full_page=True)
