"""The shared shape of every dossier command: load, authorise, gather facts, fire, record."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from states.clock import local_date
from states.db.models import Dossier, DossierEvent, ScoreSheet, User
from states.dossiers.sheet import DossierView, dossier_view, load_dossier
from states.errors import InvalidInput
from states.lifecycle.deadlines import due_at_for, due_at_on
from states.lifecycle.facts import DossierFacts
from states.lifecycle.guards import GuardContext
from states.lifecycle.machine import fire
from states.permissions import authorize
from states.rules.scoring import council_average
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.territory.units import name_on
from states.vocabulary import Action, CouncilLevel, ScoreSource, State


class DossierChange(DossierFacts):
    def __init__(self, rt: Runtime, session: Session, actor: str, dossier_id: int,
                 action: Action | Callable[[Dossier], Action]) -> None:
        self.rt = rt
        self.actor = actor
        dossier = load_dossier(session, dossier_id)
        self.user: User = find_user(session, actor)
        # Some steps are someone else's depending on where the dossier stands.
        authorize(self.user, action if isinstance(action, Action) else action(dossier),
                  dossier.unit_id)
        super().__init__(session, dossier, rt.rules.get(dossier.round.rulebook_code),
                         rt.clock.today())

    def move(self, trigger: Action, ctx: GuardContext, *, note: str | None = None,
             details: dict[str, Any] | None = None,
             after: Callable[[State], date | None] | None = None) -> DossierView:
        """Fire `trigger`; `after` writes what the step produces and may set the due date."""
        dossier = self.dossier
        from_state = dossier.state
        # One UPDATE per command, so the version moves by exactly one.
        with self.session.no_autoflush:
            to_state = fire(dossier, trigger, ctx)
            due_on = after(to_state) if after is not None else None
            now = self.rt.clock.now()
            dossier.entered_state_at = now
            dossier.due_at = (due_at_on(due_on) if due_on is not None
                              else due_at_for(self.rt.rules, self.rulebook, to_state, now,
                                              dossier.round))
        self.record(from_state, to_state, trigger, note, details or {})
        return dossier_view(dossier, now)

    def record(self, from_state: str | None, to_state: str, trigger: Action, note: str | None,
               details: dict[str, Any]) -> None:
        self.session.add(DossierEvent(
            dossier_id=self.dossier.id, from_state=from_state, to_state=to_state, trigger=trigger,
            actor=self.actor, at=self.rt.clock.now(), note=note, details=details,
            unit_id=self.dossier.unit_id,
            unit_name=name_on(self.session, self.dossier.unit, self.rt.clock.today())))
        # Flushing here runs the version check: a stale dossier raises before commit.
        self.session.flush()

    def reached_on(self) -> date:
        """The day the dossier reached its present state (registered, forwarded …)."""
        return local_date(self.dossier.entered_state_at)

    def add_sheet(self, level: CouncilLevel, totals: list[float], failed_mandatory: str | None,
                  *, source: ScoreSource | None = None, sheets_ref: str | None = None,
                  council_id: int | None = None) -> float:
        """The council's result; `source` says whether it was scored in the system (a council)
        or typed from paper sheets (with their reference)."""
        average = council_average(totals)
        self.session.add(ScoreSheet(
            dossier_id=self.dossier.id, cycle=self.dossier.cycle, level=level,
            member_totals=totals, average=average, failed_mandatory=failed_mandatory or None,
            recorded_at=self.rt.clock.now(), source=source, sheets_ref=sheets_ref,
            council_id=council_id))
        return average


def not_before(day: date, reached: date, what: str) -> None:
    """A step's date (an inspection, a decision) cannot precede the step it follows."""
    if day < reached:
        raise InvalidInput(f"{what} {day:%d/%m/%Y} trước ngày hồ sơ đến bước hiện tại "
                           f"({reached:%d/%m/%Y}).")


def not_in_future(rt: Runtime, day: date, what: str) -> None:
    if day > rt.clock.today():
        raise InvalidInput(f"{what} {day:%d/%m/%Y} không thể ở tương lai.")
