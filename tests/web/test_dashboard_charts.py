"""Issue 22: the dashboard's charts, drawn on the server: each one says what its table says,
is described for a screen reader, links its heat map's cells to the worklist, and is drawn
once per reading of the dashboard's counts."""

import re
import xml.etree.ElementTree as ET
from datetime import date

from states.db.models import Dossier
from states.lifecycle.deadlines import due_at_on
from states.oversight.calendar_counts import due_by_week
from tests.builders import advance, register
from tests.conftest import at
from tests.web.conftest import Site
from use_cases import dossiers as c
from use_cases.campaigns import open_campaign
from use_cases.dashboard import department_charts
from web.pages.dashboard import worklist_link

SVG = "{http://www.w3.org/2000/svg}"
CHARTS = ("stars", "heatmap", "due", "renewals")


def certified(site: Site, day: date, unit: str, name: str, points: float = 75) -> int:
    dossier_id = register(at(site.rt, day), unit=unit, name=name)
    advance(site.rt, dossier_id, "certified", provincial=points)
    return dossier_id


def a_year_of_work(site: Site) -> dict[str, int]:
    """Three certified products (two to renew this autumn), one renewal already sent back,
    dossiers waiting at Yên Thế (one of them late)."""
    soon = certified(site, date(2019, 10, 10), "Huyện Lục Ngạn", "Vải thiều sấy")
    later = certified(site, date(2020, 3, 2), "Huyện Yên Thế", "Gà đồi", points=55)
    certified(site, date(2021, 6, 1), "Huyện Yên Thế", "Mật ong")
    late = register(at(site.rt, date(2022, 6, 1)), unit="Huyện Yên Thế", name="Chè xanh")
    at(site.rt, date(2022, 9, 5))
    open_campaign(site.rt, "admin", "renewal", date(2022, 10, 15))
    c.inspect(at(site.rt, date(2022, 9, 6)), "admin", soon, on=date(2022, 9, 6), inspectors=["An"])
    fresh = register(at(site.rt, date(2022, 9, 19)), unit="Huyện Yên Thế", name="Bánh chưng")
    at(site.rt, date(2022, 9, 20))
    return {"soon": soon, "later": later, "late": late, "fresh": fresh}


def parts(page: str, code: str) -> tuple[ET.Element, ET.Element]:
    svg = re.search(rf'<svg[^>]*id="chart-{code}".*?</svg>', page, re.S)
    table = re.search(rf'<table[^>]*data-chart="{code}".*?</table>', page, re.S)
    assert svg and table, code
    return ET.fromstring(svg.group(0)), ET.fromstring(table.group(0))


def table_cells(table: ET.Element) -> dict[tuple[str, str], str]:
    headers = ["".join(th.itertext()) for th in table.iter("th") if th.get("scope") == "col"]
    cells: dict[tuple[str, str], str] = {}
    for tr in table.find("tbody") or []:
        values = ["".join(cell.itertext()).strip() for cell in tr]
        cells.update({(values[0], h): v for h, v in zip(headers[1:], values[1:], strict=True)})
    return cells


def test_each_chart_says_what_its_table_says(any_site: Site) -> None:
    a_year_of_work(any_site)
    page = any_site.login("admin").get("/dashboard").text
    for code in CHARTS:
        svg, table = parts(page, code)
        assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None
        assert (svg.find(f"{SVG}desc").text or "").strip()
        cells = table_cells(table)
        data = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "datum"]
        assert data, code
        drawn = set()
        for datum in data:
            key = (datum.get("data-row", ""), datum.get("data-column", ""))
            drawn.add(key)
            if datum.get("data-series") == "campaign":
                assert cells[key], key  # the deadline is named in the table
            else:
                assert cells[key] == datum.get("data-value"), (code, key)
        # Nothing the table counts is missing from the picture (zeros may go undrawn).
        counted = {k for k, v in cells.items() if v.isdigit() and int(v) and k[1] not in (
            "Tổng", "Quá hạn")}
        assert counted <= drawn, (code, counted - drawn)


def test_the_numbers_are_the_registers_and_the_calendars(any_site: Site) -> None:
    a_year_of_work(any_site)
    page = any_site.login("admin").get("/dashboard").text
    stars = table_cells(parts(page, "stars")[1])
    assert (stars[("2019", "4 sao")], stars[("2020", "3 sao")], stars[("2021", "Tổng")]) == (
        "1", "1", "1")
    renewals = table_cells(parts(page, "renewals")[1])
    assert renewals[("10/2022", "Hết hạn")] == "1"
    assert renewals[("10/2022", "Đã nhận hồ sơ đánh giá lại")] == "1"  # inspected again
    assert (renewals[("03/2023", "Hết hạn")], renewals[("03/2023", "Đã nhận hồ sơ đánh giá lại")]
            ) == ("1", "0")
    assert len([k for k in renewals if k[1] == "Hết hạn"]) == 24
    due = table_cells(parts(page, "due")[1])
    assert len({k[0] for k in due}) == 12
    assert "đánh giá lại số 1 (15/10/2022)" in due[("10/10/2022 – 16/10/2022", "Hạn chiến dịch")]
    assert "Hôm nay 20/09" in page


def test_the_heat_map_puts_the_latest_unit_first_and_links_to_the_worklist(any_site: Site) -> None:
    a_year_of_work(any_site)
    client = any_site.login("admin")
    page = client.get("/dashboard").text
    svg, table = parts(page, "heatmap")
    first = next(iter(table.find("tbody") or []))
    assert "".join(first[0].itertext()) == "Huyện Yên Thế"  # its late dossier
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert "/?state=registered&unit=yen-the" in links
    assert client.get("/?state=registered&unit=yen-the").text.count("/dossiers/") == 2
    assert '<a href="/?unit=yen-the&amp;overdue=1">1</a>' in page
    assert '<th scope="row"><a href="/don-vi/yen-the">Huyện Yên Thế</a></th>' in page


def test_the_charts_are_drawn_once_per_reading_of_the_counts(site: Site) -> None:
    ids = a_year_of_work(site)
    first = department_charts(site.rt, "admin", worklist_link)
    assert department_charts(site.rt, "admin", worklist_link) is first
    c.inspect(site.rt, "admin", ids["fresh"], on=date(2022, 9, 20), inspectors=["An"])
    again = department_charts(site.rt, "admin", worklist_link)
    assert again is not first and again[1].svg != first[1].svg


def test_a_deadline_on_a_sunday_counts_in_its_own_week(site: Site) -> None:
    """A deadline is stored as the instant its local day ends (Monday 00:00 for a Sunday)."""
    dossier_id = register(at(site.rt, date(2022, 9, 19)), unit="Huyện Yên Thế", name="Chè")
    with site.rt.transaction() as session:
        session.get_one(Dossier, dossier_id).due_at = due_at_on(date(2022, 9, 25))  # Sunday
        weeks = due_by_week(session, date(2022, 9, 20), None)
    assert [w.dossiers for w in weeks[:2]] == [1, 0]
    assert weeks[0].starts_on == date(2022, 9, 19) and weeks[0].ends_on == date(2022, 9, 25)
