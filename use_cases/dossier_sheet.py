"""Everything `ocop dossier show` prints about one dossier: inspection, documents, each council's
members and average, certificate, revocation, and the steps allowed now (or why not)."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from states.clock import local_date
from states.db.models import Dossier, User
from states.dossiers.evidence import (
    DocumentRow,
    InspectionView,
    SheetView,
    checklist,
    inspections,
    score_sheets,
)
from states.dossiers.sheet import DossierView, EventView, full_view, history
from states.lifecycle.facts import DossierFacts
from states.lifecycle.steps import StepOption, allowed_steps
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action
from use_cases.queries import visible_dossier


@dataclass
class DossierSheet(DossierView):
    """The dossier's view (the fields a step's reply has) and what its current cycle holds."""

    rulebook_title: str = ""
    group_name: str = ""
    subgroup_name: str | None = None
    working_days_late: int = 0
    inspections: list[InspectionView] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    score_sheets: list[SheetView] = field(default_factory=list)
    revoked_on: date | None = None  # the day the revocation decision was recorded
    allowed_steps: list[StepOption] = field(default_factory=list)


def dossier_sheet(rt: Runtime, actor: str, dossier_id: int) -> DossierSheet:
    with rt.transaction() as session:
        user = find_user(session, actor)
        return read_sheet(rt, session, user, visible_dossier(session, user, dossier_id))


def read_sheet(rt: Runtime, session: Session, user: User, dossier: Dossier,
               events: list[EventView] | None = None) -> DossierSheet:
    """The sheet of a dossier `user` may see, inside the caller's transaction (the web page
    reads it with more around it, and passes the history it read already)."""
    today = rt.clock.today()
    rulebook = rt.rules.get(dossier.round.rulebook_code)
    view = full_view(session, dossier, rt.clock.now())
    late = (rt.rules.calendar.working_days_between(view.due_on, today)
            if view.overdue and view.due_on else 0)
    events = history(session, dossier.id) if events is None else events
    revocations = [e for e in events if e.trigger == Action.REVOKE]
    facts = DossierFacts(session, dossier, rulebook, today)
    return DossierSheet(
        **vars(view), rulebook_title=rulebook.title,
        group_name=rulebook.groups.get(view.group, view.group),
        subgroup_name=rulebook.subgroup_name(view.group, view.subgroup), working_days_late=late,
        inspections=inspections(session, dossier),
        documents=checklist(rulebook, facts.present_documents()),
        score_sheets=score_sheets(session, dossier),
        revoked_on=local_date(revocations[-1].at) if revocations else None,
        allowed_steps=allowed_steps(session, user, dossier, rulebook, today))
