"""The registry import reads a product's sub-group ("Phân nhóm", the template's last column):
typed as a code or a name of the row's group in the rulebook of its decision day; one of another
group is refused by row and column and nothing is written."""

from datetime import date
from pathlib import Path

from sqlalchemy import select

from states.db.models import Product
from states.runtime import Runtime
from tests.conftest import at
from tests.registry.lists import BAC_GIANG, filled_template
from tests.registry.test_import_products import counts, run

TODAY = date(2023, 1, 10)


def test_the_sub_group_column_is_coded_and_checked_against_the_group(rt: Runtime,
                                                                       tmp_path: Path) -> None:
    rt = at(rt, TODAY)
    rows = [(*BAC_GIANG[0], "Chế biến từ gạo, ngũ cốc"), (*BAC_GIANG[4], "Rượu trắng"),
            *BAC_GIANG[1:4]]
    wrong = [rows[0], (*BAC_GIANG[2], "ruou-trang"), *rows[1:]]
    result, _ = run(rt, filled_template(rt, wrong, tmp_path / "sai.xlsx"))
    assert result.refused and counts(rt)["products"] == 0
    [problem] = result.problems
    assert (problem.row, problem.column) == (3, "Phân nhóm")
    assert problem.reason.startswith("phân nhóm 'Rượu trắng' thuộc nhóm Đồ uống, không thuộc "
                                     "nhóm Thực phẩm theo QĐ 1048")
    done, _ = run(rt, filled_template(rt, rows, tmp_path / "ds.xlsx"))
    assert done.written == 5
    with rt.transaction() as session:
        kinds = {name: (group, subgroup) for name, group, subgroup in session.execute(
            select(Product.name, Product.group_code, Product.subgroup_code))}
    assert kinds["Mỳ Chũ"] == ("food", "che-bien-gao")
    assert kinds["Rượu làng Vân"] == ("beverage", "ruou-trang")
    assert kinds["Vải thiều sấy khô"] == ("food", None)  # left blank
