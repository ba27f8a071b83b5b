"""Issue 22: a unit's own page: its officer's counts, late dossiers and stars over the years;
another unit's officer is refused, the Department sees any unit."""

import re

from tests.web.conftest import Site
from tests.web.test_dashboard_charts import a_year_of_work, parts, table_cells


def test_an_officer_sees_their_units_counts_late_dossiers_and_stars(any_site: Site) -> None:
    ids = a_year_of_work(any_site)
    officer = any_site.login("can-bo-yen-the")
    assert "Đơn vị của tôi" in officer.get("/").text
    reply = officer.get("/don-vi", follow_redirects=False)
    assert (reply.status_code, reply.headers["location"]) == (303, "/don-vi/yen-the")
    page = officer.get("/don-vi/yen-the").text
    assert "<h1>Huyện Yên Thế</h1>" in page
    assert re.search(r"4 hồ sơ, <a class=\"late\"[^>]*><strong>1 quá hạn", page)
    late = page[page.index("<h2>Hồ sơ quá hạn</h2>"):]
    assert f'href="/dossiers/{ids["late"]}"' in late and f'/dossiers/{ids["fresh"]}"' not in late
    stars = table_cells(parts(page, "stars")[1])
    assert (stars[("2020", "3 sao")], stars[("2021", "4 sao")]) == ("1", "1")
    assert "2019" not in {row for row, _ in stars}  # Lục Ngạn's, not theirs
    assert "1 sản phẩm 4 sao" in page  # in force today (the 2020 one is being renewed too)


def test_another_units_officer_is_refused_and_the_department_sees_any(site: Site) -> None:
    a_year_of_work(site)
    assert site.login("can-bo-luc-ngan").get("/don-vi/yen-the").status_code == 403
    department = site.login("admin")
    assert "<h1>Huyện Lục Ngạn</h1>" in department.get("/don-vi/luc-ngan").text
    assert department.get("/don-vi/khong-co").status_code == 404
