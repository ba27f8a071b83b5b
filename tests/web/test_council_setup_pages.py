"""Setting a council up on the web (issue 21): the Department lays a council out form by form
(members, dossiers, meeting, package, session, closing) with the CLI's use cases; each refusal
is one Vietnamese sentence beside its form, with its status, and nothing changes; outsiders
get 403 and a council that does not exist 404. Pages name levels, rulebooks and groups."""

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.builders import advance, register
from tests.conftest import at
from tests.states.evaluation.councils_setup import MEETING, MEMBERS, fixture_sheet, seat_people
from tests.web.conftest import PASSWORD, Site
from tests.web.test_council_pages import post
from use_cases import councils as uc
from use_cases.identity import set_password

NEW = "/councils/new"
ROLES = {"chu-tich": "chair", "thu-ky-hd": "secretary", "uy-vien-1": "member",
         "uy-vien-2": "member"}


@pytest.fixture
def forwarded(site: Site) -> Iterator[tuple[Site, list[int]]]:
    """Two dossiers forwarded to the province, the people who will sit on the council."""
    site.rt.sheet_finder = fixture_sheet
    seat_people(site.rt)
    for name in MEMBERS:
        set_password(site.rt, "admin", name, PASSWORD, must_change=False)
    dossiers = [register(site.rt, name=f"Sản phẩm {n}", producer=f"HTX số {n}") for n in (1, 2)]
    for dossier in dossiers:
        advance(site.rt, dossier, "provincial_review")
    yield site, dossiers


def level_value(form: str, words: str) -> str:
    found = re.search(rf'<option value="([^"]+)"[^>]*>{words} \(', form)
    assert found, words
    return found.group(1)


def create(client: TestClient, name: str = "Hội đồng OCOP tỉnh đợt 1",
           level: str = "Hội đồng cấp tỉnh", unit: str = "bac-giang") -> tuple[int, str]:
    form = client.get(NEW).text
    reply = post(client, NEW, {"name": name, "level": level_value(form, level), "unit": unit}, NEW)
    assert reply.status_code == 303, reply.text
    found = re.fullmatch(r"/councils/(\d+)/setup\?done=created", reply.headers["location"])
    assert found
    return int(found.group(1)), f"/councils/{found.group(1)}/setup"


def seat_all(client: TestClient, setup: str) -> None:
    for user, role in ROLES.items():
        reply = post(client, f"{setup}/members", {"user": user, "role": role}, setup)
        assert reply.status_code == 303, reply.text


def test_the_department_sets_a_council_up_through_the_web(
        forwarded: tuple[Site, list[int]]) -> None:
    site, (first, second) = forwarded
    department = site.login("admin")
    form = department.get(NEW).text
    assert "Hội đồng cấp huyện (" in form and "QĐ 1048/QĐ-TTg" in form and "qd1048" not in form
    council, setup = create(department)
    page = department.get(f"{setup}?done=created").text
    assert "Đã lập hội đồng" in page and "Cấp tỉnh" in page and "QĐ 1048/QĐ-TTg" in page
    assert f"Hồ sơ {first}: Sản phẩm 1 (Thực phẩm)" in page and "provincial" not in page
    seat_all(department, setup)
    # Through htmx: the same answer (303 to the page, whose part is swapped in).
    added = post(department, f"{setup}/dossiers", {"dossier": str(first), "more": str(second)},
                 setup, {"HX-Request": "true"})
    assert added.status_code == 303
    assert post(department, f"{setup}/meeting", {"on": "07/03/2022"}, setup).status_code == 303
    assert post(department, f"{setup}/package", {"sent_on": "2022-03-01"},
                setup).status_code == 303
    page = department.get(setup).text
    assert "Thực phẩm <small>(phiếu tạm thời)</small>" in page and "TẠM THỜI" in page
    assert "07/03/2022" in page and "hạn chậm nhất 03/03/2022" in page
    view = uc.show(site.rt, "admin", council)
    assert [(m.user, m.role) for m in view.members] == list(ROLES.items())
    assert [d.dossier_id for d in view.dossiers] == [first, second]
    at(site.rt, MEETING)
    present = ["chu-tich", "thu-ky-hd", "uy-vien-1"]
    opened = department.post(f"{setup}/open", data={"csrf": csrf(department, setup),
                                                    "present": present}, follow_redirects=False)
    assert opened.status_code == 303
    view = uc.show(site.rt, "admin", council)
    assert view.status == "in_session" and [m.present for m in view.members] == [
        True, True, True, False]
    page = department.get(setup).text
    assert "Chủ tịch hội đồng ghi nhận điểm lệch" in page  # not the chair: no closing form
    council_page = department.get(f"/councils/{council}").text
    assert f'href="/councils/{council}/setup"' in council_page


