"""A deadline is a column: computed once when a dossier enters a state, then swept by index."""

from datetime import date, datetime
from typing import Protocol

from states.clock import end_of_local_day, local_date
from states.rules.rulebooks import Rulebook, RuleRegistry
from states.vocabulary import LOCAL_STATES, State


class RoundDates(Protocol):
    """A round's deadline per stage: set by the yearly plan, None for an automatic round."""

    @property
    def local_deadline(self) -> date | None: ...

    @property
    def provincial_deadline(self) -> date | None: ...


def stage_deadline(evaluation_round: RoundDates | None, state: str) -> date | None:
    """The plan's deadline for the stage `state` belongs to: the local unit's steps, or the
    provincial council's. The central council is not bound by the province's plan."""
    if evaluation_round is None:
        return None
    if state in LOCAL_STATES:
        return evaluation_round.local_deadline
    if state == State.PROVINCIAL_REVIEW:
        return evaluation_round.provincial_deadline
    return None


def due_at_for(rules: RuleRegistry, rulebook: Rulebook, state: str, entered: datetime,
               evaluation_round: RoundDates | None = None) -> datetime | None:
    """The earlier of the state's working-day limit and the round's deadline for its stage."""
    limit = rules.time_limit(rulebook, state)
    candidates = [end_of_local_day(day) for day in (
        None if limit is None else rules.calendar.add_working_days(local_date(entered), limit),
        stage_deadline(evaluation_round, state)) if day is not None]
    return min(candidates, default=None)


def due_at_on(day: date) -> datetime:
    """A deadline that falls on a calendar date rather than after working days."""
    return end_of_local_day(day)
