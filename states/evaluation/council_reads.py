"""Reading a council: its row, who sits on it, its dossiers, who must score which dossier, and
the views the faces print."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from states.db.models import (
    Council,
    CouncilConflict,
    CouncilDossier,
    CouncilMember,
    Dossier,
    MemberSheet,
    Product,
    User,
)
from states.dossiers.history import record_events
from states.errors import NotFound, PermissionDenied, RuleRefused
from states.rules.working_days import WorkingCalendar
from states.runtime import Runtime
from states.vocabulary import Action, CouncilLevel, CouncilRole, CouncilStatus, label


def load_council(session: Session, council_id: int) -> Council:
    council = session.get(Council, council_id)
    if council is None:
        raise NotFound(f"Không có hội đồng số {council_id}.")
    return council


def members_of(session: Session, council_id: int) -> list[CouncilMember]:
    return list(session.scalars(select(CouncilMember).where(CouncilMember.council_id == council_id)
                                .order_by(CouncilMember.id)))


def membership(session: Session, council: Council, user: User) -> CouncilMember:
    """The user's seat on the council; someone without one may not score or see its sheets."""
    member = session.scalar(select(CouncilMember).where(CouncilMember.council_id == council.id,
                                                        CouncilMember.user_id == user.id))
    if member is None:
        raise PermissionDenied(f"Người dùng '{user.name}' không phải thành viên hội đồng "
                               f"'{council.name}'.")
    set_committed_value(member, "user", user)  # known already: naming the member asks nothing
    return member


def chair_of(session: Session, council: Council, user: User, what: str) -> CouncilMember:
    member = membership(session, council, user)
    if member.role != CouncilRole.CHAIR:
        raise PermissionDenied(f"Chỉ chủ tịch hội đồng mới được {what}.")
    return member


def agenda_item(session: Session, council: Council, dossier_id: int) -> CouncilDossier:
    item = session.scalar(select(CouncilDossier).where(CouncilDossier.council_id == council.id,
                                                       CouncilDossier.dossier_id == dossier_id))
    if item is None:
        raise NotFound(f"Hồ sơ {dossier_id} không có trong danh sách của hội đồng '{council.name}'.")
    return item


def agenda(session: Session, council_id: int) -> list[CouncilDossier]:
    return list(session.scalars(select(CouncilDossier).where(CouncilDossier.council_id == council_id)
                                .order_by(CouncilDossier.id)))


def in_session(council: Council) -> None:
    if council.status == CouncilStatus.FORMING:
        raise RuleRefused(f"Phiên họp của hội đồng '{council.name}' chưa mở: chưa thể chấm điểm.")
    if council.status == CouncilStatus.CLOSED:
        raise RuleRefused(f"Hội đồng '{council.name}' đã kết thúc phiên họp: không thay đổi được phiếu.")


def conflicted(session: Session, member_id: int, dossier_id: int) -> CouncilConflict | None:
    return session.scalar(select(CouncilConflict).where(CouncilConflict.member_id == member_id,
                                                        CouncilConflict.dossier_id == dossier_id))


def sheet_of(session: Session, member_id: int, dossier_id: int) -> MemberSheet | None:
    return session.scalar(select(MemberSheet).where(MemberSheet.member_id == member_id,
                                                    MemberSheet.dossier_id == dossier_id))


def record_on_dossier(rt: Runtime, session: Session, dossier_id: int, trigger: Action, actor: str,
                      note: str | None, details: dict[str, Any]) -> None:
    """A council's act in the dossier's history (append-only), its state unchanged."""
    record_on_dossiers(rt, session, trigger, actor, {dossier_id: details}, note)


def record_on_dossiers(rt: Runtime, session: Session, trigger: Action, actor: str,
                       details: dict[int, dict[str, Any]], note: str | None = None) -> None:
    """record_on_dossier for a whole agenda (dossier id → details) in three statements: a
    council closes or publishes a hundred dossiers at once."""
    now = rt.clock.now()
    record_events(session, [
        {"dossier_id": dossier_id, "unit_id": unit_id, "from_state": state, "to_state": state,
         "trigger": trigger, "actor": actor, "at": now, "note": note, "details": details[dossier_id]}
        for dossier_id, unit_id, state in session.execute(
            select(Dossier.id, Dossier.unit_id, Dossier.state).where(Dossier.id.in_(details)))])


def product_names(session: Session, dossier_ids: list[int]) -> dict[int, str]:
    """Each dossier's product name, in one query (an agenda has a hundred)."""
    rows = session.execute(select(Dossier.id, Product.name)
                           .join(Product, Product.id == Dossier.product_id)
                           .where(Dossier.id.in_(dossier_ids)))
    return {dossier_id: name for dossier_id, name in rows}


def who(member: CouncilMember) -> str:
    return member.user.full_name or member.user.name


def package_due_on(calendar: WorkingCalendar, meeting_on: date, working_days: int) -> date:
    """The last day the package may reach members: this many working days before the meeting."""
    return calendar.add_working_days(meeting_on, -working_days)


@dataclass(frozen=True)
class MemberView:
    user: str
    name: str
    role: CouncilRole
    role_label: str
    present: bool


@dataclass(frozen=True)
class AgendaView:
    dossier_id: int
    product: str
    sheet_code: str
    sheet_provisional: bool
    submitted: int
    expected: int
    average: float | None
    stars: int | None
    failed_mandatory: str | None


@dataclass(frozen=True)
class CouncilView:
    id: int
    name: str
    level: CouncilLevel
    level_name: str
    status: CouncilStatus
    status_label: str
    unit: str
    round: str
    rulebook: str
    meeting_on: date | None
    package_sent_on: date | None
    package_due_on: date | None
    quorum: str
    members: list[MemberView]
    dossiers: list[AgendaView]
    # Publication of the closed results and the complaint window (council_publication).
    published_at: datetime | None
    complaint_ends_on: date | None
    complaint_window: str


def member_view(member: CouncilMember) -> MemberView:
    role = CouncilRole(member.role)
    return MemberView(member.user.name, who(member), role, label(role), member.present)


def agenda_view(item: CouncilDossier, product: str, submitted: int, expected: int) -> AgendaView:
    return AgendaView(item.dossier_id, product, item.sheet_code, item.sheet_provisional,
                      submitted, expected, item.average, item.stars, item.failed_mandatory)
