"""A province's list of recognised products as a Department keeps it, written into the
template the system gives (or into a sheet with headings of its own), for the import tests."""

from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from states.runtime import Runtime
from states.vocabulary import ImportKind
from use_cases.imports import import_template

# Bắc Giang's kind of list: products of 2019–2022 decisions, columns in the template's order
# (unit, producer, type, commune, e-mail, phone, product, group, stars, points, decision,
# decision date, certificate number, expiry).
BAC_GIANG: list[tuple[Any, ...]] = [
    ("Huyện Lục Ngạn", "HTX Sản xuất và kinh doanh mỳ Chũ", "Hợp tác xã", "Thị trấn Chũ",
     "htx.mychu@example.vn", "0204 3882 123", "Mỳ Chũ", "Thực phẩm", 4, 76.5, "1103/QĐ-UBND",
     date(2021, 11, 30), "BG-2021-001", None),
    ("Huyện Lục Ngạn", "HTX Sản xuất và kinh doanh mỳ Chũ", "Hợp tác xã", "Thị trấn Chũ", None,
     None, "Mỳ Chũ gạo lứt", "Thực phẩm", 3, 64, "1103/QĐ-UBND", date(2021, 11, 30),
     "BG-2021-002", None),
    ("Lục Ngạn", "HTX Vải thiều Phượng Sơn", "HTX", "Xã Phượng Sơn", "vai.phuongson@example.vn",
     None, "Vải thiều sấy khô", "Thực phẩm", "4 sao", "71,5", "1563/QĐ-UBND", "25/07/2022",
     None, None),
    ("Huyện Yên Thế", "Công ty TNHH Gà đồi Yên Thế", None, "Xã Đồng Tâm", None, "0912 345 678",
     "Gà đồi Yên Thế", "Thực phẩm", 4, 80, "1563/QĐ-UBND", date(2022, 7, 25), "BG-2022-017",
     None),
    ("Huyện Việt Yên", "Hộ kinh doanh Rượu làng Vân", "Hộ kinh doanh", "Xã Vân Hà", None, None,
     "Rượu làng Vân", "Đồ uống", 3, 58, "1103/QĐ-UBND", date(2021, 11, 30), "BG-2021-031",
     None),
    ("Huyện Sơn Động", "HTX Mật ong Sơn Động", "Hợp tác xã", "Xã An Lạc", None, None,
     "Mật ong hoa rừng", "Thực phẩm", 3, 55, "734/QĐ-UBND", date(2019, 12, 20), "BG-2019-008",
     None),
    ("Thành phố Bắc Giang", "HTX Bánh đa Kế", "Hợp tác xã", "Phường Dĩnh Kế", None, None,
     "Bánh đa Kế", "Thực phẩm", 3, 52.5, "734/QĐ-UBND", date(2019, 12, 20), None,
     date(2022, 12, 20)),
]


def filled_template(rt: Runtime, rows: list[tuple[Any, ...]], path: Path) -> Path:
    """The template the system writes, its example row replaced by `rows`."""
    _, content = import_template(rt, ImportKind.PRODUCTS)
    book = load_workbook(BytesIO(content))
    sheet = book.worksheets[0]
    sheet.delete_rows(2)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def sheet(path: Path, headings: list[str], rows: list[list[Any]],
          above: list[list[Any]] | None = None) -> Path:
    """A workbook of one sheet: title rows, the headings, the rows."""
    book = Workbook()
    page = book.active
    assert page is not None
    for row in [*(above or []), headings, *rows]:
        page.append(row)
    book.save(path)
    return path