def csrf(client: TestClient, path: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def refused(client: TestClient, path: str, data: dict[str, str], page: str, status: int,
            words: str) -> None:
    reply = post(client, path, data, page)
    assert reply.status_code == status, (path, data, reply.status_code, reply.text[-500:])
    assert words in reply.text and 'role="alert"' in reply.text, words


def test_each_refusal_is_one_sentence_beside_its_form_and_changes_nothing(
        forwarded: tuple[Site, list[int]]) -> None:
    site, (first, _) = forwarded
    department = site.login("admin")
    form = department.get(NEW).text
    level = level_value(form, "Hội đồng cấp tỉnh")
    refused(department, NEW, {"name": " ", "level": level, "unit": "bac-giang"}, NEW, 422,
            "Tên hội đồng")
    refused(department, NEW, {"name": "HĐ", "level": "", "unit": "bac-giang"}, NEW, 422,
            "Hãy chọn đợt đánh giá")
    refused(department, NEW, {"name": "HĐ", "level": "khong-co|provincial", "unit": "bac-giang"},
            NEW, 404, "Không có đợt đánh giá")
    assert uc.list_councils(site.rt, "admin") == []
    council, setup = create(department)
    seat_all(department, setup)
    refused(department, f"{setup}/members", {"user": "uy-vien-1", "role": "member"}, setup, 409,
            "đã là thành viên")
    refused(department, f"{setup}/members", {"user": "admin", "role": "chair"}, setup, 409,
            "đã có chủ tịch")
    refused(department, f"{setup}/members", {"user": "khong-ai", "role": "member"}, setup, 404,
            "khong-ai")
    refused(department, f"{setup}/dossiers", {"more": "12a"}, setup, 422, "Số hồ sơ &#39;12a&#39;")
    inspected = register(site.rt, name="Chưa chuyển tỉnh")
    advance(site.rt, inspected, "district_inspected")
    refused(department, f"{setup}/dossiers", {"dossier": str(first), "more": str(inspected)},
            setup, 409, "chỉ chấm hồ sơ ở bước")
    assert uc.show(site.rt, "admin", council).dossiers == []  # the first one neither
    refused(department, f"{setup}/package", {"sent_on": "2022-03-01"}, setup, 409,
            "Hãy đặt ngày họp trước")
    refused(department, f"{setup}/meeting", {"on": "2022-02-01"}, setup, 422, "đã qua")
    refused(department, f"{setup}/meeting", {"on": "mai"}, setup, 422, "Ngày họp &#39;mai&#39;")
    post(department, f"{setup}/dossiers", {"dossier": str(first)}, setup)
    post(department, f"{setup}/meeting", {"on": "2022-03-07"}, setup)
    refused(department, f"{setup}/package", {"sent_on": "2022-03-02"}, setup, 422,
            "không thể ở tương lai")
    refused(department, f"{setup}/open", {}, setup, 409, "Chưa ghi ngày gửi tài liệu")
    post(department, f"{setup}/package", {"sent_on": "2022-03-01"}, setup)
    refused(department, f"{setup}/open", {}, setup, 409, "Chưa đến ngày họp")
    at(site.rt, MEETING)
    refused(department, f"{setup}/open", {"present": "uy-vien-1"}, setup, 409,
            "Không đủ số lượng")
    assert uc.show(site.rt, "admin", council).status == "forming"
    assert post(department, f"{setup}/no-such-act", {}, setup).status_code == 404
    uc.open_session(site.rt, "admin", council)
    refused(department, f"{setup}/members", {"user": "admin", "role": "member"}, setup, 409,
            "đã mở phiên họp")
    refused(department, f"{setup}/close", {"confirm": "yes"}, setup, 403,
            "không phải thành viên")
    refused(site.login("thu-ky-hd"), f"{setup}/close", {"confirm": "yes"}, setup, 403,
            "Chỉ chủ tịch hội đồng")
    chair = site.login("chu-tich")
    refused(chair, f"{setup}/close", {}, setup, 422, "Hãy đánh dấu ô xác nhận")
    refused(chair, f"{setup}/close", {"confirm": "yes"}, setup, 409, "chưa")
    refused(chair, f"{setup}/acknowledge", {"dossier": str(first)}, setup, 409, "Hồ sơ")
    assert uc.show(site.rt, "admin", council).status == "in_session"


def test_outsiders_get_403_and_a_missing_council_404(forwarded: tuple[Site, list[int]]) -> None:
    site, _ = forwarded
    department = site.login("admin")
    council, setup = create(department)
    secretary = site.login("thu-ky")  # the council-secretary role sets no council up
    assert secretary.get(NEW).status_code == 403
    assert "Lập hội đồng mới" not in secretary.get("/councils").text
    other_unit = site.login("can-bo-luc-ngan")
    reply = other_unit.get(setup)
    assert reply.status_code == 403 and "chỉ được" in reply.text
    answer = post(other_unit, f"{setup}/members", {"user": "uy-vien-1", "role": "member"},
                  "/councils")
    assert answer.status_code == 403 and uc.show(site.rt, "admin", council).members == []
    assert department.get("/councils/999/setup").status_code == 404
    assert post(department, "/councils/999/setup/meeting", {"on": "2022-03-07"},
                "/councils").status_code == 404
    # Without the form's CSRF token nothing is written.
    bare = department.post(f"{setup}/members", data={"user": "uy-vien-1"}, follow_redirects=False)
    assert bare.status_code == 403 and uc.show(site.rt, "admin", council).members == []


def test_a_district_officer_sets_up_the_local_council_of_their_unit(site: Site) -> None:
    officer = site.login("can-bo-yen-the")
    register(site.rt, unit="Huyện Yên Thế", name="Gà đồi")
    form = officer.get(NEW).text
    assert re.findall(r'<option value="([^"]*)"[^>]*>Huyện', form) == ["yen-the"]
    council, setup = create(officer, "Hội đồng huyện Yên Thế", "Hội đồng cấp huyện", "yen-the")
    page = officer.get(setup).text
    assert "Cấp huyện" in page and "Huyện Yên Thế" in page
    refused(officer, NEW, {"name": "HĐ", "level": level_value(form, "Hội đồng cấp huyện"),
                           "unit": "luc-ngan"}, NEW, 403, "chỉ được")
    assert site.login("can-bo-luc-ngan").get(setup).status_code == 403
    assert len(uc.list_councils(site.rt, "admin")) == 1 and council


def test_under_qd_1489_the_local_council_is_of_the_commune(site: Site) -> None:
    at(site.rt, date(2026, 3, 1))
    register(site.rt, unit="Xã Yên Thế", name="Gà đồi")
    department = site.login("admin")
    form = department.get(NEW).text
    assert "Hội đồng cấp xã (" in form and "QĐ 1489/QĐ-TTg" in form
    commune = re.search(r'<option value="([^"]+)">Xã Yên Thế</option>', form)
    assert commune
    council, setup = create(department, "Hội đồng xã Yên Thế", "Hội đồng cấp xã", commune.group(1))
    page = department.get(setup).text
    assert "Cấp xã · QĐ 1489/QĐ-TTg" in page and "Xã Yên Thế" in page and "cấp huyện" not in page
    assert uc.show(site.rt, "admin", council).level_name == "cấp xã"
