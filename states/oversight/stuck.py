"""Where dossiers are stuck and since when: per state and unit, the longest-waiting first."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.clock import last_local_day_before, local_date
from states.db.models import AdministrativeUnit, Dossier, Producer, Product
from states.dossiers.joins import with_names
from states.rules.working_days import WorkingCalendar
from states.vocabulary import ACTION_STATES, NEXT_ACTION, State, label


@dataclass(frozen=True)
class StuckDossier:
    dossier_id: int
    state: str
    unit_name: str
    product: str
    producer: str
    entered_on: date
    due_on: date
    days_in_state: int
    working_days_late: int


@dataclass(frozen=True)
class StuckGroup:
    state: State
    state_label: str
    action: str
    unit_name: str
    count: int
    longest_days: int
    dossiers: tuple[StuckDossier, ...]


def stuck_dossiers(session: Session, calendar: WorkingCalendar, now: datetime) -> list[StuckGroup]:
    today = local_date(now)
    rows = session.execute(
        with_names(select(Dossier.id, Dossier.state, AdministrativeUnit.name, Product.name,
                          Producer.name, Dossier.entered_state_at, Dossier.due_at))
        .where(Dossier.state.in_(ACTION_STATES), Dossier.due_at <= now)
        .order_by(Dossier.entered_state_at, Dossier.id))
    groups: dict[tuple[str, str], list[StuckDossier]] = {}
    for dossier_id, state, unit, product, producer, entered_at, due_at in rows:
        assert due_at is not None  # filtered by the query
        entered_on = local_date(entered_at)
        due_on = last_local_day_before(due_at)
        groups.setdefault((state, unit), []).append(StuckDossier(
            dossier_id, state, unit, product, producer, entered_on, due_on,
            (today - entered_on).days, calendar.working_days_between(due_on, today)))
    result = [StuckGroup(State(state), label(State(state)), NEXT_ACTION[State(state)], unit, len(items),
                         max(i.days_in_state for i in items), tuple(items))
              for (state, unit), items in groups.items()]
    return sorted(result, key=lambda g: (-g.longest_days, g.unit_name, g.state))
