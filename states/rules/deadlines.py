"""A deadline is a column: computed once when a dossier enters a state, then swept by index."""

from datetime import date, datetime

from states.clock import end_of_local_day, local_date
from states.rules.rulebooks import Rulebook, RuleRegistry


def due_at_for(rules: RuleRegistry, rulebook: Rulebook, state: str,
               entered: datetime) -> datetime | None:
    limit = rules.time_limit(rulebook, state)
    if limit is None:
        return None
    return end_of_local_day(rules.calendar.add_working_days(local_date(entered), limit))


def due_at_on(day: date) -> datetime:
    """A deadline that falls on a calendar date rather than after working days."""
    return end_of_local_day(day)
