"""Setting a council up: its level and round, members, dossiers, the meeting date and the
package the members must receive at least 2 working days before the meeting."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Council, CouncilDossier, CouncilMember, Dossier, EvaluationRound, User
from states.db.stored_text import length_of
from states.dossiers.sheet import load_dossier
from states.errors import InvalidInput, NotFound, RuleRefused
from states.evaluation.council_book import CouncilBook, load_book
from states.evaluation.council_publication import window_text
from states.evaluation.council_reads import (
    AgendaView,
    CouncilView,
    agenda,
    agenda_view,
    load_council,
    member_view,
    members_of,
    package_due_on,
)
from states.evaluation.sheet_source import sheet_for
from states.permissions import authorize
from states.rules.council_policy import CouncilPolicy
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.typed_text import typed_name
from states.vocabulary import Action, CouncilLevel, CouncilRole, CouncilStatus, State, label

# Where a dossier must stand to go on each level's agenda: inspected for the local council,
# forwarded for the province's.
AGENDA_STATE = {CouncilLevel.LOCAL: State.DISTRICT_INSPECTED,
                CouncilLevel.PROVINCIAL: State.PROVINCIAL_REVIEW}
SINGLE_SEATS = (CouncilRole.CHAIR, CouncilRole.SECRETARY)


def level_name(level: CouncilLevel, local_level_name: str) -> str:
    """The level as the rulebook calls it: "cấp huyện" under 1048/148, "cấp xã" under 1489."""
    return local_level_name if level == CouncilLevel.LOCAL else "cấp tỉnh"


def create_council(rt: Runtime, session: Session, actor: str, *, name: str, level: CouncilLevel,
                   round_code: str, unit: str | None = None) -> Council:
    if level not in AGENDA_STATE:
        raise InvalidInput("Hội đồng cấp trung ương / Bộ không chấm trên hệ thống này: kết quả "
                           "của họ được ghi như một kết luận (ocop dossier certify).")
    name = typed_name(name, "Tên hội đồng", length_of(Council.name))
    found = session.scalar(select(EvaluationRound).where(EvaluationRound.code == round_code))
    if found is None:
        raise NotFound(f"Không có đợt đánh giá '{round_code}'.")
    user = find_user(session, actor)
    place = find_unit(session, unit, rt.clock.today()) if unit else user.unit
    if place is None:
        raise InvalidInput("Cần đơn vị lập hội đồng.", fields=("unit",))
    authorize(user, Action.COUNCIL, place.id)
    rulebook = rt.rules.get(found.rulebook_code)
    council = Council(name=name, level=level, unit_id=place.id, round_id=found.id,
                      level_name=level_name(level, rulebook.local_level_name),
                      status=CouncilStatus.FORMING, created_by=actor, created_at=rt.clock.now())
    session.add(council)
    session.flush()
    return council


def forming(session: Session, actor: str, council_id: int) -> Council:
    """The council, while it is still being set up, for someone who may set it up."""
    council = load_council(session, council_id)
    authorize(find_user(session, actor), Action.COUNCIL, council.unit_id)
    if council.status != CouncilStatus.FORMING:
        raise RuleRefused(f"Hội đồng '{council.name}' đã mở phiên họp: không thay đổi thành phần "
                          "được nữa.")
    return council


def add_member(rt: Runtime, session: Session, actor: str, council_id: int, *, user: str,
               role: CouncilRole) -> CouncilMember:
    council = forming(session, actor, council_id)
    person: User = find_user(session, user)
    seats = members_of(session, council.id)
    if any(seat.user_id == person.id for seat in seats):
        raise RuleRefused(f"'{person.name}' đã là thành viên hội đồng '{council.name}'.")
    if role in SINGLE_SEATS and any(seat.role == role for seat in seats):
        raise RuleRefused(f"Hội đồng '{council.name}' đã có {label(role).lower()}.")
    member = CouncilMember(council_id=council.id, user_id=person.id, role=role, present=False)
    session.add(member)
    session.flush()
    return member


def add_dossier(rt: Runtime, session: Session, actor: str, council_id: int,
                dossier_id: int) -> CouncilDossier:
    council = forming(session, actor, council_id)
    dossier: Dossier = load_dossier(session, dossier_id)
    level = CouncilLevel(council.level)
    if dossier.round_id != council.round_id:
        raise RuleRefused(f"Hồ sơ {dossier_id} thuộc đợt '{dossier.round.code}', không phải đợt "
                          f"của hội đồng '{council.name}'.")
    if dossier.state != AGENDA_STATE[level]:
        raise RuleRefused(f"Hồ sơ {dossier_id} đang ở bước '{label(State(dossier.state))}': hội "
                          f"đồng {council.level_name} chỉ chấm hồ sơ ở bước "
                          f"'{label(AGENDA_STATE[level])}'.")
    if session.scalar(select(CouncilDossier.id).where(CouncilDossier.council_id == council.id,
                                                      CouncilDossier.dossier_id == dossier_id)):
        raise RuleRefused(f"Hồ sơ {dossier_id} đã có trong danh sách của hội đồng.")
    rulebook = rt.rules.get(council.round.rulebook_code)
    sheet = sheet_for(rt, rulebook, dossier.product.group_code, dossier.product.subgroup_code)
    item = CouncilDossier(council_id=council.id, dossier_id=dossier_id, cycle=dossier.cycle,
                          sheet_code=sheet.code, sheet_provisional=sheet.provisional)
    session.add(item)
    session.flush()
    return item


def set_meeting(rt: Runtime, session: Session, actor: str, council_id: int, *, on: date) -> Council:
    council = forming(session, actor, council_id)
    if on < rt.clock.today():
        raise InvalidInput(f"Ngày họp {on:%d/%m/%Y} đã qua.")
    council.meeting_on = on
    return council


def record_package(rt: Runtime, session: Session, actor: str, council_id: int, *,
                   on: date) -> Council:
    """The day the dossiers and samples reached the members. A late package is recorded as it
    happened: the session then refuses to open until the meeting is moved."""
    council = forming(session, actor, council_id)
    if council.meeting_on is None:
        raise RuleRefused("Hãy đặt ngày họp trước (ocop council meeting) để tính hạn gửi tài liệu.")
    if on > rt.clock.today():
        raise InvalidInput(f"Ngày gửi tài liệu {on:%d/%m/%Y} không thể ở tương lai.")
    council.package_sent_on = on
    return council


def quorum_text(policy: CouncilPolicy) -> str:
    chair = ", có chủ tịch" if policy.chair_must_attend else ""
    where = "" if policy.quorum_confirmed else (" (tạm thời: mặc định của phần mềm, chưa theo "
                                                "quy chế của tỉnh)")
    return f"ít nhất {policy.quorum_share:.0%} thành viên có mặt{chair}{where}"


def council_view(rt: Runtime, session: Session, council: Council) -> CouncilView:
    policy = rt.rules.province.councils
    due = (package_due_on(rt.rules.calendar, council.meeting_on, policy.package_working_days)
           if council.meeting_on else None)
    status = CouncilStatus(council.status)
    items = agenda(session, council.id)
    book = load_book(session, council, items, choices=False)
    return CouncilView(
        council.id, council.name, CouncilLevel(council.level), council.level_name, status,
        label(status), council.unit.name, council.round.code,
        rt.rules.get(council.round.rulebook_code).title, council.meeting_on,
        council.package_sent_on, due, quorum_text(policy),
        [member_view(m) for m in book.members],
        [_agenda_line(book, item) for item in items],
        council.published_at, council.complaint_ends_on, window_text(rt, council))


def _agenda_line(book: CouncilBook, item: CouncilDossier) -> AgendaView:
    expected = len(book.scorers(item.dossier_id))
    submitted = expected - len(book.not_submitted(item.dossier_id))
    return agenda_view(item, book.products.get(item.dossier_id, ""), submitted, expected)
