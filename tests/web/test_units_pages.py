"""Two levels of government in the web application: units as of a date, the registration form at
the level of the round's rulebook, and the Department settling the "chưa xác định xã" list."""

import re
from datetime import date

from tests.conftest import at
from tests.states.reorganisation.test_reorganise import SWITCH, registered, switch
from tests.web.conftest import Site
from tests.web.test_pages import new_id, post


def options(html: str, select_id: str) -> list[str]:
    found = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S)
    assert found, select_id
    return re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', found.group(1))


def test_units_are_listed_as_of_a_date_with_their_level_and_validity(any_site: Site) -> None:
    department = any_site.login("admin")
    today = department.get("/admin/units").text
    assert "Đơn vị hành chính ngày 01/03/2022" in today and "11 đơn vị." in today
    assert re.search(r"Huyện Yên Dũng <small>\(mã yen-dung\)</small></td><td>cấp huyện</td>"
                     r"<td>Tỉnh Bắc Giang</td>\s*<td> đến hết 31/12/2024</td>", today)
    later = department.get("/admin/units?on=2026-03-01").text
    assert "100 đơn vị." in later and "Xã Biển Động" in later and "Huyện Lục Ngạn" not in later
    assert "từ 01/07/2025" in later
    wards = department.get("/admin/units?on=01/03/2026&level=ward").text
    assert "33 đơn vị." in wards and "Xã Biển Động" not in wards
    assert department.get("/admin/units?on=hôm-qua").status_code == 422
    assert department.get("/admin/units?level=thon").status_code == 422
    assert any_site.login("can-bo-yen-the").get("/admin/units").status_code == 403


def test_the_registration_form_offers_the_units_of_the_rounds_level(any_site: Site) -> None:
    department = any_site.login("admin")
    form = department.get("/register").text
    assert "đăng ký và đánh giá tại cấp huyện" in form
    assert options(form, "unit") == [
        "Thành phố Bắc Giang", "Huyện Hiệp Hòa", "Huyện Lạng Giang", "Huyện Lục Nam",
        "Huyện Lục Ngạn", "Huyện Sơn Động", "Huyện Tân Yên", "Huyện Việt Yên", "Huyện Yên Dũng",
        "Huyện Yên Thế"]
    assert 'id="commune"' in form and '<optgroup label="Huyện Lục Ngạn">' in form
    at(any_site.rt, date(2026, 3, 1))
    form = department.get("/register").text
    assert "QĐ 1489" in form and "đăng ký và đánh giá tại cấp xã" in form
    units = options(form, "unit")
    assert len(units) == 99 and "Xã Biển Động" in units and not any("Huyện" in u for u in units)
    assert 'id="commune"' not in form and "chính xã, phường đăng ký" in form
    code = re.search(r'<option value="(\d+)">Xã Yên Thế</option>', form)
    assert code
    made = post(department, "/register", unit=code.group(1), producer="HTX Gà đồi",
                producer_type="cooperative", name="Gà đồi", group="food")
    assert "qd1489-2025" in department.get(f"/dossiers/{new_id(made)}").text
    gone = post(department, "/register", unit="luc-ngan", producer="HTX Vải", name="Vải",
                producer_type="cooperative", group="food")
    assert gone.status_code == 409 and "hãy đăng ký tại đơn vị kế thừa" in gone.text
    officer = any_site.login("can-bo-yen-the")  # still of the district that is gone
    assert "Hôm nay không có đơn vị cấp xã nào bạn đăng ký được" in officer.get("/register").text


def test_the_department_settles_a_dossier_the_switch_could_not_place(any_site: Site) -> None:
    rt = any_site.rt
    at(rt, date(2022, 9, 1))
    unknown = registered(rt, "Lục Ngạn", "Mỳ Chũ")
    placed = registered(rt, "Lục Ngạn", "Vải thiều", commune="Tân Mộc")
    at(rt, SWITCH)
    switch(rt)
    department = any_site.login("admin")
    assert "1 hồ sơ chưa xác định xã" in department.get("/dashboard").text
    page = department.get("/unsettled").text
    assert f'href="/dossiers/{unknown}"' in page and f'href="/dossiers/{placed}"' not in page
    assert "chưa xác định xã" in page
    successors = re.search(r'<optgroup label="Đơn vị kế thừa">(.*?)</optgroup>', page, re.S)
    assert successors and "Xã Biển Động" in successors.group(1)
    assert any_site.login("can-bo-yen-the").get("/unsettled").status_code == 403
    assert post(any_site.login("can-bo-yen-the"), f"/dossiers/{unknown}/assign-unit",
                unit="Xã Biển Động").status_code == 404
    assert post(any_site.login("can-bo-luc-ngan"), f"/dossiers/{unknown}/assign-unit",
                unit="Xã Biển Động").status_code == 403
    refused = post(department, f"/dossiers/{unknown}/assign-unit", unit="luc-ngan")
    assert refused.status_code == 409 and "không phải đơn vị cấp huyện / xã đang có hiệu lực" in refused.text
    settled = post(department, f"/dossiers/{unknown}/assign-unit", unit="Xã Biển Động")
    assert settled.status_code == 303
    page = department.get(settled.headers["location"]).text
    assert f"Đã chuyển hồ sơ <a href=\"/dossiers/{unknown}\">#{unknown}</a> sang đơn vị Xã Biển Động" in page
    assert "Không còn hồ sơ nào chưa xác định xã." in page
    dossier = department.get(f"/dossiers/{unknown}").text
    assert "<td>Xã Biển Động</td>" in dossier
    assert "Sở xác định đơn vị: Huyện Lục Ngạn → Xã Biển Động" in dossier
    assert "chưa xác định xã" not in department.get("/dashboard").text
