"""The web's downloads (.xlsx and the open-data .csv) go through the same cell neutraliser as
the mailed lists: a producer named like a formula stays text (issue 9, "Output")."""

import csv
import io
from datetime import date
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import update

from states.db.models import Producer
from tests.builders import advance, register
from tests.conftest import at
from tests.web.conftest import Site

FORMULA = "=HYPERLINK(\"http://x.invalid\",\"Bấm\")"


def test_web_downloads_keep_a_formula_name_as_text(site: Site) -> None:
    certified = register(at(site.rt, date(2022, 1, 3)), unit="Huyện Yên Thế", producer="HTX A")
    advance(site.rt, certified, "certified")
    stuck = register(site.rt, unit="Huyện Yên Thế", producer="HTX A")
    with site.rt.transaction() as session:
        session.execute(update(Producer).where(Producer.name == "HTX A").values(name=FORMULA))
    at(site.rt, date(2022, 3, 1))
    sheet = load_workbook(BytesIO(site.login("admin").get("/stuck.xlsx").content)).active
    assert sheet is not None
    [row] = [r for r in sheet.iter_rows(min_row=4) if r[3].value == stuck]
    assert (row[5].value, row[5].data_type, row[5].quotePrefix) == (FORMULA, "s", True)
    as_csv = site.client().get("/tra-cuu/so-dang-ky-ocop.csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert [r["producer"] for r in rows] == ["'" + FORMULA]
