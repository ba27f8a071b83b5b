"""The officer's file path in Chromium (issue 25), on the local store and on the S3 store: a
dossier of files, the documents uploaded from the dossier page, one rejected with a reason and
replaced, all accepted, the inspection allowed only then, each file read inline."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page, step_form
from tests.builders import register
from tests.storage.stores import PDF, PNG
from use_cases.document_files import mark_paper

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
REQUIRED = ("registration-form", "business-plan", "organisation", "business-registration")


def upload(page: Any, document: str, path: Path) -> None:
    page.get_by_label("Tài liệu", exact=True).select_option(document)
    page.get_by_label(re.compile("^Tệp \\(PDF")).set_input_files(str(path))
    page.get_by_role("button", name="Nộp tệp").click()
    page.get_by_text("Đã ghi: nộp tệp tài liệu").wait_for()


def test_the_officer_checks_each_document_before_inspecting(browser: Any, files_server: Server,
                                                            tmp_path: Path, shots: Path) -> None:
    rt = files_server.site.rt
    number = register(rt, unit="Huyện Yên Thế")
    mark_paper(rt, "admin", number, False)
    page = open_page(browser)
    log_in(page, files_server, "can-bo-yen-the")
    page.goto(f"{files_server.url}/dossiers/{number}")
    inspect = step_form(page, "Ghi biên bản kiểm tra thực tế")
    assert "tài liệu bắt buộc chưa được chấp nhận" in inspect.inner_text()
    for n, document in enumerate(REQUIRED):
        path = tmp_path / f"tai-lieu-{n}.pdf"
        path.write_bytes(PDF + bytes([n]))
        upload(page, document, path)
    page.get_by_label("Lý do từ chối tệp tai-lieu-1.pdf").fill("Thiếu chữ ký của chủ thể")
    page.get_by_role("button", name="Từ chối tệp tai-lieu-1.pdf").click()
    page.get_by_text("Thiếu chữ ký của chủ thể").first.wait_for()
    replaced = tmp_path / "tai-lieu-1-ban-2.png"
    replaced.write_bytes(PNG)
    upload(page, "business-plan", replaced)
    for name in ("tai-lieu-0.pdf", "tai-lieu-1-ban-2.png", "tai-lieu-2.pdf", "tai-lieu-3.pdf"):
        page.get_by_role("button", name=f"Chấp nhận tệp {name}").click()
        page.get_by_text("Đã ghi: kiểm tra tài liệu").wait_for()
    page.get_by_label(re.compile("05 mẫu")).first.check()
    page.get_by_role("button", name="Lưu danh mục hồ sơ").click()
    page.get_by_text("Đã ghi: cập nhật danh mục hồ sơ").wait_for()
    page.screenshot(path=str(shots / "dossier-files.png"), full_page=True)
    with page.expect_popup() as opened:
        page.get_by_role("link", name="tai-lieu-1-ban-2.png").click()
    assert opened.value.evaluate("document.contentType") == "image/png"
    inspect = step_form(page, "Ghi biên bản kiểm tra thực tế")
    inspect.get_by_label("Người kiểm tra *").fill("Nguyễn Văn An")
    inspect.get_by_role("button", name="Ghi biên bản kiểm tra thực tế").click()
    page.get_by_text("Đã ghi: ghi biên bản kiểm tra thực tế").wait_for()
    assert "không nộp hay kiểm tra tệp được nữa" in page.content()
