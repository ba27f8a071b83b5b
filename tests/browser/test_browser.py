"""What a district officer and the Department do, in a real browser, selecting elements by
their labels as a person would. Screenshots of every page land in test-artefacts/."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.builders import advance, register
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
Page = Any


def open_page(browser: Any, width: int = 1366, height: int = 768) -> Page:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def log_in(page: Page, server: Server, name: str, shots: Path | None = None) -> None:
    page.goto(f"{server.url}/login")
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    if shots:
        page.screenshot(path=str(shots / "login.png"), full_page=True)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/(\?.*)?$"))


def step_form(page: Page, name: str) -> Any:
    """A step's form: the fieldset named by its legend."""
    return page.get_by_role("group", name=name)


def dossier_id(page: Page) -> int:
    found = re.search(r"/dossiers/(\d+)", page.url)
    assert found, page.url
    return int(found.group(1))


def count_in_box(page: Page, state: str) -> str:
    return str(page.locator(f'a[data-state="{state}"] text.count').first.text_content())


def test_district_officer_takes_a_dossier_to_the_province_and_the_department_certifies(
        browser: Any, server: Server, shots: Path) -> None:
    department = open_page(browser)
    log_in(department, server, "admin")
    department.goto(f"{server.url}/dashboard")
    assert count_in_box(department, "provincial_review") == "0 hồ sơ"
    department.screenshot(path=str(shots / "dashboard-before.png"), full_page=True)

    page = open_page(browser)
    log_in(page, server, "can-bo-yen-the", shots)
    page.screenshot(path=str(shots / "worklist.png"), full_page=True)
    page.get_by_role("link", name="Đăng ký sản phẩm").click()
    assert page.get_by_label("Đơn vị *").input_value() == "yen-the"  # preselected
    page.get_by_label("Tên chủ thể *").fill("HTX Gà đồi Yên Thế")
    page.get_by_label("Tên sản phẩm *").fill("Gà đồi Yên Thế")
    page.get_by_label("Nhóm sản phẩm *").select_option("food")
    page.screenshot(path=str(shots / "register.png"), full_page=True)
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url(re.compile(r"/dossiers/\d+"))

    inspect = step_form(page, "Ghi biên bản kiểm tra thực tế")
    inspect.get_by_label("Người kiểm tra *").fill("Nguyễn Văn An, Trần Thị Bình")
    inspect.get_by_label("Số biên bản").fill("BB-12")
    inspect.get_by_role("button", name="Ghi biên bản kiểm tra thực tế").click()
    page.get_by_text("Đã ghi: ghi biên bản kiểm tra thực tế").wait_for()
    score = step_form(page, "Ghi điểm hội đồng cấp huyện")
    score.get_by_label("Điểm từng thành viên hội đồng").fill("62, 58, 64")
    score.get_by_role("button", name="Ghi điểm hội đồng cấp huyện").click()
    page.get_by_text("Đã ghi: ghi điểm hội đồng cấp huyện").wait_for()
    for document in ("Phiếu đăng ký", "Phương án", "Bản mô tả", "giấy đăng ký kinh doanh",
                     "05 mẫu"):
        page.get_by_label(re.compile(document)).first.check()
    page.get_by_role("button", name="Lưu danh mục hồ sơ").click()
    page.get_by_text("Đã ghi: cập nhật danh mục hồ sơ").wait_for()
    page.screenshot(path=str(shots / "dossier-scored.png"), full_page=True)
    step_form(page, "Chuyển hồ sơ lên tỉnh").get_by_role("button").click()
    page.get_by_text("Đang đánh giá cấp tỉnh").first.wait_for()
    number = dossier_id(page)

    department.reload()
    assert count_in_box(department, "provincial_review") == "1 hồ sơ"
    department.goto(f"{server.url}/dossiers/{number}")
    certify = step_form(department, "Công nhận sản phẩm")
    certify.get_by_label("Điểm từng thành viên hội đồng").fill("76, 78")
    certify.get_by_label("Số quyết định").fill("1563/QĐ-UBND")
    certify.get_by_label("Ngày quyết định").fill("2022-03-01")
    certify.get_by_role("button", name="Công nhận sản phẩm").click()
    department.get_by_text("Đã công nhận").first.wait_for()
    department.screenshot(path=str(shots / "dossier-certified.png"), full_page=True)
    department.goto(f"{server.url}/dashboard")
    assert count_in_box(department, "certified") == "1 hồ sơ"
    assert count_in_box(department, "provincial_review") == "0 hồ sơ"
    department.screenshot(path=str(shots / "dashboard-after.png"), full_page=True)
    for path in ("/stuck", "/campaigns", "/outbox", "/admin/users", "/admin/units", "/api/docs"):
        department.goto(server.url + path)
        department.screenshot(path=str(shots / f"{path.strip('/').replace('/', '-')}.png"),
                              full_page=True)


def test_a_refused_step_shows_its_reason_in_vietnamese(browser: Any, server: Server,
                                                      shots: Path) -> None:
    number = register(server.site.rt, unit="Huyện Yên Thế")
    advance(server.site.rt, number, "district_scored", district=45)
    page = open_page(browser)
    log_in(page, server, "can-bo-yen-the")
    page.goto(f"{server.url}/dossiers/{number}")
    forward = step_form(page, "Chuyển hồ sơ lên tỉnh")
    assert "điểm cấp huyện 45 < 50" in str(forward.get_by_role("note").text_content())
    assert forward.get_by_role("button").is_disabled()
    page.screenshot(path=str(shots / "refused.png"), full_page=True)


