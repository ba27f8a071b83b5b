"""The steps a producer's account takes in Chromium, shared by the tests of issue 25: the
officer invites from the dossier page, the e-mail's link (from the file outbox) sets the
password, the producer logs in on a phone."""

import email
import re
from email.message import Message
from pathlib import Path
from typing import Any

from notifiers.settings import NotifierSettings
from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page
from tests.web.conftest import PASSWORD
from use_cases.outbox import send

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


def officer_invites(browser: Any, server: Server, dossier: int) -> Any:
    """The Department's officer, logged in, invites the dossier's producer: its page."""
    officer = open_page(browser)
    log_in(officer, server, "admin")
    officer.goto(f"{server.url}/dossiers/{dossier}")
    officer.get_by_label("Email của chủ thể (để trống: email đã ghi)").fill(PRODUCER)
    officer.get_by_role("button", name="Mời chủ thể dùng tài khoản").click()
    officer.get_by_text("đã mời, chưa đặt mật khẩu").wait_for()
    return officer


def type_new_password(page: Any, server: Server, outbox: Path) -> None:
    """From the e-mail's link: the password, typed twice (the form's fields filled, not sent)."""
    page.goto(link_in_outbox(server, outbox))
    page.get_by_text(PRODUCER).wait_for()
    page.get_by_label("Mật khẩu (ít nhất 10 ký tự)", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu", exact=True).fill(PASSWORD)


def log_in_after_setup(page: Any) -> None:
    """Send the password form, then log in with the new password: the producer's home."""
    page.get_by_role("button", name="Đặt mật khẩu").click()
    page.get_by_text("Đã đặt mật khẩu: hãy đăng nhập.").wait_for()
    page.get_by_label("Tên đăng nhập").fill(PRODUCER)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/producer$"))
