"""Opening the session (the package in time, the meeting day, the quorum) and conflicts of
interest: a member who declares one does not score that dossier."""

from sqlalchemy import delete
from sqlalchemy.orm import Session

from states.db.models import Council, CouncilConflict, CouncilMember, SheetChoice
from states.errors import InvalidInput, RuleRefused
from states.evaluation.council_reads import (
    agenda,
    agenda_item,
    conflicted,
    load_council,
    members_of,
    membership,
    package_due_on,
    sheet_of,
    who,
)
from states.evaluation.council_setup import forming, quorum_text
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.typed_text import typed_text
from states.vocabulary import CouncilRole, CouncilStatus, SheetStatus


def _package_in_time(rt: Runtime, council: Council) -> None:
    policy = rt.rules.province.councils
    if council.meeting_on is None:
        raise RuleRefused(f"Hội đồng '{council.name}' chưa có ngày họp.")
    due = package_due_on(rt.rules.calendar, council.meeting_on, policy.package_working_days)
    rule = (f"thành viên phải nhận tài liệu ít nhất {policy.package_working_days} ngày làm việc "
            f"trước ngày họp {council.meeting_on:%d/%m/%Y}, tức chậm nhất ngày {due:%d/%m/%Y}")
    if council.package_sent_on is None:
        raise RuleRefused(f"Chưa ghi ngày gửi tài liệu cho thành viên: {rule}.")
    if council.package_sent_on > due:
        raise RuleRefused(f"Tài liệu gửi ngày {council.package_sent_on:%d/%m/%Y} là quá muộn: "
                          f"{rule}. Hãy dời ngày họp.")
    if rt.clock.today() < council.meeting_on:
        raise RuleRefused(f"Chưa đến ngày họp {council.meeting_on:%d/%m/%Y}: chưa mở phiên được.")


def _quorum(rt: Runtime, council: Council, seats: list[CouncilMember],
            present: set[int]) -> None:
    policy = rt.rules.province.councils
    roles = {seat.role for seat in seats}
    if CouncilRole.CHAIR not in roles or CouncilRole.SECRETARY not in roles:
        raise RuleRefused(f"Hội đồng '{council.name}' cần một chủ tịch và một thư ký trước khi họp.")
    there = [seat for seat in seats if seat.id in present]
    chair_there = any(seat.role == CouncilRole.CHAIR for seat in there)
    if len(there) < policy.quorum_share * len(seats) or (policy.chair_must_attend
                                                          and not chair_there):
        raise RuleRefused(f"Không đủ số lượng: {len(there)}/{len(seats)} thành viên có mặt"
                          f"{'' if chair_there else ', vắng chủ tịch'}; cần {quorum_text(policy)}.")


def open_session(rt: Runtime, session: Session, actor: str, council_id: int, *,
                 present: list[str] | None = None) -> Council:
    """`present`: the members' user names (None: everyone)."""
    council = forming(session, actor, council_id)
    if not agenda(session, council.id):
        raise RuleRefused(f"Hội đồng '{council.name}' chưa có hồ sơ nào để chấm.")
    _package_in_time(rt, council)
    seats = members_of(session, council.id)
    names = {seat.user.name: seat for seat in seats}
    if present is None:
        there = {seat.id for seat in seats}
    else:
        unknown = [name for name in present if name not in names]
        if unknown:
            raise InvalidInput(f"Không phải thành viên hội đồng: {', '.join(unknown)}.")
        there = {names[name].id for name in present}
    _quorum(rt, council, seats, there)
    for seat in seats:
        seat.present = seat.id in there
    council.status = CouncilStatus.IN_SESSION
    council.opened_at = rt.clock.now()
    return council


def declare_conflict(rt: Runtime, session: Session, actor: str, council_id: int,
                     dossier_id: int, *, reason: str, member: str | None = None) -> CouncilConflict:
    """A member declares their own conflict; the chair or secretary may record one for a member."""
    council = load_council(session, council_id)
    if council.status == CouncilStatus.CLOSED:
        raise RuleRefused(f"Hội đồng '{council.name}' đã kết thúc phiên họp.")
    reason = typed_text(reason, "Lý do xung đột lợi ích", lines=True)
    agenda_item(session, council, dossier_id)
    declarer = membership(session, council, find_user(session, actor))
    seat = declarer
    if member is not None and member != actor:
        if declarer.role not in (CouncilRole.CHAIR, CouncilRole.SECRETARY):
            raise RuleRefused("Chỉ chủ tịch hoặc thư ký ghi xung đột lợi ích thay thành viên khác.")
        seat = membership(session, council, find_user(session, member))
    if conflicted(session, seat.id, dossier_id) is not None:
        raise RuleRefused(f"{who(seat)} đã khai xung đột lợi ích với hồ sơ {dossier_id}.")
    sheet = sheet_of(session, seat.id, dossier_id)
    if sheet is not None and sheet.status == SheetStatus.SUBMITTED:
        raise RuleRefused(f"{who(seat)} đã nộp phiếu hồ sơ {dossier_id}: chủ tịch mở lại phiếu "
                          "trước khi ghi xung đột lợi ích.")
    conflict = CouncilConflict(member_id=seat.id, dossier_id=dossier_id, reason=reason,
                               declared_by=actor, declared_at=rt.clock.now())
    session.add(conflict)
    if sheet is not None:  # a draft begun before the conflict was declared does not count
        session.execute(delete(SheetChoice).where(SheetChoice.sheet_id == sheet.id))
        session.delete(sheet)
    session.flush()
    return conflict
