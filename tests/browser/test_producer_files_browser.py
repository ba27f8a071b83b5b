"""The joined path in Chromium (issue 25), on the local store and on the S3 store: the officer
invites a producer, the producer (on a phone) sets its password from the e-mail's link, fills in
and submits the form, uploads every mandatory document; the officer rejects one with a reason,
the producer reads it (and the e-mail's link to its page) and replaces the file; the officer
accepts them all and records the field inspection; a member of the local council opens the
accepted files from the scoring screen (a PDF inline) and downloads the dossier's .zip, whose
index lists them, each read in the dossier's history under the member's name."""

import csv
import email
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from notifiers.settings import NotifierSettings
from states.vocabulary import CouncilLevel, CouncilRole
from tests.browser import producer_steps as steps
from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page, step_form
from tests.browser.test_files_browser import REQUIRED
from tests.builders import register
from tests.states.evaluation.councils_setup import fixture_sheet
from tests.storage.stores import PDF, PNG
from use_cases import councils as uc
from use_cases.outbox import send
from use_cases.queries import show_dossier

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
REASON = "Bản kế hoạch thiếu chữ ký của chủ thể"
ACCEPTED = ("tai-lieu-0.pdf", "ke-hoach-ban-2.png", "tai-lieu-2.pdf", "tai-lieu-3.pdf")
# A member who, as an officer of another unit, would not see the dossier but for the seat.
MEMBER = "can-bo-yen-the"


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
    assert parsed["To"] == f"htx.vaithieu@example.vn, {steps.PRODUCER}"
    text = next(part.get_payload(decode=True) for part in parsed.walk()
                if part.get_content_type() == "text/plain")
    assert isinstance(text, bytes) and REASON in text.decode()
    found = re.search(r"http://\S+/producer/dossiers/\d+", text.decode())
    assert found, text
    return found.group(0)


def producer_signs_up_and_submits(browser: Any, server: Server, outbox: Path) -> tuple[Any, int]:
    page = open_page(browser, *steps.PHONE)
    steps.type_new_password(page, server, outbox)
    steps.log_in_after_setup(page)
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
    officer = steps.officer_invites(browser, server, register(server.site.rt))
    page, number = producer_signs_up_and_submits(browser, server, tmp_path / "outbox")
    for n, document in enumerate(REQUIRED):
        path = tmp_path / f"tai-lieu-{n}.pdf"
        path.write_bytes(PDF + bytes([n]))
        producer_upload(page, document, path)
    assert page.get_by_text("Chờ kiểm tra").count() >= len(REQUIRED)
    page.screenshot(path=str(shots / "producer-uploaded-phone.png"), full_page=True)
    steps.fits_the_screen(page, steps.PHONE[0])

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
    steps.fits_the_screen(page, steps.PHONE[0])

    officer.goto(f"{server.url}/dossiers/{number}")
    for name in ACCEPTED:
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
    a_council_member_reads_the_files(browser, server, number, officer, page, shots)


def seat_a_member(server: Server, number: int) -> int:
    """The local council that scores the inspected dossier, with MEMBER on it."""
    rt = server.site.rt
    rt.sheet_finder = fixture_sheet
    dossier = show_dossier(rt, "admin", number)
    council = uc.create(rt, "admin", name="Hội đồng OCOP cấp huyện đợt 1", level=CouncilLevel.LOCAL,
                        round_code=dossier.round, unit=dossier.unit_code).id
    uc.add_members(rt, "admin", council, [(MEMBER, CouncilRole.MEMBER)])
    uc.add_dossiers(rt, "admin", council, [number])
    return council


def a_council_member_reads_the_files(browser: Any, server: Server, number: int, officer: Any,
                                     producer: Any, shots: Path) -> None:
    """Step 6: the member's scoring screen loads the files; a PDF opens inline in a new tab;
    the .zip downloads and its index lists every accepted file (not the rejected one)."""
    council = seat_a_member(server, number)
    member = open_page(browser)
    log_in(member, server, MEMBER)
    outside = member.goto(f"{server.url}/dossiers/{number}")
    assert outside is not None and outside.status == 404  # the seat is what lets it read
    member.goto(f"{server.url}/councils/{council}/dossiers/{number}")
    files = member.locator("#dossier-files")
    files.get_by_text("Phương án / kế hoạch kinh doanh (mẫu 03)").wait_for()
    assert "tai-lieu-1.pdf" not in files.inner_text()  # rejected: not the council's to read
    member.screenshot(path=str(shots / "member-files.png"), full_page=True)
    with member.expect_popup() as opened, member.context.expect_event(
            "response", lambda r: re.search(r"/files/\d+$", r.url) is not None) as answered:
        files.get_by_role("link", name="tai-lieu-0.pdf").click()
    reply = answered.value
    assert reply.status == 200 and reply.headers["content-type"] == "application/pdf"
    assert reply.headers["content-disposition"] == 'inline; filename="tai-lieu-0.pdf"'
    assert reply.headers["x-content-type-options"] == "nosniff"
    # Chromium shows it in its PDF viewer (the page's own body is the viewer); the bytes served:
    assert member.request.get(reply.url).body() == PDF + bytes([0])
    opened.value.close()
    with member.expect_download() as downloading:
        files.get_by_role("link", name=re.compile("Tải cả hồ sơ")).click()
    download = downloading.value
    assert download.suggested_filename == f"ho-so-{number}.zip"
    archive = zipfile.ZipFile(download.path())
    index = list(csv.DictReader(io.StringIO(archive.read("muc-luc.csv").decode("utf-8-sig"))))
    assert sorted(row["Tên tệp gốc"] for row in index) == sorted(ACCEPTED)
    assert all(row["Người chấp nhận"] == "admin" and len(row["SHA-256"]) == 64 for row in index)
    # Each read is on the dossier's record, under the member's name; the producer reads none.
    officer.goto(f"{server.url}/dossiers/{number}")
    reads = officer.get_by_text(f"{MEMBER}: mở đọc tệp tài liệu (hội đồng)")
    reads.first.wait_for()
    assert reads.count() == 2  # the tab, and the bytes fetched again above: each read a row
    officer.get_by_text(f"{MEMBER}: tải gói hồ sơ .zip (hội đồng)").wait_for()
    refused = producer.goto(f"{server.url}/councils/{council}/dossiers/{number}/files")
    assert refused is not None and refused.status == 404
