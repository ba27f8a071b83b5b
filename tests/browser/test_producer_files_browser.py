"""The joined path in Chromium (issue 25), on the local store and on the S3 store: the officer
invites a producer, the producer (on a phone) sets its password from the e-mail's link, fills in
and submits the form, uploads every mandatory document; the officer rejects one with a reason,
the producer reads it (and the e-mail's link to its page) and replaces the file; the officer
accepts them all and records the field inspection."""

import email
import re
from pathlib import Path
from typing import Any

import pytest

from notifiers.settings import NotifierSettings
from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page, step_form
from tests.browser.test_files_browser import REQUIRED
from tests.browser.test_producer_account import PHONE, PRODUCER, fits_the_screen, link_in_outbox
from tests.builders import register
from tests.storage.stores import PDF, PNG
from tests.web.conftest import PASSWORD
from use_cases.outbox import send

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
REASON = "Bản kế hoạch thiếu chữ ký của chủ thể"


def producer_upload(page: Any, document: str, path: Path) -> None:
    page.get_by_label("Tài liệu", exact=True).select_option(document)
    page.get_by_label(re.compile("^Tệp \\(PDF")).set_input_files(str(path))
    page.get_by_role("button", name="Nộp tệp").click()
    page.get_by_text("Đã nộp tệp: cán bộ OCOP sẽ kiểm tra.").wait_for()


def rejection_link(server: Server, folder: Path) -> str:
    send(server.site.rt, "admin", NotifierSettings(notifier="file", outbox_dir=folder))
    [letter] = folder.glob("file-rejected_*.eml")
    parsed = email.message_from_bytes(letter.read_bytes())
    # To the producer's address on record and to its account's, who uploads the new version.
    assert parsed["To"] == f"htx.vaithieu@example.vn, {PRODUCER}"
    text = next(part.get_payload(decode=True) for part in parsed.walk()
                if part.get_content_type() == "text/plain")
    assert isinstance(text, bytes) and REASON in text.decode()
    found = re.search(r"http://\S+/producer/dossiers/\d+", text.decode())
    assert found, text
    return found.group(0)


def producer_signs_up_and_submits(browser: Any, server: Server, outbox: Path) -> tuple[Any, int]:
    page = open_page(browser, *PHONE)
    page.goto(link_in_outbox(server, outbox))
    page.get_by_label("Mật khẩu (ít nhất 10 ký tự)", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Đặt mật khẩu").click()
    page.get_by_text("Đã đặt mật khẩu: hãy đăng nhập.").wait_for()
    page.get_by_label("Tên đăng nhập").fill(PRODUCER)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/producer$"))
    page.get_by_role("button", name="Điền phiếu đăng ký mới").click()
    page.get_by_label("Tên sản phẩm *").fill("Mật ong hoa vải")
    page.get_by_label("Nhóm sản phẩm *").select_option(label="Thực phẩm")
    page.get_by_label("Tiêu chuẩn công bố", exact=False).fill("TCCS 01:2022/HTX")
    page.get_by_role("button", name="Nộp phiếu đăng ký").click()
    page.get_by_text("Hãy nộp tệp các tài liệu dưới đây.").wait_for()
    found = re.search(r"/producer/dossiers/(\d+)", page.url)
    assert found, page.url
    return page, int(found.group(1))


def test_a_producer_completes_its_own_dossier_and_the_officer_checks_it(
        browser: Any, files_server: Server, tmp_path: Path, shots: Path) -> None:
    server = files_server
    invited_from = register(server.site.rt)
    officer = open_page(browser)
    log_in(officer, server, "admin")
    officer.goto(f"{server.url}/dossiers/{invited_from}")
    officer.get_by_label("Email của chủ thể (để trống: email đã ghi)").fill(PRODUCER)
    officer.get_by_role("button", name="Mời chủ thể dùng tài khoản").click()
    officer.get_by_text("đã mời, chưa đặt mật khẩu").wait_for()

    page, number = producer_signs_up_and_submits(browser, server, tmp_path / "outbox")
    for n, document in enumerate(REQUIRED):
        path = tmp_path / f"tai-lieu-{n}.pdf"
        path.write_bytes(PDF + bytes([n]))
        producer_upload(page, document, path)
    assert page.get_by_text("Chờ kiểm tra").count() >= len(REQUIRED)
    page.screenshot(path=str(shots / "producer-uploaded-phone.png"), full_page=True)
    fits_the_screen(page, PHONE[0])

    officer.goto(f"{server.url}/dossiers/{number}")
    officer.get_by_label("Lý do từ chối tệp tai-lieu-1.pdf").fill(REASON)
    officer.get_by_role("button", name="Từ chối tệp tai-lieu-1.pdf").click()
    officer.get_by_text(REASON).first.wait_for()

    # The e-mail leads the producer straight to its page, where the reason is.
    page.goto(rejection_link(server, tmp_path / "outbox-2"))
    page.get_by_text(f"Lý do: {REASON}").wait_for()
    replaced = tmp_path / "ke-hoach-ban-2.png"
    replaced.write_bytes(PNG)
    producer_upload(page, "business-plan", replaced)
    page.screenshot(path=str(shots / "producer-replaced-phone.png"), full_page=True)
    fits_the_screen(page, PHONE[0])

    officer.goto(f"{server.url}/dossiers/{number}")
    for name in ("tai-lieu-0.pdf", "ke-hoach-ban-2.png", "tai-lieu-2.pdf", "tai-lieu-3.pdf"):
        officer.get_by_role("button", name=f"Chấp nhận tệp {name}").click()
        officer.get_by_text("Đã ghi: kiểm tra tài liệu").wait_for()
    officer.get_by_label(re.compile("05 mẫu")).first.check()
    officer.get_by_role("button", name="Lưu danh mục hồ sơ").click()
    officer.get_by_text("Đã ghi: cập nhật danh mục hồ sơ").wait_for()
    inspect = step_form(officer, "Ghi biên bản kiểm tra thực tế")
    inspect.get_by_label("Người kiểm tra *").fill("Nguyễn Văn An")
    inspect.get_by_role("button", name="Ghi biên bản kiểm tra thực tế").click()
    officer.get_by_text("Đã ghi: ghi biên bản kiểm tra thực tế").wait_for()

    # Out of the producer's hands now: its page says so and offers no upload.
    page.reload()
    page.get_by_text("Hồ sơ đã qua bước tiếp nhận: không nộp thêm tệp được nữa.").wait_for()
    assert page.get_by_text("Đã chấp nhận").count() >= len(REQUIRED)
    page.screenshot(path=str(shots / "producer-inspected-phone.png"), full_page=True)