def test_after_logout_pages_send_you_to_login(browser: Any, server: Server) -> None:
    page = open_page(browser)
    log_in(page, server, "can-bo-yen-the")
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(re.compile(r"/login"))
    page.goto(f"{server.url}/register")
    assert "/login?next=/register" in page.url
    assert page.get_by_label("Tên đăng nhập").is_visible()


def test_another_units_dossier_url_is_not_found(browser: Any, server: Server, shots: Path) -> None:
    theirs = register(server.site.rt, unit="Huyện Lục Ngạn")
    page = open_page(browser)
    log_in(page, server, "can-bo-yen-the")
    reply = page.goto(f"{server.url}/dossiers/{theirs}")
    assert reply is not None and reply.status == 404
    assert page.get_by_role("heading", name="Không tìm thấy").is_visible()
    page.screenshot(path=str(shots / "not-found.png"), full_page=True)


def tab_to(page: Page, locator: Any, limit: int = 80) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"never reached {locator} with Tab")


def test_the_step_path_works_with_the_keyboard_alone(browser: Any, server: Server) -> None:
    number = register(server.site.rt, unit="Huyện Yên Thế")
    page = open_page(browser)
    page.goto(f"{server.url}/login")
    tab_to(page, page.get_by_label("Tên đăng nhập"))
    page.keyboard.type("can-bo-yen-the")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/(\?.*)?$"))
    tab_to(page, page.get_by_role("link", name=re.compile(f"#{number} ")))
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"/dossiers/{number}"))
    tab_to(page, step_form(page, "Ghi biên bản kiểm tra thực tế").get_by_label("Người kiểm tra *"))
    page.keyboard.type("Nguyễn Văn An")
    page.keyboard.press("Enter")
    page.get_by_text("Đã ghi: ghi biên bản kiểm tra thực tế").wait_for()
    tab_to(page, step_form(page, "Ghi điểm hội đồng cấp huyện").get_by_label(
        "Điểm từng thành viên hội đồng"))
    page.keyboard.type("40, 44")
    page.keyboard.press("Enter")
    page.get_by_text("Đã ghi: ghi điểm hội đồng cấp huyện").wait_for()
    tab_to(page, step_form(page, "Trả lại hồ sơ").get_by_label("Lý do trả lại *"))
    page.keyboard.type("Chưa đạt 50 điểm")
    tab_to(page, step_form(page, "Trả lại hồ sơ").get_by_role("button"))
    page.keyboard.press("Enter")
    page.get_by_text("Đã ghi: trả lại hồ sơ").wait_for()
    assert page.get_by_text("Trả lại (không đủ điểm chuyển tỉnh)").first.is_visible()


@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_the_worklist_reads_on_a_laptop_and_a_phone(browser: Any, server: Server, shots: Path,
                                                   width: int, height: int) -> None:
    for n in range(12):
        register(server.site.rt, unit="Huyện Yên Thế", name=f"Sản phẩm số {n} có tên khá dài")
    page = open_page(browser, width, height)
    log_in(page, server, "can-bo-yen-the")
    page.screenshot(path=str(shots / f"worklist-{width}.png"), full_page=True)
    # Nothing wider than the screen: the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    link = page.get_by_role("link", name=re.compile("Sản phẩm số 0 "))
    assert link.is_visible()
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert page.get_by_role("link", name=re.compile("Việc của tôi")).is_visible() or width < 600


def test_the_worklist_filters_in_place_with_htmx(browser: Any, server: Server) -> None:
    register(server.site.rt, unit="Huyện Yên Thế", name="Gà đồi Yên Thế")
    register(server.site.rt, unit="Huyện Yên Thế", name="Mật ong bạc hà")
    page = open_page(browser)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            else None)
    log_in(page, server, "can-bo-yen-the")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Tìm sản phẩm hoặc chủ thể").fill("mat ong")  # no accents typed
    page.get_by_role("link", name=re.compile("Gà đồi")).wait_for(state="detached")
    assert page.get_by_role("link", name=re.compile("Mật ong bạc hà")).is_visible()
    assert page.evaluate("window.notReloaded") is True  # swapped in place, not a new page
    assert "q=mat+ong" in page.url or "q=mat%20ong" in page.url
    assert errors == []  # nothing refused by the Content-Security-Policy


def test_every_step_form_works_without_javascript(browser: Any, server: Server) -> None:
    number = register(server.site.rt, unit="Huyện Yên Thế")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, server, "can-bo-yen-the")
    page.goto(f"{server.url}/dossiers/{number}")
    inspect = step_form(page, "Ghi biên bản kiểm tra thực tế")
    inspect.get_by_label("Người kiểm tra *").fill("Nguyễn Văn An")
    inspect.get_by_role("button", name="Ghi biên bản kiểm tra thực tế").click()
    page.get_by_text("Đã ghi: ghi biên bản kiểm tra thực tế").wait_for()
    page.goto(f"{server.url}/?q=khong-co")
    assert page.get_by_text("Không có hồ sơ nào.").is_visible()
