"""Issue 22: the dashboard's charts in a real browser, at a laptop's 1366×768 and a phone's
390×844. The screenshots are kept in test-artefacts/screenshots/ for a person to look at."""

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.browser.test_browser import log_in, open_page
from tests.web.test_dashboard_charts import CHARTS, a_year_of_work

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)],
                         ids=["laptop", "phone"])
def test_the_dashboard_charts_show_without_script_and_fit_the_screen(
        browser: Any, server: Server, shots: Path, width: int, height: int) -> None:
    a_year_of_work(server.site)
    page = open_page(browser, width, height)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, server, "admin")
    page.goto(f"{server.url}/dashboard")
    for code in CHARTS:
        chart = page.locator(f"#chart-{code}")
        assert chart.get_attribute("role") == "img"
        box = chart.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100, code
        # The picture is announced by its title (what a screen reader says for role="img").
        title = str(page.locator(f"#chart-{code}-title").text_content())
        assert page.get_by_role("img", name=re.compile(re.escape(title))).count() == 1, code
    # Wide charts scroll inside their own frame: each figure stays within the screen (the
    # navigation bar's own width on a phone is another matter, not the charts').
    for code in CHARTS:
        right = page.evaluate(f"document.getElementById('bieu-do-{code}')"
                              ".getBoundingClientRect().right")
        assert right <= width + 1, (code, right)
    page.screenshot(path=str(shots / f"dashboard-{width}x{height}.png"), full_page=True)
    for code in CHARTS:
        page.locator(f"#chart-{code}").screenshot(path=str(shots / f"chart-{code}-{width}.png"))
    page.locator("#chart-heatmap a").first.click()
    page.wait_for_url(re.compile(r"/\?state="))
    assert page.locator("a[href^='/dossiers/']").count() >= 1
    assert errors == []


def test_a_commune_officer_opens_their_unit_page_on_a_phone(
        browser: Any, server: Server, shots: Path) -> None:
    a_year_of_work(server.site)
    page = open_page(browser, 390, 844)
    log_in(page, server, "can-bo-yen-the")
    page.get_by_role("link", name="Đơn vị của tôi").click()
    page.wait_for_url(re.compile(r"/don-vi/yen-the$"))
    assert page.get_by_role("heading", name="Huyện Yên Thế").is_visible()
    assert page.get_by_role("img", name=re.compile("Sản phẩm được công nhận")).is_visible()
    page.screenshot(path=str(shots / "unit-page-390x844.png"), full_page=True)
