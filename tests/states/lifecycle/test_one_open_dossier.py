"""Issue 25: one product per producer and folded name, one open dossier per product; held by the
database (a second registration, typed any way or sent at the same moment, is refused naming
the dossier), in the CLI, the web and the API alike; a certified product goes through renewal."""

import json
import unicodedata
from datetime import date

import pytest
from sqlalchemy import func, select

from states.db.models import Dossier, Product
from states.errors import RuleRefused
from states.runtime import Runtime
from tests.builders import advance
from tests.cli.actors import invoke
from tests.conftest import make_runtime
from tests.states.lifecycle.test_unique_races import WRITERS, _together
from use_cases import dossiers as c

PRODUCER = "HTX Gà đồi Yên Thế"


def register(rt: Runtime, name: str = "Gà đồi", producer: str = PRODUCER) -> int:
    return c.register_product(rt, "admin", unit="Huyện Yên Thế", producer=producer,
                              producer_type="cooperative", product=name, group="food").id


def counts(rt: Runtime) -> tuple[int, int]:
    with rt.transaction() as session:
        products = session.scalar(select(func.count()).select_from(Product))
        dossiers = session.scalar(select(func.count()).select_from(Dossier))
    return int(products or 0), int(dossiers or 0)


@pytest.mark.parametrize("again", ["Gà đồi", "GÀ ĐỒI", "ga doi", "  Gà   đồi ",
                                   unicodedata.normalize("NFD", "Gà đồi")])
def test_a_second_registration_typed_any_way_names_the_open_dossier(any_rt: Runtime,
                                                                     again: str) -> None:
    first = register(any_rt)
    with pytest.raises(RuleRefused) as refused:
        register(any_rt, again)
    assert refused.value.message == (
        f"Không đăng ký được: sản phẩm 'Gà đồi' của {PRODUCER} đã có hồ sơ số {first} đang mở "
        "(Đã đăng ký): mỗi sản phẩm chỉ có một hồ sơ đang mở, hãy tiếp tục hồ sơ đó.")
    assert counts(any_rt) == (1, 1)


def test_another_producer_or_another_product_is_a_new_one(any_rt: Runtime) -> None:
    register(any_rt)
    register(any_rt, "Gà đồi", producer="HTX Gà Tân Hiệp")
    register(any_rt, "Gà ri")
    assert counts(any_rt) == (3, 3)


def test_a_certified_product_goes_through_renewal_then_registers_again_once_ended(
        any_rt: Runtime) -> None:
    dossier = register(any_rt)
    advance(any_rt, dossier, "certified")
    with pytest.raises(RuleRefused) as refused:
        register(any_rt, "gà đồi")
    assert "đã được công nhận, giấy chứng nhận còn hiệu lực (hồ sơ số" in refused.value.message
    assert f"`ocop dossier renew {dossier}`" in refused.value.message
    c.open_renewal(any_rt, "admin", dossier)
    with pytest.raises(RuleRefused, match="Đang đánh giá lại"):
        register(any_rt)
    c.revoke(any_rt, "admin", dossier, reason="ceased", decision="2011/QĐ-UBND")
    # Its cycle ended: a new registration is a new dossier of the same product.
    again = register(any_rt, "GÀ ĐỒI")
    assert again != dossier and counts(any_rt) == (1, 2)
    with any_rt.transaction() as session:
        assert session.get(Dossier, again).product.name == "Gà đồi"  # type: ignore[union-attr]


def test_concurrent_submissions_of_one_product_make_one_dossier(pg_url: str) -> None:
    def submit(mine: Runtime) -> object:
        return register(mine, "Gà đồi đen")

    outcomes = _together(pg_url, submit)
    rt = make_runtime(pg_url, today=date(2022, 3, 1))
    with rt.transaction() as session:
        dossiers = session.scalars(select(Dossier.id)).all()
    assert counts(rt) == (1, 1) and len(outcomes) == WRITERS, outcomes
    assert outcomes.count("ok") == 1, outcomes
    refusal = (f"RuleRefused: Không đăng ký được: sản phẩm 'Gà đồi đen' của {PRODUCER} đã có hồ "
               f"sơ số {dossiers[0]} đang mở")
    assert all(o == "ok" or o.startswith(refusal) for o in outcomes), outcomes
    rt.db.dispose()


def test_the_cli_exits_3_with_the_sentence(sqlite_url: str) -> None:
    args = ("product", "register", "--unit", "Huyện Yên Thế", "--producer", PRODUCER,
            "--producer-type", "cooperative", "--name", "Gà đồi", "--group", "food")
    made = invoke(sqlite_url, "--json", *args, today="2022-03-01")
    assert made.exit_code == 0, made.output
    first = json.loads(made.stdout)["id"]
    again = invoke(sqlite_url, *args[:-4], "--name", "GA DOI", "--group", "food",
                   today="2022-03-01")
    assert again.exit_code == 3
    assert f"đã có hồ sơ số {first} đang mở" in again.output and "Traceback" not in again.output
