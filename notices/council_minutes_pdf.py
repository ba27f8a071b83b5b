"""The minutes of a closed council session (biên bản họp, PDF): who was there, who abstained
on which dossier for a conflict of interest, each dossier's result as the chair closed it."""

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from notices.council_sheet_pdf import council_paper, say
from states.clock import format_date, format_local_datetime
from states.db.models import Council, CouncilConflict
from states.errors import RuleRefused
from states.evaluation.council_reads import agenda, members_of, product_names, who
from states.rules.points import format_points
from states.runtime import Runtime
from states.vocabulary import CouncilRole, CouncilStatus, label


def council_minutes_pdf(rt: Runtime, session: Session, council: Council) -> bytes:
    if council.status != CouncilStatus.CLOSED or council.closed_at is None:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa kết thúc phiên họp: chưa có biên bản.")
    items = agenda(session, council.id)
    pdf = council_paper(f"Biên bản họp - {council.name}",
                        any(item.sheet_provisional for item in items))
    say(pdf, "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", bold=True, size=13)
    say(pdf, f"{council.name} ({council.level_name}, {council.unit.name}), đợt "
              f"{council.round.code} theo {rt.rules.get(council.round.rulebook_code).title}.")
    say(pdf, f"Ngày họp {format_date(council.meeting_on)}; kết thúc lúc "
              f"{format_local_datetime(council.closed_at)}.")
    say(pdf, "THÀNH VIÊN", bold=True)
    seats = members_of(session, council.id)
    for seat in seats:
        say(pdf, f"- {who(seat)}, {label(CouncilRole(seat.role)).lower()}: "
                  f"{'có mặt' if seat.present else 'vắng mặt'}")
    names = {seat.id: who(seat) for seat in seats}
    products = product_names(session, [item.dossier_id for item in items])
    abstentions: dict[int, list[CouncilConflict]] = defaultdict(list)
    for conflict in session.scalars(select(CouncilConflict).where(
            CouncilConflict.member_id.in_(names)).order_by(CouncilConflict.id)):
        abstentions[conflict.dossier_id].append(conflict)
    say(pdf, "KẾT QUẢ", bold=True)
    for item in items:
        product = products.get(item.dossier_id, "")
        failed = item.failed_mandatory
        points = format_points(item.average) if item.average is not None else "–"
        say(pdf, f"Hồ sơ {item.dossier_id} ({product}): {points} điểm, "
                  + (f"không đạt tiêu chí bắt buộc {failed}." if failed
                     else f"đạt {item.stars} sao."))
        for conflict in abstentions[item.dossier_id]:
            say(pdf, f"   Không chấm (xung đột lợi ích): {names[conflict.member_id]}: "
                      f"{conflict.reason}")
    pdf.ln(8)
    say(pdf, "THƯ KÝ HỘI ĐỒNG                                   CHỦ TỊCH HỘI ĐỒNG", bold=True)
    return bytes(pdf.output())
