"""What the council's web pages read in one transaction (issue 21): a member's list of dossiers
to score, one dossier's scoring screen (sheet, documents, the member's draft, others' sheets
once all have submitted) and the chair's view of progress, results and reopenings. Every act
goes through use_cases/councils.py; this module only reads."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import CouncilMember, Dossier, MemberSheet, SheetReopening
from states.dossiers.evidence import DocumentRow, checklist
from states.errors import RuleRefused
from states.evaluation import council_results, council_setup
from states.evaluation.council_book import load_book
from states.evaluation.council_reads import (
    CouncilView,
    agenda,
    conflicted,
    load_council,
    membership,
    sheet_of,
    who,
)
from states.evaluation.council_results import DossierResult, SheetView
from states.evaluation.member_sheets import council_sheet, may_see_council
from states.lifecycle.facts import DossierFacts
from states.permissions import may
from states.rules.score_sheets import PROVISIONAL_BANNER, ScoreSheet
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, CouncilRole, CouncilStatus, SheetStatus

# A member's state on one dossier, as the list shows it.
TO_SCORE, DRAFT, SUBMITTED, CONFLICT = "to_score", "draft", "submitted", "conflict"
STATE_WORDS = {TO_SCORE: "chưa chấm", DRAFT: "đang chấm (nháp)", SUBMITTED: "đã nộp",
               CONFLICT: "không chấm (xung đột lợi ích)"}


@dataclass(frozen=True)
class MyDossier:
    dossier_id: int
    product: str
    group_name: str
    state: str
    state_words: str


@dataclass(frozen=True)
class MemberAgenda:
    council: CouncilView
    role: CouncilRole | None
    dossiers: list[MyDossier]
    done: int
    left: int
    next_id: int | None
    banner: str | None
    # Whoever may set the council up publishes its closed results, once.
    may_publish: bool


@dataclass(frozen=True)
class ScoringScreen:
    council: CouncilView
    dossier_id: int
    product: str
    group_name: str
    sheet: ScoreSheet
    banner: str | None
    mine: SheetView | None
    conflict_reason: str | None
    documents: list[DocumentRow]
    others: list[SheetView]
    next_id: int | None
    done: int
    left: int


@dataclass(frozen=True)
class Reopening:
    dossier_id: int
    member: str
    reason: str
    by: str
    at: datetime


@dataclass(frozen=True)
class ChairScreen:
    council: CouncilView
    role: CouncilRole | None
    progress: dict[tuple[str, int], str]
    results: dict[int, DossierResult] = field(default_factory=dict)
    reopenings: list[Reopening] = field(default_factory=list)


def _state(session: Session, member: CouncilMember, dossier_id: int) -> str:
    return _sheet_state(conflicted(session, member.id, dossier_id) is not None,
                        sheet_of(session, member.id, dossier_id))


def _sheet_state(conflict: bool, row: MemberSheet | None) -> str:
    if conflict:
        return CONFLICT
    if row is None:
        return TO_SCORE
    return SUBMITTED if row.status == SheetStatus.SUBMITTED else DRAFT


def _group(rt: Runtime, dossier: Dossier) -> str:
    """"Thực phẩm", or "Thực phẩm, phân nhóm Chè tươi, chế biến" when a sub-group is declared."""
    rulebook = rt.rules.get(dossier.round.rulebook_code)
    group = dossier.product.group_code
    subgroup = rulebook.subgroup_name(group, dossier.product.subgroup_code)
    return rulebook.groups.get(group, group) + (f", phân nhóm {subgroup}" if subgroup else "")


def _my_list(rt: Runtime, session: Session, member: CouncilMember) -> list[MyDossier]:
    rows = []
    for item in agenda(session, member.council_id):
        dossier = session.get(Dossier, item.dossier_id)
        assert dossier is not None
        state = _state(session, member, item.dossier_id)
        rows.append(MyDossier(item.dossier_id, dossier.product.name, _group(rt, dossier), state,
                              STATE_WORDS[state]))
    return rows


def _next(rows: list[MyDossier], after: int | None = None) -> int | None:
    """The next dossier still to score: after `after` first, then from the top."""
    open_rows = [r.dossier_id for r in rows if r.state in (TO_SCORE, DRAFT)]
    later = [d for d in open_rows if after is not None and d > after]
    candidates = later or [d for d in open_rows if d != after]
    return candidates[0] if candidates else None


def member_agenda(rt: Runtime, actor: str, council_id: int) -> MemberAgenda:
    with rt.transaction() as session:
        council = load_council(session, council_id)
        user = find_user(session, actor)
        may_see_council(session, user, council)
        seat = session.scalar(select(CouncilMember).where(
            CouncilMember.council_id == council.id, CouncilMember.user_id == user.id))
        rows = _my_list(rt, session, seat) if seat is not None else []
        view = council_setup.council_view(rt, session, council)
        provisional = any(d.sheet_provisional for d in view.dossiers)
        done = sum(r.state in (SUBMITTED, CONFLICT) for r in rows)
        publishable = (council.status == CouncilStatus.CLOSED and council.published_at is None
                       and may(user, Action.COUNCIL, council.unit_id))
        return MemberAgenda(view, CouncilRole(seat.role) if seat else None, rows, done,
                            len(rows) - done, _next(rows), PROVISIONAL_BANNER if provisional
                            else None, publishable)


def _others(rt: Runtime, session: Session, actor: str, council_id: int,
            dossier_id: int) -> list[SheetView]:
    """Every member's sheet, once all have submitted; none before (they stay confidential)."""
    try:
        result = council_results.result_for(rt, session, actor, council_id, dossier_id)
    except RuleRefused:
        return []
    return [council_results.read_sheet(rt, session, actor, council_id, dossier_id, m.member)
            for m in result.members]


