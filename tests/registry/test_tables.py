"""The generic import machinery: headings however written, rows numbered as the spreadsheet
numbers them, CSV as Excel saves it, duplicates across batches, a report that never runs a
formula; and the users' import built on it."""

from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from states.db.models import User
from states.errors import InvalidInput
from states.registry.product_rows import PRODUCTS
from states.runtime import Runtime
from states.tables import checking
from states.tables.columns import CellError, day, number
from states.tables.headers import find_layout
from states.tables.reading import table_rows
from states.vocabulary import ImportKind
from tests.conftest import at
from tests.registry.lists import sheet
from tests.registry.test_import_products import run
from use_cases.imports import import_table

ROW = ["Huyện Lục Nam", "HTX Na Lục Nam", "Na dai", "Thực phẩm", 3, 60, "12/QĐ-UBND", "01/06/2022"]


@pytest.mark.parametrize("written", ["Tên sản phẩm", "TÊN SẢN PHẨM", "ten san pham", "Sản phẩm",
                                     "  Sản phẩm (*) ", "Tên SP", "product"])
def test_headings_match_whatever_the_case_diacritics_or_variant(written: str) -> None:
    headings = ["Đơn vị", "Chủ thể", written, "Nhóm", "Số sao", "Điểm", "Số QĐ", "Ngày QĐ"]
    layout, above = find_layout(PRODUCTS, iter([(1, ("Danh sách",)), (2, tuple(headings))]), "f")
    assert layout.header_row == 2 and len(above) == 1
    assert layout.fields[2] == "product" and layout.heading("product") == written.strip()
    assert layout.fields[6] == "decision" and layout.fields[4] == "stars"


def test_missing_columns_are_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        find_layout(PRODUCTS, iter([(1, ("Đơn vị", "Sản phẩm", "Số sao"))]), "ds.xlsx")
    assert "'Tên chủ thể'" in refused.value.message and "'Điểm'" in refused.value.message
    assert "'Tên sản phẩm'" not in refused.value.message


def test_cells_as_people_write_them() -> None:
    assert day("05/09/2022") == day(datetime(2022, 9, 5)) == day(44809) == date(2022, 9, 5)
    assert day("2022-09-05") == day("5.9.2022") == date(2022, 9, 5)
    assert number(0, 100)("75,5") == number(0, 100)(75.5) == 75.5
    for wrong in ("31/02/2022", "2022", "05/09/1899"):
        with pytest.raises(CellError):
            day(wrong)
    with pytest.raises(CellError, match="nằm ngoài khoảng 0–100"):
        number(0, 100)("101")


def test_csv_as_excel_saves_it_and_xlsx_rows_keep_their_numbers(tmp_path: Path) -> None:
    csv_file = tmp_path / "ds.csv"
    csv_file.write_bytes("\ufeffĐơn vị;Tên\n\"Lục Nam; Bắc Giang\";Na\n".encode())
    with csv_file.open("rb") as stream:
        assert list(table_rows(stream, "ds.csv")) == [(1, ("Đơn vị", "Tên")),
                                                       (2, ("Lục Nam; Bắc Giang", "Na"))]
    book = sheet(tmp_path / "ds.xlsx", ["A"], [["x"], [], [], ["y"]])
    with book.open("rb") as stream:
        rows = [(n, cells) for n, cells in table_rows(stream, "ds.xlsx") if any(cells)]
    assert rows == [(1, ("A",)), (2, ("x",)), (5, ("y",))]
    latin1 = tmp_path / "latin.csv"
    latin1.write_bytes("Đơn vị".encode("utf-16"))
    with latin1.open("rb") as stream, pytest.raises(InvalidInput, match="CSV UTF-8"):
        list(table_rows(stream, "latin.csv"))
    with BytesIO(b"not a zip") as stream, pytest.raises(InvalidInput, match="không phải bảng tính"):
        list(table_rows(stream, "ds.xlsx"))
    with BytesIO(b"") as stream, pytest.raises(InvalidInput, match=r"\.xlsx hoặc \.csv"):
        table_rows(stream, "ds.ods")


def test_duplicates_are_found_across_batches(rt: Runtime, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checking, "BATCH", 2)
    headings = ["Đơn vị", "Chủ thể", "Sản phẩm", "Nhóm", "Số sao", "Điểm", "Số QĐ", "Ngày QĐ",
                "Số GCN"]
    rows = [[*ROW[:2], f"SP {n}", *ROW[3:], f"GCN-{n % 4}"] for n in range(7)]
    at(rt, date(2023, 1, 10))
    result, _ = run(rt, sheet(tmp_path / "ds.xlsx", headings, rows))
    assert [(p.row, p.reason) for p in result.problems] == [
        (6, "trùng số giấy chứng nhận với dòng 2"), (7, "trùng số giấy chứng nhận với dòng 3"),
        (8, "trùng số giấy chứng nhận với dòng 4")]
    assert (result.new, result.invalid) == (4, 3)


def test_the_report_keeps_a_formula_as_text(rt: Runtime, tmp_path: Path) -> None:
    path = tmp_path / "ds.csv"  # in a CSV file, a formula is only text
    path.write_text("Đơn vị,Chủ thể,Sản phẩm,Nhóm,Số sao,Điểm,Số QĐ,Ngày QĐ\n"
                    '"=HYPERLINK(""http://x"")",HTX Na,Na dai,Thực phẩm,3,60,12/QĐ-UBND,01/06/2022\n',
                    encoding="utf-8")
    at(rt, date(2023, 1, 10))
    _, report = run(rt, path)
    assert report is not None
    cell = load_workbook(BytesIO(report)).worksheets[0]["A2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


def test_users_import_the_same_way(any_rt: Runtime, tmp_path: Path) -> None:
    path = sheet(tmp_path / "nguoi-dung.xlsx", ["Tên đăng nhập", "Họ và tên", "Vai trò", "Đơn vị",
                                                 "E-mail"], [
        ["can-bo-luc-nam", "Nguyễn Văn An", "Cán bộ huyện", "Lục Nam", "an@example.vn"],
        ["so-nn-1", "Trần Thị Bình", "Sở Nông nghiệp", None, None],
        ["thu-ky", "Lê Văn Cường", "thư ký hội đồng", "Huyện Yên Thế", None],
        ["can bo", "Phạm Dũng", "Cán bộ xã", None, "not-an-address"],
        ["admin", "Quản trị", "department", None, None]])
    with path.open("rb") as stream:
        result, report = import_table(any_rt, "admin", ImportKind.USERS, stream, path.name)
    assert result.refused and report is not None
    reasons = {(p.row, p.column): p.reason for p in result.problems}
    assert set(reasons) == {(5, "Tên đăng nhập"), (5, "E-mail")}
    assert (result.new, result.existing) == (3, 1)
    with path.open("rb") as stream:
        done, _ = import_table(any_rt, "admin", ImportKind.USERS, stream, path.name,
                               skip_invalid=True)
    assert done.written == 3
    with any_rt.transaction() as session:
        users = {u.name: (u.role, u.full_name, u.password_hash) for u in session.scalars(select(User))}
    assert users["can-bo-luc-nam"] == ("district", "Nguyễn Văn An", None)
    assert users["so-nn-1"][0] == "department" and users["thu-ky"][0] == "council-secretary"
