"""Issue 25 on the web: registering a product that already has an open dossier is refused
naming it, on the form and through the API (409), as in the CLI (exit 3)."""

from sqlalchemy import func, select

from states.db.models import Dossier, Product
from tests.web.conftest import Site
from tests.web.test_api import api
from tests.web.test_pages import post
from use_cases import dossiers as c

PRODUCER = "HTX Gà đồi Yên Thế"


def test_the_web_form_and_the_api_answer_409(any_site: Site) -> None:
    first = c.register_product(any_site.rt, "admin", unit="Huyện Yên Thế", producer=PRODUCER,
                               producer_type="cooperative", product="Gà đồi", group="food").id
    officer = any_site.login("can-bo-yen-the")
    page = post(officer, "/register", unit="yen-the", producer=PRODUCER,
                producer_type="cooperative", name="gà đồi", group="food")
    assert page.status_code == 409 and f"đã có hồ sơ số {first} đang mở" in page.text
    reply = api(any_site, "can-bo-yen-the").post("/api/v1/dossiers", json={
        "producer": PRODUCER, "producer_type": "cooperative", "name": "GÀ ĐỒI", "group": "food"})
    assert reply.status_code == 409 and reply.json()["code"] == "rule_refused"
    assert f"đã có hồ sơ số {first} đang mở" in reply.json()["message"]
    with any_site.rt.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Product)) == 1
        assert session.scalar(select(func.count()).select_from(Dossier)) == 1