def scoring_screen(rt: Runtime, actor: str, council_id: int, dossier_id: int) -> ScoringScreen:
    with rt.transaction() as session:
        council = load_council(session, council_id)
        member = membership(session, council, find_user(session, actor))
        item = next((i for i in agenda(session, council.id) if i.dossier_id == dossier_id), None)
        if item is None:
            council_results.read_sheet(rt, session, actor, council_id, dossier_id)  # NotFound
        assert item is not None
        dossier = session.get(Dossier, dossier_id)
        assert dossier is not None
        sheet = council_sheet(rt, session, council, item)
        conflict = conflicted(session, member.id, dossier_id)
        mine = (None if conflict is not None else
                council_results.member_sheet(rt, session, council, item, member))
        rulebook = rt.rules.get(dossier.round.rulebook_code)
        facts = DossierFacts(session, dossier, rulebook, rt.clock.today())
        rows = _my_list(rt, session, member)
        done = sum(r.state in (SUBMITTED, CONFLICT) for r in rows)
        return ScoringScreen(
            council_setup.council_view(rt, session, council), dossier_id, dossier.product.name,
            _group(rt, dossier), sheet, PROVISIONAL_BANNER if sheet.provisional else None, mine,
            conflict.reason if conflict is not None else None,
            checklist(rulebook, facts.present_documents()),
            _others(rt, session, actor, council_id, dossier_id), _next(rows, dossier_id), done,
            len(rows) - done)


def _reopenings(session: Session, council_id: int) -> list[Reopening]:
    found = session.execute(
        select(SheetReopening, MemberSheet, CouncilMember)
        .join(MemberSheet, MemberSheet.id == SheetReopening.sheet_id)
        .join(CouncilMember, CouncilMember.id == MemberSheet.member_id)
        .where(CouncilMember.council_id == council_id).order_by(SheetReopening.id))
    return [Reopening(sheet.dossier_id, who(member), row.reason, row.reopened_by, row.reopened_at)
            for row, sheet, member in found]


def chair_screen(rt: Runtime, actor: str, council_id: int) -> ChairScreen:
    """Progress of every member on every dossier (states only, never points), the results of
    the dossiers all have submitted, and the audited reopenings."""
    with rt.transaction() as session:
        council = load_council(session, council_id)
        user = find_user(session, actor)
        may_see_council(session, user, council)
        items = agenda(session, council.id)
        book = load_book(session, council, items)
        progress = {(m.user.name, item.dossier_id): STATE_WORDS[_sheet_state(
                        (m.id, item.dossier_id) in book.abstaining, book.sheet(m, item.dossier_id))]
                    for m in book.members for item in items}
        results = {}
        for item in items:
            try:
                results[item.dossier_id] = council_results.dossier_result(rt, session, council,
                                                                          item, book)
            except RuleRefused:
                continue
        seat = session.scalar(select(CouncilMember).where(
            CouncilMember.council_id == council.id, CouncilMember.user_id == user.id))
        return ChairScreen(council_setup.council_view(rt, session, council),
                           CouncilRole(seat.role) if seat else None, progress, results,
                           _reopenings(session, council.id))
