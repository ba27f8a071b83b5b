"""The minutes of a closed council session (biên bản họp, PDF): who was there, who abstained
on which dossier for a conflict of interest, each dossier's result as the chair closed it."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from notices.certificate_pdf import FAMILY, FONTS
from notices.council_sheet_pdf import SheetPdf
from states.clock import format_date, format_local_datetime
from states.db.models import Council, CouncilConflict, Dossier
from states.errors import RuleRefused
from states.evaluation.council_reads import agenda, members_of, who
from states.rules.points import format_points
from states.runtime import Runtime
from states.vocabulary import CouncilRole, CouncilStatus, label


def _say(pdf: SheetPdf, text: str, bold: bool = False, size: float = 10) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")


def council_minutes_pdf(rt: Runtime, session: Session, council: Council) -> bytes:
    if council.status != CouncilStatus.CLOSED or council.closed_at is None:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa kết thúc phiên họp: chưa có biên bản.")
    items = agenda(session, council.id)
    pdf = SheetPdf(orientation="P", unit="mm", format="A4")
    pdf.provisional = any(item.sheet_provisional for item in items)
    pdf.add_font(FAMILY, "", FONTS / "DejaVuSerif.ttf")
    pdf.add_font(FAMILY, "B", FONTS / "DejaVuSerif-Bold.ttf")
    pdf.set_title(f"Biên bản họp - {council.name}")
    pdf.add_page()
    _say(pdf, "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", bold=True, size=13)
    _say(pdf, f"{council.name} ({council.level_name}, {council.unit.name}), đợt "
              f"{council.round.code} theo {rt.rules.get(council.round.rulebook_code).title}.")
    _say(pdf, f"Ngày họp {format_date(council.meeting_on)}; kết thúc lúc "
              f"{format_local_datetime(council.closed_at)}.")
    _say(pdf, "THÀNH VIÊN", bold=True)
    seats = members_of(session, council.id)
    for seat in seats:
        _say(pdf, f"- {who(seat)}, {label(CouncilRole(seat.role)).lower()}: "
                  f"{'có mặt' if seat.present else 'vắng mặt'}")
    names = {seat.id: who(seat) for seat in seats}
    _say(pdf, "KẾT QUẢ", bold=True)
    for item in items:
        dossier = session.get(Dossier, item.dossier_id)
        product = dossier.product.name if dossier is not None else ""
        failed = item.failed_mandatory
        points = format_points(item.average) if item.average is not None else "–"
        _say(pdf, f"Hồ sơ {item.dossier_id} ({product}): {points} điểm, "
                  + (f"không đạt tiêu chí bắt buộc {failed}." if failed
                     else f"đạt {item.stars} sao."))
        abstained = session.scalars(select(CouncilConflict).where(
            CouncilConflict.dossier_id == item.dossier_id,
            CouncilConflict.member_id.in_(names)))
        for conflict in abstained:
            _say(pdf, f"   Không chấm (xung đột lợi ích): {names[conflict.member_id]}: "
                      f"{conflict.reason}")
    pdf.ln(8)
    _say(pdf, "THƯ KÝ HỘI ĐỒNG                                   CHỦ TỊCH HỘI ĐỒNG", bold=True)
    return bytes(pdf.output())
