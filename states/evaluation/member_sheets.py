"""A member's sheet, criterion by criterion: saved as they work, locked when submitted, reopened
by the chair with a reason (written in the dossier's history); nobody reads another member's
sheet before every member due to score the dossier has submitted."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from states.db.models import (
    Council,
    CouncilDossier,
    CouncilMember,
    Dossier,
    MemberSheet,
    Product,
    SheetChoice,
    SheetReopening,
    User,
)
from states.errors import Conflict, InvalidInput, PermissionDenied, RuleRefused
from states.evaluation.council_book import CouncilBook, load_book
from states.evaluation.council_reads import (
    agenda_item,
    chair_of,
    conflicted,
    in_session,
    load_council,
    membership,
    record_on_dossier,
    sheet_of,
    who,
)
from states.evaluation.sheet_source import sheet_for
from states.permissions import may
from states.rules.score_sheets import ScoreSheet, SheetCriterion, SheetOption
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.typed_text import typed_text
from states.vocabulary import Action, CouncilStatus, SheetStatus


@dataclass(frozen=True)
class Seat:
    """A member about to work on one dossier's sheet, with the sheet's data."""

    council: Council
    member: CouncilMember
    item: CouncilDossier
    sheet: ScoreSheet


def council_sheet(rt: Runtime, session: Session, council: Council,
                  item: CouncilDossier) -> ScoreSheet:
    group, subgroup = session.execute(
        select(Product.group_code, Product.subgroup_code).join(Dossier, Dossier.product_id == Product.id)
        .where(Dossier.id == item.dossier_id)).one()
    return sheet_for(rt, rt.rules.get(council.round.rulebook_code), group, subgroup)


def _seat(rt: Runtime, session: Session, actor: str, council_id: int, dossier_id: int) -> Seat:
    council = load_council(session, council_id)
    member = membership(session, council, find_user(session, actor))
    in_session(council)
    if not member.present:
        raise RuleRefused(f"{who(member)} vắng mặt ở phiên họp này nên không chấm điểm.")
    item = agenda_item(session, council, dossier_id)
    conflict = conflicted(session, member.id, dossier_id)
    if conflict is not None:
        raise RuleRefused(f"{who(member)} đã khai xung đột lợi ích với hồ sơ {dossier_id} "
                          f"({conflict.reason}) nên không chấm hồ sơ này.")
    return Seat(council, member, item, council_sheet(rt, session, council, item))


def _open_sheet(session: Session, seat: Seat, sheet: MemberSheet | None = None) -> MemberSheet:
    """The member's draft (`sheet` when the caller read it already), made on first save."""
    sheet = sheet or sheet_of(session, seat.member.id, seat.item.dossier_id)
    if sheet is None:
        sheet = MemberSheet(member_id=seat.member.id, dossier_id=seat.item.dossier_id,
                            status=SheetStatus.DRAFT)
        session.add(sheet)
        session.flush()
    if sheet.status == SheetStatus.SUBMITTED:
        raise RuleRefused(f"Phiếu hồ sơ {seat.item.dossier_id} của {who(seat.member)} đã nộp: "
                          "chỉ chủ tịch hội đồng mở lại được (ocop council reopen).")
    return sheet


@dataclass(frozen=True)
class Draft:
    """A member's sheet of one dossier as a save leaves it: the seat, the row (None while
    nothing was ever saved) and its choices in the order saved."""

    seat: Seat
    row: MemberSheet | None
    choices: list[SheetChoice]


def _picked(seat: Seat, criterion: str, option: str) -> tuple[SheetCriterion, SheetOption]:
    wanted = seat.sheet.criterion(criterion.strip())
    if wanted is None:
        raise InvalidInput(f"Phiếu {seat.sheet.code} không có tiêu chí '{criterion}'.")
    picked = wanted.option(option.strip())
    if picked is None:
        offered = "; ".join(f"{o.code} = {o.points:g} điểm" for o in wanted.options)
        raise InvalidInput(f"Tiêu chí {wanted.code} không có lựa chọn '{option}'; các lựa chọn: "
                           f"{offered}.")
    return wanted, picked


