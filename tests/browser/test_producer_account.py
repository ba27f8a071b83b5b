"""A producer on a phone, in a real browser: the officer invites it from the dossier page, the
e-mail's link (from the file outbox) sets its password, it logs in, fills in the registration
form, saves a draft, submits, and sees its dossier registered; another's dossier is not found."""

import email
import re
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from notifiers.settings import NotifierSettings
from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page
from tests.builders import register
from tests.web.conftest import PASSWORD
from use_cases.outbox import send

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PHONE = (390, 844)
PRODUCER = "chu.the@example.vn"


def link_in_outbox(server: Server, folder: Path) -> str:
    """Deliver the outbox to .eml files, as the file transport does, and read the link."""
    send(server.site.rt, "admin", NotifierSettings(notifier="file", outbox_dir=folder))
    [letter] = folder.glob("producer-invitation_*.eml")
    parsed: Message = email.message_from_bytes(letter.read_bytes())
    assert parsed["To"] == PRODUCER
    text = next(part.get_payload(decode=True) for part in parsed.walk()
                if part.get_content_type() == "text/plain")
    assert isinstance(text, bytes)
    found = re.search(r"http://\S+/account/setup\?token=[\w-]+", text.decode())
    assert found, text
    return found.group(0)


def fits_the_screen(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_invite_set_password_fill_in_save_submit_on_a_phone(
        browser: Any, server: Server, shots: Path, tmp_path: Path) -> None:
    dossier = register(server.site.rt)
    other = register(server.site.rt, name="Vải sấy", producer="HTX Khác")
    officer = open_page(browser)
    log_in(officer, server, "admin")
    officer.goto(f"{server.url}/dossiers/{dossier}")
    officer.get_by_label("Email của chủ thể (để trống: email đã ghi)").fill(PRODUCER)
    officer.get_by_role("button", name="Mời chủ thể dùng tài khoản").click()
    officer.get_by_text("đã mời, chưa đặt mật khẩu").wait_for()
    officer.screenshot(path=str(shots / "officer-invited.png"), full_page=True)

    page = open_page(browser, *PHONE)
    page.goto(link_in_outbox(server, tmp_path / "outbox"))
    page.get_by_text(PRODUCER).wait_for()
    page.get_by_label("Mật khẩu (ít nhất 10 ký tự)", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu", exact=True).fill(PASSWORD)
    page.screenshot(path=str(shots / "setup-phone.png"), full_page=True)
    fits_the_screen(page, PHONE[0])
    page.get_by_role("button", name="Đặt mật khẩu").click()
    page.get_by_text("Đã đặt mật khẩu: hãy đăng nhập.").wait_for()
    page.get_by_label("Tên đăng nhập").fill(PRODUCER)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/producer$"))

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
