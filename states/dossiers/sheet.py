"""A dossier as people read it, its history, and lists of dossiers."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from states.clock import format_local_datetime, last_local_day_before, local_date
from states.db.ids import storable_id
from states.db.models import (
    AdministrativeUnit,
    Certificate,
    Dossier,
    DossierEvent,
    Producer,
    Product,
    ScoreSheet,
)
from states.dossiers.joins import with_names
from states.dossiers.preparation import PreparationView, preparation_view
from states.territory.lookups import dossier_not_found, find_dossier, find_unit
from states.vocabulary import (
    ACTION_STATES,
    CertificateStatus,
    CouncilLevel,
    RevocationReason,
    State,
    label,
    parse_code,
)

# One query for a dossier and everything its view names (round, unit, product, producer).
DOSSIER_WITH_NAMES = (joinedload(Dossier.round), joinedload(Dossier.unit),
                      joinedload(Dossier.product).joinedload(Product.producer))


@dataclass(frozen=True)
class CertificateView:
    number: str
    stars: int
    points: float
    decision: str
    issued_on: date
    expires_on: date
    status: CertificateStatus
    # As printed on the day of issue: "UBND tỉnh Bắc Giang", "Huyện Lục Ngạn".
    issuer: str | None = None
    unit: str | None = None
    revocation_decision: str | None = None
    revoked_reason: RevocationReason | None = None

    @classmethod
    def of(cls, certificate: Certificate | None) -> "CertificateView | None":
        if certificate is None:
            return None
        reason = certificate.revoked_reason
        return cls(certificate.number, certificate.stars, certificate.points,
                   certificate.decision_no, certificate.recognised_on, certificate.expires_on,
                   CertificateStatus(certificate.status), certificate.issuer, certificate.unit_name,
                   certificate.revocation_decision, RevocationReason(reason) if reason else None)


@dataclass
class DossierView:
    """The dossier after a step, or as `dossier show` prints it (with points and certificate)."""

    id: int
    state: State
    state_label: str
    unit: str
    unit_code: str
    product: str
    group: str
    producer: str
    producer_type: str
    round: str
    rulebook: str
    cycle: int
    version: int
    entered_state_at: datetime
    due_on: date | None
    overdue: bool
    district_points: float | None = None
    provincial_points: float | None = None
    certificate: CertificateView | None = None
    round_name: str | None = None  # a round of the yearly plan has a name ("Đợt 2 năm 2022")
    # Who prepared the current evaluation (issue 14); None when nobody recorded it.
    preparation: PreparationView | None = None
    # What `product edit ID` and `producer edit ID` take (issue 12).
    product_id: int | None = None
    producer_id: int | None = None
    # Issue 21: where the score just recorded came from (council | paper) and the paper
    # sheets' reference.
    score_source: str | None = None
    sheets_ref: str | None = None
    # The product's sub-group (phân nhóm) code in its rulebook's list; None when not declared.
    subgroup: str | None = None


@dataclass(frozen=True)
class DossierRow:
    id: int
    state: State
    state_label: str
    unit: str
    product: str
    producer: str
    due_on: date | None


@dataclass(frozen=True)
class LateRow(DossierRow):
    """A listed dossier with how late it is (`ocop dossier list`)."""

    working_days_late: int = 0  # past its due day, in the province's working days


@dataclass(frozen=True)
class EventView:
    at: datetime
    at_local: str
    from_state: str | None = field(metadata={"json": "from"})
    to_state: str = field(metadata={"json": "to"})
    trigger: str
    actor: str
    note: str | None
    details: dict[str, Any]
    unit: str | None = None  # the unit as it was named then
    # When the row was really written: differs from `at` for a step replayed with --today.
    recorded_at: datetime | None = None


def due_on(due_at: datetime | None) -> date | None:
    return last_local_day_before(due_at) if due_at else None


def is_overdue(dossier: Dossier, now: datetime) -> bool:
    return bool(dossier.due_at and dossier.due_at <= now and dossier.state in ACTION_STATES)


def dossier_view(dossier: Dossier, now: datetime) -> DossierView:
    """The dossier's own fields; a step's reply adds only what the step produced (the full
    certificate and every council's points cost two more queries: see `full_view`)."""
    state = State(dossier.state)
    return DossierView(
        id=dossier.id, state=state, state_label=label(state), unit=dossier.unit.name,
        unit_code=dossier.unit.code, product=dossier.product.name,
        group=dossier.product.group_code, producer=dossier.product.producer.name,
        producer_type=dossier.product.producer.kind, round=dossier.round.code,
        rulebook=dossier.round.rulebook_code, cycle=dossier.cycle, version=dossier.version,
        entered_state_at=dossier.entered_state_at, due_on=due_on(dossier.due_at),
        overdue=is_overdue(dossier, now), round_name=dossier.round.name,
        product_id=dossier.product_id, producer_id=dossier.product.producer_id,
        subgroup=dossier.product.subgroup_code)


def full_view(session: Session, dossier: Dossier, now: datetime) -> DossierView:
    view = dossier_view(dossier, now)
    certificate = session.scalar(
        select(Certificate).where(Certificate.dossier_id == dossier.id)
        .order_by(Certificate.id.desc()).limit(1))
    sheets = {s.level: s.average for s in session.scalars(
        select(ScoreSheet).where(ScoreSheet.dossier_id == dossier.id,
                                 ScoreSheet.cycle == dossier.cycle).order_by(ScoreSheet.id))}
    view.district_points = sheets.get(CouncilLevel.LOCAL)
    view.provincial_points = sheets.get(CouncilLevel.PROVINCIAL)
    view.certificate = CertificateView.of(certificate)
    view.preparation = preparation_view(session, dossier.id, dossier.cycle)
    return view


def load_dossier(session: Session, dossier_id: int) -> Dossier:
    dossier = (session.get(Dossier, dossier_id, options=DOSSIER_WITH_NAMES)
               if storable_id(dossier_id) else None)
    if dossier is None:
        raise dossier_not_found(dossier_id)
    return dossier


def history(session: Session, dossier_id: int) -> list[EventView]:
    find_dossier(session, dossier_id)
    events = session.scalars(select(DossierEvent).where(DossierEvent.dossier_id == dossier_id)
                             .order_by(DossierEvent.id))
    return [EventView(e.at, format_local_datetime(e.at), e.from_state, e.to_state, e.trigger,
                      e.actor, e.note, e.details, e.unit_name, e.recorded_at) for e in events]


def parse_state(text: str) -> State:
    return parse_code(State, text, "Trạng thái")


def list_dossiers(session: Session, now: datetime, *, state: State | None = None,
                  unit: str | None = None, overdue: bool = False,
                  limit: int | None = None) -> list[DossierRow]:
    query = with_names(select(Dossier, Product.name, Producer.name, AdministrativeUnit.name))
    if state is not None:
        query = query.where(Dossier.state == state)
    if unit is not None:
        query = query.where(Dossier.unit_id == find_unit(session, unit, local_date(now)).id)
    if overdue:
        query = query.where(Dossier.state.in_(ACTION_STATES), Dossier.due_at <= now)
        query = query.order_by(Dossier.due_at, Dossier.id)
    else:
        query = query.order_by(Dossier.id)
    if limit is not None:
        query = query.limit(limit)
    return [DossierRow(d.id, State(d.state), label(State(d.state)), unit_name, product, producer,
                       due_on(d.due_at))
            for d, product, producer, unit_name in session.execute(query)]
