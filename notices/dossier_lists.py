"""A list of dossiers as an .xlsx an officer filters in Excel (`ocop dossier list --out`)."""

from datetime import date

from notices.spreadsheets import workbook_bytes
from states.clock import format_date
from states.dossiers.sheet import LateRow

DOSSIER_HEADERS = ("Hồ sơ", "Trạng thái", "Đơn vị", "Sản phẩm", "Chủ thể", "Hạn",
                   "Trễ (ngày làm việc)")


def dossier_list_workbook(rows: list[LateRow], today: date, what: str) -> bytes:
    cells = [(r.id, r.state_label, r.unit, r.product, r.producer, r.due_on,
              r.working_days_late or None) for r in rows]
    return workbook_bytes("Hồ sơ", DOSSIER_HEADERS, cells,
                          f"{what}, ngày {format_date(today)} ({len(rows)} hồ sơ)")