def _put(rt: Runtime, session: Session, draft: Draft, criterion: str, option: str) -> SheetChoice:
    """One criterion's option in the draft: its row, made or changed in place."""
    assert draft.row is not None
    wanted, picked = _picked(draft.seat, criterion, option)
    row = next((c for c in draft.choices if c.criterion == wanted.code), None)
    if row is None:
        row = SheetChoice(sheet_id=draft.row.id, criterion=wanted.code)
        session.add(row)
        draft.choices.append(row)
    row.part = draft.seat.sheet.part_of(wanted.code) or ""
    row.option = picked.code
    row.points = picked.points
    row.fails_mandatory = wanted.mandatory and picked.points == 0
    row.saved_at = rt.clock.now()
    return row


def _draft(session: Session, seat: Seat, existed: MemberSheet | None) -> Draft:
    row = _open_sheet(session, seat, existed)
    return Draft(seat, row, choices_of(session, row.id) if existed is not None else [])


def choose(rt: Runtime, session: Session, actor: str, council_id: int, dossier_id: int, *,
           criterion: str, option: str) -> SheetChoice:
    """Save one criterion's option in the member's draft (the draft is made on first save)."""
    seat = _seat(rt, session, actor, council_id, dossier_id)
    draft = _draft(session, seat, sheet_of(session, seat.member.id, dossier_id))
    row = _put(rt, session, draft, criterion, option)
    session.flush()
    return row


STALE_SHEET = ("Phiếu này vừa được lưu ở nơi khác (một thẻ hoặc máy khác): không có gì được ghi. "
               "Hãy tải lại phiếu mới nhất rồi chấm tiếp.")


def draft_version(session: Session, seat: Seat) -> int:
    """The version of the member's sheet of the dossier: 0 before its first save."""
    sheet = sheet_of(session, seat.member.id, seat.item.dossier_id)
    return sheet.version if sheet is not None else 0


def save_choices(rt: Runtime, session: Session, actor: str, council_id: int, dossier_id: int,
                 choices: list[tuple[str, str]], expected_version: int | None = None) -> Draft:
    """Save criteria (code, option) in the member's draft, all or none. Nothing is written
    when the draft was saved since `expected_version` (another tab); each save is one version
    more (the row's optimistic lock also refuses two saves racing from the same version).
    One seat and one read of the draft serve every criterion: a save is what the scoring
    screen does on each change."""
    seat = _seat(rt, session, actor, council_id, dossier_id)
    existed = sheet_of(session, seat.member.id, dossier_id)
    if expected_version is not None and (existed.version if existed else 0) != expected_version:
        raise Conflict(STALE_SHEET)
    if not choices:
        return Draft(seat, existed, choices_of(session, existed.id) if existed else [])
    draft = _draft(session, seat, existed)
    for criterion, option in choices:
        _put(rt, session, draft, criterion, option)
    if existed is not None:
        flag_modified(existed, "status")  # the choices are other rows: the sheet says it changed
    session.flush()
    return draft


def choices_of(session: Session, sheet_id: int) -> list[SheetChoice]:
    return list(session.scalars(select(SheetChoice).where(SheetChoice.sheet_id == sheet_id)
                                .order_by(SheetChoice.id)))


def submit(rt: Runtime, session: Session, actor: str, council_id: int,
           dossier_id: int, expected_version: int | None = None) -> MemberSheet:
    """Lock the sheet; refused as save_choices is when the draft moved on since
    `expected_version`."""
    seat = _seat(rt, session, actor, council_id, dossier_id)
    if expected_version is not None and draft_version(session, seat) != expected_version:
        raise Conflict(STALE_SHEET)
    sheet = _open_sheet(session, seat)
    chosen = {row.criterion for row in choices_of(session, sheet.id)}
    missing = [c.code for part in seat.sheet.parts for c in part.criteria if c.code not in chosen]
    if missing:
        raise RuleRefused(f"Còn {len(missing)} tiêu chí chưa chấm ({', '.join(missing)}): chưa "
                          "nộp phiếu được.")
    sheet.status = SheetStatus.SUBMITTED
    sheet.submitted_at = rt.clock.now()
    session.flush()
    return sheet


