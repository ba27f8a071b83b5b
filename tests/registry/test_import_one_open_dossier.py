"""Issue 25 in the registry import: a product (producer + name, case and accents aside) has one
open dossier, so a row whose certificate is in force is refused when the product already has
an open dossier, in the database or higher up the same file; its expired recognitions come in
beside it, as dossiers of the same product."""

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from states.db.models import Dossier, Product
from states.runtime import Runtime
from tests.conftest import at
from tests.registry.lists import filled_template
from tests.registry.test_import_products import run
from use_cases import dossiers as c

TODAY = date(2023, 1, 10)
PRODUCER = "Công ty TNHH Gà đồi Yên Thế"


def row(product: str, decision: str, decided: date, number: str | None) -> tuple[Any, ...]:
    return ("Huyện Yên Thế", PRODUCER, None, "Xã Đồng Tâm", None, None, product, "Thực phẩm", 4,
            80, decision, decided, number, None)


def products_and_states(rt: Runtime) -> tuple[int, list[str]]:
    with rt.transaction() as session:
        products = int(session.scalar(select(func.count()).select_from(Product)) or 0)
        states = sorted(session.scalars(select(Dossier.state)).all())
    return products, states


def test_two_rows_in_force_for_one_product_refuse_the_second(any_rt: Runtime,
                                                            tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    path = filled_template(rt, [row("Gà đồi Yên Thế", "1563/QĐ-UBND", date(2022, 7, 25), "A-1"),
                                row("GÀ ĐỒI YÊN THẾ", "1600/QĐ-UBND", date(2022, 8, 1), "A-2")],
                           tmp_path / "ds.xlsx")
    result, _ = run(rt, path)
    assert result.refused and result.written == 0
    assert [(p.row, p.reason) for p in result.problems] == [
        (3, "trùng sản phẩm còn giấy chứng nhận hiệu lực của cùng chủ thể với dòng 2")]
    assert products_and_states(rt) == (0, [])


def test_an_expired_recognition_and_the_current_one_are_one_product(any_rt: Runtime,
                                                                    tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    path = filled_template(rt, [row("Gà đồi Yên Thế", "734/QĐ-UBND", date(2019, 12, 20), "B-1"),
                                row("Ga doi Yen The", "1563/QĐ-UBND", date(2022, 7, 25), "B-2")],
                           tmp_path / "ds.xlsx")
    result, _ = run(rt, path)
    assert (result.new, result.written) == (2, 2), result.problems
    assert products_and_states(rt) == (1, ["certified", "expired"])
    again, _ = run(rt, path)
    assert (again.existing, again.written) == (2, 0)


def test_a_product_with_an_open_dossier_is_refused_naming_it(any_rt: Runtime,
                                                            tmp_path: Path) -> None:
    rt = at(any_rt, TODAY)
    open_one = c.register_product(rt, "admin", unit="Huyện Yên Thế", producer=PRODUCER,
                                  producer_type="enterprise", product="Gà đồi Yên Thế",
                                  group="food").id
    path = filled_template(rt, [row("gà đồi yên thế", "1563/QĐ-UBND", date(2022, 7, 25), "C-1")],
                           tmp_path / "ds.xlsx")
    result, _ = run(rt, path)
    assert result.refused and result.written == 0
    assert result.problems[0].reason == (
        f"sản phẩm 'Gà đồi Yên Thế' của {PRODUCER} đã có hồ sơ số {open_one} đang mở (Đã đăng "
        "ký): mỗi sản phẩm chỉ có một hồ sơ đang mở, hãy tiếp tục hồ sơ đó")
    assert products_and_states(rt) == (1, ["registered"])
