"""A product's sub-group on the web and in /api/v1: chosen on the officer's registration page
(grouped under its group), sent as a code of the schema's list; shown in words on the dossier
page; one of another group is refused beside the form (422) or as 409 conflicting_input, and
nothing is registered."""

from sqlalchemy import func, select

from states.db.models import Dossier
from tests.web.conftest import Site
from tests.web.test_api import api
from tests.web.test_pages import new_id, post

PRODUCT = {"unit": "yen-the", "producer": "HTX Chè Yên Thế", "name": "Chè xanh Yên Thế",
           "producer_type": "cooperative", "group": "food"}


def _dossiers(site: Site) -> int:
    with site.rt.transaction() as session:
        return int(session.scalar(select(func.count(Dossier.id))) or 0)


def test_the_officer_chooses_a_sub_group_and_the_dossier_page_names_it(site: Site) -> None:
    officer = site.login("can-bo-yen-the")
    form = officer.get("/register").text
    assert '<optgroup label="Thực phẩm"><option value="rau-qua-tuoi">' in form
    assert '<option value="che">Chè tươi, chế biến</option>' in form
    wrong = post(officer, "/register", **PRODUCT, subgroup="ruou-trang")
    assert wrong.status_code == 422
    assert "Phân nhóm &#39;Rượu trắng&#39; thuộc nhóm Đồ uống, không thuộc nhóm Thực phẩm" in wrong.text
    assert '<option value="ruou-trang" selected>' in wrong.text and _dossiers(site) == 0
    dossier = new_id(post(officer, "/register", **PRODUCT, subgroup="che"))
    page = officer.get(f"/dossiers/{dossier}").text
    assert "(nhóm Thực phẩm, phân nhóm Chè tươi, chế biến)" in page and "(nhóm food" not in page


def test_the_api_takes_a_sub_group_code_and_refuses_one_of_another_group(site: Site) -> None:
    officer = api(site, "can-bo-yen-the")
    schema = site.client().get("/api/openapi.json").json()
    listed = schema["components"]["schemas"]["Registration"]["properties"]["subgroup"]
    assert {"che", "ruou-trang", "my-pham"} <= set(listed["anyOf"][0]["enum"])
    body = {"producer": PRODUCT["producer"], "producer_type": "cooperative",
            "name": PRODUCT["name"], "group": "food"}
    wrong = officer.post("/api/v1/dossiers", json={**body, "subgroup": "ruou-trang"})
    # Well formed (a code of the schema's list), but of another group: 409, never 422.
    assert wrong.status_code == 409 and wrong.json()["code"] == "conflicting_input"
    assert wrong.json()["message"].startswith("Phân nhóm 'Rượu trắng' thuộc nhóm Đồ uống")
    assert _dossiers(site) == 0
    made = officer.post("/api/v1/dossiers", json={**body, "subgroup": "che"})
    assert made.status_code == 201 and made.json()["subgroup"] == "che"
