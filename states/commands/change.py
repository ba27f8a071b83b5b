"""The shared shape of every dossier command: load, authorise, gather facts, fire, record."""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import (
    Certificate,
    Dossier,
    DossierEvent,
    Inspection,
    ScoreSheet,
    User,
)
from states.errors import InvalidInput
from states.rules.deadlines import due_at_for, due_at_on
from states.rules.guards import GuardContext
from states.rules.machine import fire
from states.rules.permissions import authorize
from states.rules.rulebooks import DocumentSpec, Rulebook
from states.rules.scoring import council_average
from states.runtime import Runtime
from states.views.checklist import missing_required, present_documents
from states.views.dossiers import DossierView, dossier_view, load_dossier
from states.views.lookups import find_user
from states.views.units import name_on
from states.vocabulary import Action, CertificateStatus, CouncilLevel, State


class DossierChange:
    def __init__(self, rt: Runtime, session: Session, actor: str, dossier_id: int,
                 action: Action | Callable[[Dossier], Action]) -> None:
        self.rt = rt
        self.session = session
        self.actor = actor
        self.dossier = load_dossier(session, dossier_id)
        self.user: User = find_user(session, actor)
        # Some steps are someone else's depending on where the dossier stands.
        authorize(self.user, action if isinstance(action, Action) else action(self.dossier),
                  self.dossier.unit_id)
        self.rulebook: Rulebook = rt.rules.get(self.dossier.round.rulebook_code)

    def context(self, **facts: Any) -> GuardContext:
        return GuardContext(rulebook=self.rulebook, **facts)

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

    def sheet(self, level: CouncilLevel) -> ScoreSheet | None:
        return self.session.scalar(
            select(ScoreSheet).where(ScoreSheet.dossier_id == self.dossier.id,
                                     ScoreSheet.cycle == self.dossier.cycle,
                                     ScoreSheet.level == level)
            .order_by(ScoreSheet.id.desc()).limit(1))

    def add_sheet(self, level: CouncilLevel, totals: list[float],
                  failed_mandatory: str | None) -> float:
        average = council_average(totals)
        self.session.add(ScoreSheet(
            dossier_id=self.dossier.id, cycle=self.dossier.cycle, level=level,
            member_totals=totals, average=average, failed_mandatory=failed_mandatory or None,
            recorded_at=self.rt.clock.now()))
        return average

    def certificate(self, *statuses: CertificateStatus) -> Certificate | None:
        """The dossier's newest certificate in one of `statuses` (default: valid)."""
        return self.session.scalar(
            select(Certificate).where(Certificate.dossier_id == self.dossier.id,
                                      Certificate.status.in_(statuses or (CertificateStatus.VALID,)))
            .order_by(Certificate.id.desc()).limit(1))

    def present_documents(self) -> set[str]:
        return present_documents(self.session, self.dossier.id, self.dossier.cycle)

    def missing_required(self) -> list[DocumentSpec]:
        return missing_required(self.rulebook, self.present_documents())

    def has_inspection(self) -> bool:
        return self.session.scalar(
            select(Inspection.id).where(Inspection.dossier_id == self.dossier.id,
                                        Inspection.cycle == self.dossier.cycle).limit(1)) is not None


def not_in_future(rt: Runtime, day: date, what: str) -> None:
    if day > rt.clock.today():
        raise InvalidInput(f"{what} {day:%d/%m/%Y} không thể ở tương lai.")
