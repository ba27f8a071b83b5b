""""Việc của tôi": the dossiers awaiting someone's action, soonest deadline first, a page at a
time (keyset pagination on (due_at, id): page 1,000 costs what page 1 costs)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select, tuple_
from sqlalchemy.orm import Session

from states.clock import end_of_local_day, last_local_day_before, local_date
from states.db.models import AdministrativeUnit, Dossier, EvaluationRound, Producer, Product
from states.dossiers.joins import Columns, with_names
from states.dossiers.sheet import DossierRow
from states.errors import InvalidInput
from states.folding import fold
from states.rules.working_days import WorkingCalendar
from states.vocabulary import ACTION_STATES, Role, State, label

# Whose move it is, by role: what "my work" means before any filter.
WORK_STATES: dict[str, tuple[State, ...]] = {
    Role.DISTRICT: (State.REGISTERED, State.RENEWAL, State.DISTRICT_INSPECTED,
                    State.DISTRICT_SCORED),
    Role.COUNCIL_SECRETARY: (State.DISTRICT_INSPECTED,),
    Role.DEPARTMENT: (State.PROVINCIAL_REVIEW, State.CENTRAL_REVIEW, State.RENEWAL),
}


@dataclass(frozen=True)
class WorkFilter:
    states: tuple[State, ...]
    unit_id: int | None = None
    round_code: str | None = None
    text: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class WorkItem(DossierRow):
    round: str
    overdue: bool
    due_soon: bool
    working_days_late: int


@dataclass(frozen=True)
class WorkPage:
    items: list[WorkItem]
    next: str | None


def _filtered(query: Select[*Columns], wanted: WorkFilter, now: datetime) -> Select[*Columns]:
    query = query.where(Dossier.state.in_(wanted.states))
    if wanted.unit_id is not None:
        query = query.where(Dossier.unit_id == wanted.unit_id)
    if wanted.round_code:
        query = query.where(Dossier.round_id == select(EvaluationRound.id).where(
            EvaluationRound.code == wanted.round_code).correlate(None).scalar_subquery())
    if wanted.overdue:
        query = query.where(Dossier.state.in_(ACTION_STATES), Dossier.due_at <= now)
    # Every word in the product's or the producer's name, as the public look-up searches.
    for word in fold(wanted.text or "").split():
        query = query.where(or_(Product.search_key.contains(word, autoescape=True),
                                Producer.search_key.contains(word, autoescape=True)))
    return query


def _cursor(text: str | None) -> tuple[datetime | None, int] | None:
    if not text:
        return None
    try:
        due, _, ident = text.partition("|")
        return (None if due == "-" else datetime.fromisoformat(due)), int(ident)
    except ValueError:
        raise InvalidInput("Tham số trang (after) không hợp lệ.") from None


def _cursor_of(due_at: datetime | None, ident: int) -> str:
    return f"{due_at.isoformat() if due_at else '-'}|{ident}"


def work_page(session: Session, now: datetime, calendar: WorkingCalendar, soon_days: int,
              wanted: WorkFilter, after: str | None, limit: int = 50) -> WorkPage:
    # The round's code joined in: one statement fewer than reading every round per page.
    base = _filtered(with_names(select(
        Dossier.id, Dossier.state, Dossier.due_at, AdministrativeUnit.name, Product.name,
        Producer.name, EvaluationRound.code)).outerjoin(
            EvaluationRound, Dossier.round_id == EvaluationRound.id), wanted, now)
    cursor = _cursor(after)
    rows: list[Any] = []
    # Dated dossiers first, in (due_at, id) order; then those without a deadline, by id.
    if cursor is None or cursor[0] is not None:
        dated = base.where(Dossier.due_at.is_not(None))
        if cursor is not None:
            dated = dated.where(tuple_(Dossier.due_at, Dossier.id) > tuple_(*cursor))
        rows = list(session.execute(dated.order_by(Dossier.due_at, Dossier.id).limit(limit + 1)))
    if len(rows) <= limit:
        undated = base.where(Dossier.due_at.is_(None))
        if cursor is not None and cursor[0] is None:
            undated = undated.where(Dossier.id > cursor[1])
        rows += session.execute(undated.order_by(Dossier.id).limit(limit + 1 - len(rows)))
    more = len(rows) > limit
    rows = rows[:limit]
    items = [_item(row, now, calendar, soon_days) for row in rows]
    return WorkPage(items, _cursor_of(rows[-1].due_at, rows[-1].id) if more else None)


def _item(row: Any, now: datetime, calendar: WorkingCalendar, soon_days: int) -> WorkItem:
    ident, state, due_at, unit, product, producer, round_code = row
    today = local_date(now)
    due_on = last_local_day_before(due_at) if due_at else None
    overdue = bool(due_at and due_at <= now and state in ACTION_STATES)
    horizon = end_of_local_day(calendar.add_working_days(today, soon_days))
    soon = bool(due_at and not overdue and due_at < horizon and state in ACTION_STATES)
    late = calendar.working_days_between(due_on, today) if overdue and due_on else 0
    return WorkItem(ident, State(state), label(State(state)), unit, product, producer, due_on,
                    round_code or "", overdue, soon, late)


# Counts stop here ("1000+"): a province has hundreds of open dossiers; counting a national
# table's 10^5 on every page would cost more than the page itself.
COUNT_CAP = 1000


def _capped(query: Select[Any]) -> Any:
    return select(func.count()).select_from(query.limit(COUNT_CAP + 1).subquery()).scalar_subquery()


def work_counts(session: Session, now: datetime, wanted: WorkFilter) -> tuple[int, int]:
    """How many dossiers the filter holds, and how many of them are late (for the navigation),
    each up to COUNT_CAP + 1; both in one statement (one round trip, not two)."""
    query = _filtered(select(Dossier.id), wanted, now)
    if wanted.text:
        query = query.join(Product, Dossier.product_id == Product.id).join(
            Producer, Product.producer_id == Producer.id)
    late = query.where(Dossier.due_at <= now, Dossier.state.in_(ACTION_STATES))
    total, overdue = session.execute(select(_capped(query), _capped(late))).one()
    return int(total or 0), int(overdue or 0)
