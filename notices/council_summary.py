"""The council's summary workbook: dossiers × members × parts, each dossier's average, stars
and mandatory failures, as the chair closed them; a provisional sheet says so."""

from sqlalchemy.orm import Session

from notices.spreadsheets import workbook_bytes
from states.db.models import Council
from states.errors import RuleRefused
from states.evaluation.council_book import load_book
from states.evaluation.council_reads import agenda
from states.evaluation.council_results import book_sheet
from states.evaluation.sheet_source import provisional_note
from states.runtime import Runtime
from states.vocabulary import CouncilStatus

HEADERS = ("Hồ sơ", "Sản phẩm", "Thành viên", "Phần A", "Phần B", "Phần C", "Tổng", "Hạng sao",
           "Tiêu chí bắt buộc không đạt")


def council_summary_xlsx(rt: Runtime, session: Session, council: Council) -> bytes:
    if council.status != CouncilStatus.CLOSED:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa kết thúc phiên họp: chưa có bảng tổng hợp.")
    rows: list[tuple[object, ...]] = []
    provisional = False
    items = agenda(session, council.id)
    book = load_book(session, council, items)
    for item in items:
        product = book.products.get(item.dossier_id, "")
        provisional = provisional or item.sheet_provisional
        for seat in book.scorers(item.dossier_id):
            view = book_sheet(rt, book, council, item, seat)
            rows.append((item.dossier_id, product, view.member_name, view.parts.get("A"),
                         view.parts.get("B"), view.parts.get("C"), view.total, None,
                         ", ".join(view.failed_mandatory) or None))
        stars = None if item.failed_mandatory else item.stars
        rows.append((item.dossier_id, product, "Trung bình của hội đồng", None, None, None,
                     item.average, stars, item.failed_mandatory))
    heading = (f"{council.name} ({council.level_name}), họp ngày "
               f"{council.meeting_on:%d/%m/%Y}" if council.meeting_on else council.name)
    return workbook_bytes("Tổng hợp", HEADERS, rows, heading + provisional_note(provisional))