STALE_REOPENING = ("Phiếu hồ sơ {dossier} của {member} đã thay đổi từ lúc bạn đọc (phiên bản {now}, "
                   "bạn gửi {sent}): không có gì được ghi; hãy tải lại phiếu rồi quyết định.")


def _sheet_to_reopen(session: Session, actor: str, council_id: int, dossier_id: int,
                     member: str) -> tuple[Council, CouncilDossier, CouncilMember, MemberSheet | None]:
    """The member's sheet, for the chair of a council in session."""
    council = load_council(session, council_id)
    chair_of(session, council, find_user(session, actor), "mở lại phiếu của thành viên")
    in_session(council)
    item = agenda_item(session, council, dossier_id)
    seat = membership(session, council, find_user(session, member))
    return council, item, seat, sheet_of(session, seat.id, dossier_id)


def reopening_version(session: Session, actor: str, council_id: int, dossier_id: int,
                      member: str) -> int:
    """The version of the sheet the chair would reopen (0: never saved), asked without the rule
    that hides it until every member submitted: once the chair reopened one sheet, the others
    are hidden again, yet the chair may still reopen them against the version read before."""
    *_, sheet = _sheet_to_reopen(session, actor, council_id, dossier_id, member)
    return sheet.version if sheet is not None else 0


def reopen(rt: Runtime, session: Session, actor: str, council_id: int, dossier_id: int, *,
           member: str, reason: str, expected_version: int | None = None) -> MemberSheet:
    """The chair reopens one member's submitted sheet; the reason goes in the dossier's history.
    Nothing is written when the sheet changed since `expected_version` (Conflict)."""
    reason = typed_text(reason, "Lý do mở lại phiếu", lines=True)
    council, item, seat, sheet = _sheet_to_reopen(session, actor, council_id, dossier_id, member)
    now = sheet.version if sheet is not None else 0
    if expected_version is not None and now != expected_version:
        raise Conflict(STALE_REOPENING.format(dossier=dossier_id, member=who(seat), now=now,
                                              sent=expected_version))
    if sheet is None or sheet.status != SheetStatus.SUBMITTED:
        raise RuleRefused(f"Phiếu hồ sơ {dossier_id} của {who(seat)} chưa nộp: không cần mở lại.")
    sheet.status = SheetStatus.DRAFT
    sheet.submitted_at = None
    item.discrepancy_acknowledged_by = None  # the totals may change: discussed again
    session.add(SheetReopening(sheet_id=sheet.id, reason=reason, reopened_by=actor,
                               reopened_at=rt.clock.now()))
    record_on_dossier(rt, session, dossier_id, Action.REOPEN_SHEET, actor, reason,
                      {"council_id": council.id, "member": seat.user.name})
    return sheet


def may_see_council(session: Session, user: User, council: Council) -> None:
    """Its members, and whoever may set the council up (the Department, the unit's officers)."""
    seated = session.scalar(select(CouncilMember.id).where(CouncilMember.council_id == council.id,
                                                           CouncilMember.user_id == user.id))
    if seated is None and not may(user, Action.COUNCIL, council.unit_id):
        raise PermissionDenied(f"Người dùng '{user.name}' không được xem phiếu của hội đồng "
                               f"'{council.name}'.")


def may_read(session: Session, actor: str, council: Council, item: CouncilDossier,
             member: CouncilMember, book: CouncilBook | None = None) -> None:
    """Members read their own sheet at any time; anyone else's only once every member due to
    score the dossier has submitted (results stay confidential until then). `book`: the
    agenda's, when the caller asks for many sheets."""
    user = find_user(session, actor)
    if member.user_id == user.id:
        return
    may_see_council(session, user, council)
    book = book or load_book(session, council, [item], choices=False)
    if council.status != CouncilStatus.CLOSED and book.not_submitted(item.dossier_id):
        raise PermissionDenied(f"Chưa xem được phiếu của {who(member)}: phiếu các thành viên chỉ "
                               f"mở khi mọi thành viên đã nộp phiếu hồ sơ {item.dossier_id}.")
