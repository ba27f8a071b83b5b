"""Everything the dossier page shows, read in one transaction and limited to what the person
may see: a district officer asking for another unit's dossier gets "no such dossier"."""

from dataclasses import dataclass

from sqlalchemy import select

from notifiers.outbox import OutboxRow, messages_mentioning
from states.db.models import Certificate
from states.dossiers.evidence import (
    DocumentRow,
    InspectionView,
    SheetView,
)
from states.dossiers.sheet import DossierView, EventView, full_view, history
from states.lifecycle.steps import StepOption, allowed_steps
from states.permissions import may
from states.programme.campaigns import CampaignView, list_campaigns
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import (
    TERMINAL_STATES,
    Action,
    CampaignKind,
    CampaignStatus,
    State,
)
from use_cases.dossier_sheet import read_sheet
from use_cases.queries import visible_dossier
from use_cases.registration import PreparationChoices, preparation_choices

# A product can be proposed for revocation while it holds (or held) a certificate.
REVOCABLE_STATES = (State.CERTIFIED, State.RENEWAL, State.EXPIRED)


@dataclass(frozen=True)
class DossierPage:
    view: DossierView
    steps: list[StepOption]
    documents: list[DocumentRow]
    documents_editable: bool
    inspections: list[InspectionView]
    sheets: list[SheetView]
    history: list[EventView]
    mail: list[OutboxRow]
    # Open revocation campaigns this person may propose the product in.
    campaigns: list[CampaignView]
    working_days_late: int
    # Who prepared it may be recorded or corrected (by the unit's officers, the Department).
    preparation: PreparationChoices | None = None


def dossier_page(rt: Runtime, actor: str, dossier_id: int) -> DossierPage:
    with rt.transaction() as session:
        user = find_user(session, actor)
        dossier = visible_dossier(session, user, dossier_id)
        events = history(session, dossier.id)
        sheet = read_sheet(rt, session, user, dossier, events)  # what `ocop dossier show` prints
        certificates = session.scalars(select(Certificate.id).where(
            Certificate.dossier_id == dossier.id)).all()
        campaigns = []
        if dossier.state in REVOCABLE_STATES and may(user, Action.PROPOSE_REVOCATION,
                                                       dossier.unit_id):
            campaigns = [c for c in list_campaigns(session) if c.kind == CampaignKind.REVOCATION
                         and c.status == CampaignStatus.OPEN]
        return DossierPage(
            view=sheet, steps=sheet.allowed_steps, documents=sheet.documents,
            documents_editable=(dossier.state not in TERMINAL_STATES
                                and may(user, Action.DOCUMENTS, dossier.unit_id)),
            inspections=sheet.inspections, sheets=sheet.score_sheets,
            history=events,
            mail=messages_mentioning(session, dossier.id,
                                     [f"expiry-notice:{c}" for c in certificates]),
            campaigns=campaigns, working_days_late=sheet.working_days_late,
            preparation=(preparation_choices(session, {dossier.unit.name})
                         if dossier.state not in TERMINAL_STATES
                         and may(user, Action.PREPARATION, dossier.unit_id) else None))


@dataclass(frozen=True)
class DossierWithSteps:
    """What the API answers for one dossier: the view (with its version) and the steps."""

    view: DossierView
    allowed_steps: list[StepOption]


def dossier_with_steps(rt: Runtime, actor: str, dossier_id: int) -> DossierWithSteps:
    with rt.transaction() as session:
        user = find_user(session, actor)
        dossier = visible_dossier(session, user, dossier_id)
        rulebook = rt.rules.get(dossier.round.rulebook_code)
        return DossierWithSteps(full_view(session, dossier, rt.clock.now()),
                                allowed_steps(session, user, dossier, rulebook, rt.clock.today()))
