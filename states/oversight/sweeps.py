"""The deadline sweep: one indexed range query over (state, due_at), whatever the table's size."""

from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.clock import end_of_local_day, last_local_day_before
from states.db.models import AdministrativeUnit, Dossier, Producer, Product
from states.db.types import raw_column, utc_from_raw
from states.dossiers.joins import with_names
from states.rules.working_days import WorkingCalendar
from states.vocabulary import ACTION_STATES, LOCAL_STATES, NEXT_ACTION, label

# Looked up once per row of a national sweep: a dict, not an Enum construction.
WHAT_NEXT: dict[str, tuple[str, str]] = {s.value: (label(s), NEXT_ACTION[s]) for s in ACTION_STATES}


class DueItem(NamedTuple):
    dossier_id: int
    unit_id: int
    unit_code: str
    unit_name: str
    product: str
    producer: str
    state: str
    state_label: str
    action: str
    due_on: date
    overdue_working_days: int  # 0 when not yet late

    @property
    def is_overdue(self) -> bool:
        return self.overdue_working_days > 0

    @property
    def is_local(self) -> bool:
        return self.state in LOCAL_STATES


def due_items(session: Session, calendar: WorkingCalendar, today: date,
              soon_working_days: int) -> list[DueItem]:
    """Every dossier whose deadline falls within `soon_working_days` working days, or is past."""
    horizon = end_of_local_day(calendar.add_working_days(today, soon_working_days))
    rows = session.connection().execute(
        with_names(select(Dossier.id, Dossier.unit_id, Dossier.state, raw_column(Dossier.due_at),
                          AdministrativeUnit.code, AdministrativeUnit.name, Product.name,
                          Producer.name))
        .where(Dossier.state.in_(ACTION_STATES), Dossier.due_at < horizon)
        .order_by(Dossier.due_at, Dossier.id)
    ).all()
    # Deadlines fall on few distinct days: convert each once, not once per dossier (at a
    # national scale that is 10^5 rows and a few hundred distinct values).
    days: dict[object, tuple[date, int]] = {}
    items = []
    for dossier_id, unit_id, state, due_at, code, unit_name, product, producer in rows:
        known = days.get(due_at)
        if known is None:
            due_on = last_local_day_before(utc_from_raw(due_at))
            late = calendar.working_days_between(due_on, today) if due_on < today else 0
            known = days[due_at] = (due_on, late)
        items.append(DueItem(dossier_id, unit_id, code, unit_name, product, producer, state,
                             *WHAT_NEXT[state], known[0], known[1]))
    return items
