"""What a producer completing its own dossier needs to know: the required documents of the
dossier's rulebook not yet received, what happens next and by when, whom to ask."""

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Dossier, DossierEvent, DossierPreparation, User
from states.dossiers.checklist import missing_required, present_documents
from states.dossiers.sheet import due_on, load_dossier
from states.rules.rulebooks import RuleRegistry
from states.vocabulary import Action, Role, State


@dataclass(frozen=True)
class OfficerContact:
    name: str
    email: str | None


@dataclass(frozen=True)
class MissingDocuments:
    dossier_id: int
    cycle: int
    state: State
    product: str
    producer: str
    producer_email: str | None
    unit_id: int
    unit_name: str
    round: str
    rulebook_title: str
    missing: list[str]  # names of the required documents not received, in checklist order
    due_on: date | None  # the unit's next step is due by then (registered)
    contact: OfficerContact | None
    return_reason: str | None = None
    district_points: float | None = None
    below_threshold: bool = False
    forwarding_threshold: float | None = None
    next_round_opens: date | None = None  # a returned dossier may register again from then


def next_round_opens(today: date) -> date:
    """Rounds are half-years (see commands.register.round_for): the next one opens then."""
    return date(today.year, 7, 1) if today.month <= 6 else date(today.year + 1, 1, 1)


def contact_officer(session: Session, dossier: Dossier) -> OfficerContact | None:
    """Whom the producer asks: the officer who helped prepare the dossier, else the unit's
    officer who registered it, else the unit's first OCOP officer."""
    officers = list(session.scalars(select(User).where(
        User.unit_id == dossier.unit_id, User.role == Role.DISTRICT, User.active)
        .order_by(User.id)))
    helper = session.scalar(select(DossierPreparation.officer_id).where(
        DossierPreparation.dossier_id == dossier.id, DossierPreparation.cycle == dossier.cycle))
    registrar = session.scalar(select(DossierEvent.actor).where(
        DossierEvent.dossier_id == dossier.id, DossierEvent.trigger == Action.REGISTER))
    chosen = (next((u for u in officers if u.id == helper), None)
              or next((u for u in officers if u.name == registrar), None)
              or next(iter(officers), None))
    if chosen is None:
        helping = session.get(User, helper) if helper else None  # Department staff may help
        chosen = helping if helping is not None and helping.active else None
    return OfficerContact(chosen.full_name or chosen.name, chosen.email) if chosen else None


def _last_return(session: Session, dossier_id: int) -> DossierEvent | None:
    return session.scalar(select(DossierEvent).where(
        DossierEvent.dossier_id == dossier_id, DossierEvent.trigger == Action.RETURN)
        .order_by(DossierEvent.id.desc()).limit(1))


def missing_documents(session: Session, rules: RuleRegistry, dossier_id: int,
                      today: date) -> MissingDocuments:
    dossier = load_dossier(session, dossier_id)
    rulebook = rules.get(dossier.round.rulebook_code)
    present = present_documents(session, dossier.id, dossier.cycle)
    producer = dossier.product.producer
    facts = MissingDocuments(
        dossier.id, dossier.cycle, State(dossier.state), dossier.product.name, producer.name,
        producer.email, dossier.unit_id, dossier.unit.name, dossier.round.code, rulebook.title,
        [d.name for d in missing_required(rulebook, present)], due_on(dossier.due_at),
        contact_officer(session, dossier))
    returned = _last_return(session, dossier.id) if dossier.state == State.RETURNED else None
    if returned is None:
        return facts
    return replace(facts, return_reason=returned.note,
                   district_points=returned.details.get("district_points"),
                   below_threshold=bool(returned.details.get("below_threshold")),
                   forwarding_threshold=rulebook.forwarding_threshold,
                   next_round_opens=next_round_opens(today))
