"""Who prepared a dossier, in the web application: on the registration form, shown and editable
on the dossier page; and the consultant report page with its year and its .xlsx."""

import re
from datetime import date
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import select

from states.db.models import AdministrativeUnit, Producer
from tests.conftest import at
from tests.use_cases.test_consultant_report import ABC, decided, registered, returned
from tests.web.conftest import Site
from tests.web.test_pages import new_id, post


def test_the_registration_form_records_the_commune_and_who_prepared_the_dossier(
        any_site: Site) -> None:
    officer = any_site.login("can-bo-yen-the")
    form = officer.get("/register").text
    assert 'value="yen-the.xa-dong-tam"' in form  # Yên Thế's communes, and only them
    assert "luc-ngan." not in form
    assert 'name="prepared_by" value="consultant"' in form
    made = post(officer, "/register", unit="yen-the", producer="HTX Gà đồi", name="Gà đồi",
                producer_type="cooperative", group="food", commune="yen-the.xa-dong-tam",
                prepared_by="consultant", consultant="Cty TNHH Tư vấn ABC",
                contracted=["business-plan", "label-packaging"])
    dossier = new_id(made)
    page = officer.get(f"/dossiers/{dossier}").text
    assert "<strong>Thuê tư vấn</strong>: Cty TNHH Tư vấn ABC." in page
    assert "Phần đơn vị tư vấn làm: Phương án kinh doanh, Nhãn và bao bì" in page
    assert "Phần chủ thể tự làm: Câu chuyện sản phẩm, Kiểm nghiệm" in page
    with any_site.rt.transaction() as session:
        commune = session.scalar(select(AdministrativeUnit.code).join(
            Producer, Producer.commune_id == AdministrativeUnit.id).where(Producer.name == "HTX Gà đồi"))
    assert commune == "yen-the.xa-dong-tam"

    changed = post(officer, f"/dossiers/{dossier}/preparation", prepared_by="officer",
                   officer="can-bo-yen-the")
    assert changed.status_code == 303
    page = officer.get(f"/dossiers/{dossier}?done=preparation").text
    assert "Đã ghi: ghi nhận người chuẩn bị hồ sơ" in page
    assert "<strong>Cán bộ hỗ trợ</strong>: can-bo-yen-the." in page
    assert "can-bo-yen-the: ghi nhận người chuẩn bị hồ sơ" in page  # in the history


def test_a_preparation_that_makes_no_sense_is_refused_beside_the_form(site: Site) -> None:
    officer = site.login("can-bo-yen-the")
    refused = post(officer, "/register", unit="yen-the", producer="HTX Chè", name="Chè",
                   producer_type="cooperative", group="food", prepared_by="consultant")
    assert refused.status_code == 422 and "cần tên đơn vị tư vấn" in refused.text
    assert 'id="prepared-consultant" name="prepared_by" value="consultant" checked' in refused.text
    wrong_commune = post(officer, "/register", unit="yen-the", producer="HTX Chè", name="Chè",
                         producer_type="cooperative", group="food", commune="luc-ngan.xa-tan-moc")
    assert wrong_commune.status_code == 422 and "không thuộc Huyện Yên Thế" in wrong_commune.text
    dossier = new_id(post(officer, "/register", unit="yen-the", producer="HTX Chè", name="Chè",
                          producer_type="cooperative", group="food"))
    assert "Chưa ghi ai chuẩn bị hồ sơ." in officer.get(f"/dossiers/{dossier}").text
    nothing = post(officer, f"/dossiers/{dossier}/preparation", prepared_by="")
    assert nothing.status_code == 422 and "Hãy chọn ai chuẩn bị hồ sơ." in nothing.text
    other = site.login("can-bo-luc-ngan")
    assert post(other, f"/dossiers/{dossier}/preparation",
                prepared_by="producer").status_code == 404
    assert post(site.login("thu-ky"), f"/dossiers/{dossier}/preparation",
                prepared_by="producer").status_code == 403


def test_the_consultant_report_puts_consultants_beside_self_prepared_dossiers(
        any_site: Site) -> None:
    rt = any_site.rt
    returned(rt, registered(rt, "A1", consultant=ABC[0], part="business-plan"), 45,
             ["registration-form"], date(2022, 3, 8))
    decided(rt, registered(rt, "A2", consultant=ABC[1], part="whole-dossier"), 70, 45,
            date(2022, 3, 16))
    decided(rt, registered(rt, "P1", by="producer"), 65, 80, date(2022, 3, 15))
    at(rt, date(2022, 4, 1))
    department = any_site.login("admin")
    page = department.get("/consultants").text
    rows = {who.strip(): cells for who, cells in re.findall(
        r'<th scope="row">([^<]+)(?:<small>[^<]*</small>)?</th>\s*(.*?)</tr>', page, re.S)}
    numbers = {who: re.findall(r"<td>([^<]*)</td>", cells) for who, cells in rows.items()}
    assert numbers["Chủ thể tự làm"][:7] == ["1", "1", "1", "0", "0", "0", "0%"]
    assert numbers[ABC[0]][:7] == ["2", "2", "0", "1", "1", "1", "100%"]
    assert numbers["Cán bộ hỗ trợ"][:2] == ["0", "0"]
    assert "Không có" not in page
    assert "<td>0</td>" in department.get("/consultants?year=2021").text
    book = department.get("/consultants.xlsx?year=2022")
    assert book.headers["content-disposition"] == 'attachment; filename="bao-cao-tu-van-2022.xlsx"'
    assert load_workbook(BytesIO(book.content)).active is not None
    assert any_site.login("can-bo-luc-ngan").get("/consultants").status_code == 403


def test_an_officer_of_the_department_who_helped_stays_chosen_on_the_form(site: Site) -> None:
    department = site.login("admin")
    dossier = new_id(post(department, "/register", unit="yen-the", producer="HTX Chè", name="Chè",
                          producer_type="cooperative", group="food", prepared_by="officer",
                          officer="admin"))
    page = department.get(f"/dossiers/{dossier}").text
    assert "<strong>Cán bộ hỗ trợ</strong>: admin." in page
    assert '<option value="admin" selected>admin</option>' in page
