"""The public look-up, training and the "chưa xác định xã" list in a real browser, selected by
their labels as a person would. Screenshots of every page land in test-artefacts/."""

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from states.db.models import Certificate, Dossier, Product
from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page
from tests.conftest import at
from tests.registry.lists import BAC_GIANG, filled_template
from tests.registry.test_certificate_pdf import qr_of
from tests.registry.test_import_products import run
from tests.states.reorganisation.test_reorganise import SWITCH, registered, switch
from tests.web.test_dashboard_plan import PLAN_2022
from tests.web.test_training_pages import attendance_sheet
from use_cases import plans

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def shot(page: Any, shots: Path, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


def console_errors(page: Any) -> list[str]:
    """Errors the page logs (a script or style the Content-Security-Policy refused)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            else None)
    return errors


def test_the_public_finds_a_product_typed_without_accents_and_its_qr_code_leads_to_its_page(
        browser: Any, server: Server, shots: Path, tmp_path: Path) -> None:
    rt = at(server.site.rt, date(2023, 1, 10))
    run(rt, filled_template(rt, BAC_GIANG, tmp_path / "ds.xlsx"))
    public = browser.new_context(java_script_enabled=False, locale="vi-VN").new_page()
    public.goto(f"{server.url}/tra-cuu")
    shot(public, shots, "lookup")
    public.get_by_label("Tên sản phẩm hoặc chủ thể").fill("vai thieu")
    public.get_by_role("button", name="Tra cứu").click()
    public.wait_for_url(re.compile(r"q=vai\+thieu"))
    row = public.get_by_role("row", name=re.compile("Vải thiều sấy khô"))
    assert "Còn hiệu lực đến ngày 25/07/2025" in str(row.text_content())
    assert public.get_by_role("link", name="Mỳ Chũ").count() == 0
    shot(public, shots, "lookup-results")
    public.get_by_role("link", name="Vải thiều sấy khô").click()
    public.get_by_role("heading", name="Vải thiều sấy khô").wait_for()
    shot(public, shots, "certificate-page")

    with rt.transaction() as session:
        dossier = session.scalar(
            select(Certificate.dossier_id).join(Dossier, Certificate.dossier_id == Dossier.id)
            .join(Product, Dossier.product_id == Product.id)
            .where(Product.name == "Vải thiều sấy khô"))
    department = open_page(browser)
    log_in(department, server, "admin")
    department.goto(f"{server.url}/dossiers/{dossier}")
    with department.expect_download() as download:
        department.get_by_role("button", name="Tải giấy chứng nhận (PDF)").click()
    pdf = tmp_path / download.value.suggested_filename
    download.value.save_as(pdf)
    assert pdf.name.startswith("giay-chung-nhan-") and pdf.read_bytes().startswith(b"%PDF")
    url = qr_of(pdf)
    assert url.startswith(f"{server.url}/tra-cuu/giay-chung-nhan/")
    public.goto(url)
    assert public.get_by_role("heading", name="Vải thiều sấy khô").is_visible()
    assert public.get_by_text("Còn hiệu lực đến ngày 25/07/2025.").is_visible()
    assert public.get_by_text("HTX Vải thiều Phượng Sơn").is_visible()
    shot(public, shots, "certificate-from-qr")
    phone = open_page(browser, 390, 844)  # where a QR code is scanned
    for path in (url, f"{server.url}/tra-cuu?q=my+chu"):
        phone.goto(path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
    shot(phone, shots, "lookup-phone")


def test_the_department_opens_a_course_records_attendance_and_sees_the_coverage(
        browser: Any, server: Server, shots: Path, tmp_path: Path) -> None:
    plans.load_plan_files(server.site.rt, "admin", [PLAN_2022])
    page = open_page(browser)
    errors = console_errors(page)
    log_in(page, server, "admin")
    page.get_by_role("link", name="Tập huấn").click()
    page.get_by_label("Tên lớp *").fill("Tập huấn nghiệp vụ OCOP 2022")
    page.get_by_label("Đơn vị tổ chức *").fill("Sở NN&PTNT Bắc Giang")
    page.get_by_label("Ngày bắt đầu *").fill("2022-02-21")
    page.get_by_label("Địa điểm *").fill("Hội trường Sở")
    page.get_by_label("Nội dung (mỗi dòng một nội dung)").fill("Quy trình đánh giá")
    for unit in ("Huyện Yên Thế", "Huyện Lục Ngạn"):
        page.get_by_label(unit, exact=True).check()
    shot(page, shots, "training")
    page.get_by_role("button", name="Mở lớp và gửi giấy mời").click()
    page.wait_for_url(re.compile(r"/training/\d+"))
    page.get_by_label("can-bo-yen-the (Huyện Yên Thế)").check()
    page.get_by_role("button", name="Ghi người tham dự").click()
    page.get_by_text("Đã ghi danh sách tham dự.").wait_for()
    sheet = tmp_path / "diem-danh.xlsx"
    sheet.write_bytes(attendance_sheet([[1, "can-bo-luc-ngan", "Huyện Lục Ngạn", "x"],
                                        [2, "Không Có Ai", "Lục Ngạn", "x"]]))
    page.get_by_label("Tệp danh sách điểm danh").set_input_files(str(sheet))
    page.get_by_role("button", name="Nhập danh sách").click()
    page.get_by_text(re.compile(r"Đã ghi 1 người \(can-bo-luc-ngan\)")).wait_for()
    assert page.get_by_role("cell", name="Huyện Lục Ngạn không có người dùng tên 'Không Có Ai'").is_visible()
    shot(page, shots, "training-course")
    page.get_by_role("link", name="Độ phủ tập huấn").last.click()
    page.wait_for_url(re.compile("/training/coverage"))
    for unit, status in (("Huyện Yên Thế", "Đủ"), ("Huyện Lục Ngạn", "Đủ"),
                         ("Huyện Sơn Động", "Thiếu cán bộ được tập huấn")):
        row = page.get_by_role("row", name=re.compile(unit))
        assert status in str(row.text_content()), unit
    assert page.get_by_text("8/10 đơn vị").is_visible()
    shot(page, shots, "training-coverage")
    page.goto(f"{server.url}/dashboard")
    assert page.get_by_role("heading", name="Kế hoạch năm 2022").is_visible()
    assert page.get_by_role("link", name="8/10 đơn vị").is_visible()
    shot(page, shots, "dashboard-plan")
    page.goto(f"{server.url}/consultants")
    assert page.get_by_role("rowheader", name="Chủ thể tự làm").is_visible()
    shot(page, shots, "consultants")
    assert errors == []


def test_the_department_settles_a_dossier_the_switch_could_not_place(
        browser: Any, server: Server, shots: Path) -> None:
    rt = at(server.site.rt, date(2022, 9, 1))
    unknown = registered(rt, "Lục Ngạn", "Mỳ Chũ")
    at(rt, SWITCH)
    switch(rt)
    page = open_page(browser)
    log_in(page, server, "admin")
    page.goto(f"{server.url}/dashboard")
    page.get_by_role("link", name="1 hồ sơ chưa xác định xã").click()
    page.wait_for_url(re.compile("/unsettled"))
    shot(page, shots, "unsettled")
    page.get_by_label(f"Đơn vị mới của hồ sơ #{unknown}").select_option(label="Xã Biển Động")
    page.get_by_role("button", name="Chuyển hồ sơ").click()
    page.get_by_text(f"Đã chuyển hồ sơ #{unknown} sang đơn vị Xã Biển Động.").wait_for()
    assert page.get_by_text("Không còn hồ sơ nào chưa xác định xã.").is_visible()
    shot(page, shots, "unsettled-settled")
    page.get_by_role("link", name=f"#{unknown}").click()
    assert page.get_by_role("cell", name="Xã Biển Động", exact=True).is_visible()
    shot(page, shots, "dossier-settled")
    page.goto(f"{server.url}/admin/units?on=2026-03-01&level=ward")
    assert page.get_by_text("33 đơn vị.").is_visible()
    shot(page, shots, "units-on-a-date")
    at(rt, date(2026, 3, 1))  # a round of QĐ 1489 registers in communes and wards
    page.goto(f"{server.url}/register")
    assert page.get_by_text(re.compile("đăng ký và đánh giá tại cấp xã")).is_visible()
    shot(page, shots, "register-commune-level")
