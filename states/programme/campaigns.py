"""What campaigns look at: certified products per unit, the campaigns, the proposals."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from states.db.ids import storable_id
from states.db.models import (
    AdministrativeUnit,
    Campaign,
    Certificate,
    Dossier,
    DossierEvent,
    Producer,
    Product,
    RevocationProposal,
    User,
)
from states.dossiers.joins import with_names
from states.errors import NotFound
from states.lifecycle.deadlines import due_at_on
from states.territory.units import home_province, in_force
from states.vocabulary import (
    Action,
    CampaignKind,
    CampaignOrigin,
    CampaignStatus,
    CertificateStatus,
    RevocationReason,
    State,
    label,
)


@dataclass(frozen=True)
class ListedProduct:
    dossier_id: int
    unit_id: int
    unit_name: str
    product: str
    producer: str
    stars: int
    certificate: str
    expires_on: date


def certified_products(session: Session, *conditions: Any,
                       state: State = State.CERTIFIED) -> list[ListedProduct]:
    rows = session.execute(
        with_names(select(Dossier.id, Dossier.unit_id, AdministrativeUnit.name, Product.name,
                          Producer.name, Certificate.stars, Certificate.number,
                          Certificate.expires_on))
        .join(Certificate, (Certificate.dossier_id == Dossier.id)
              & (Certificate.status == CertificateStatus.VALID))
        .where(Dossier.state == state, *conditions)
        .order_by(AdministrativeUnit.id, Certificate.expires_on, Dossier.id))
    return [ListedProduct(*row) for row in rows]


def group_by_unit(items: list[ListedProduct]) -> dict[int, list[ListedProduct]]:
    grouped: dict[int, list[ListedProduct]] = {}
    for item in items:
        grouped.setdefault(item.unit_id, []).append(item)
    return grouped


def local_unit_ids(session: Session, day: date) -> list[int]:
    """The units a campaign asks on `day`: the home province's direct subdivisions then (the
    districts in 2022, the communes and wards from 1/7/2025)."""
    home = home_province(session, day)
    if home is None:
        return []
    return list(session.scalars(select(AdministrativeUnit.id).where(
        AdministrativeUnit.parent_id == home.id, in_force(AdministrativeUnit, day))
        .order_by(AdministrativeUnit.id)))


def renewal_products(session: Session, dossier_ids: list[int]) -> list[ListedProduct]:
    return certified_products(session, Dossier.id.in_(dossier_ids), state=State.RENEWAL)


def find_campaign(session: Session, campaign_id: int, kind: CampaignKind | None = None) -> Campaign:
    campaign = session.get(Campaign, campaign_id) if storable_id(campaign_id) else None
    if campaign is None or (kind is not None and campaign.kind != kind):
        what = f"chiến dịch {label(kind)}" if kind else "chiến dịch"
        raise NotFound(f"Không có {what} số {campaign_id}.")
    return campaign


@dataclass(frozen=True)
class CampaignView:
    id: int
    kind: CampaignKind
    deadline: date
    opened_on: date
    status: CampaignStatus
    decision: str | None
    window_end: date | None
    origin: CampaignOrigin = CampaignOrigin.MANUAL
    closed_on: date | None = None
    decided_on: date | None = None  # the revocation decision's date (issue 12)


def list_campaigns(session: Session) -> list[CampaignView]:
    return [CampaignView(c.id, CampaignKind(c.kind), c.deadline, c.opened_on,
                         CampaignStatus(c.status), c.decision_no, c.window_end,
                         CampaignOrigin(c.origin), c.closed_on, c.decided_on)
            for c in session.scalars(select(Campaign).order_by(Campaign.id))]


def open_campaigns(session: Session, kind: CampaignKind) -> list[Campaign]:
    return list(session.scalars(select(Campaign).where(Campaign.kind == kind,
                                                       Campaign.status == CampaignStatus.OPEN)))


def units_with_pending_renewals(session: Session, campaign: Campaign) -> dict[int, list[int]]:
    """Units whose renewal dossiers of this campaign are still waiting for them."""
    rows = session.execute(select(Dossier.unit_id, Dossier.id).where(
        Dossier.state == State.RENEWAL, Dossier.due_at == due_at_on(campaign.deadline)))
    pending: dict[int, list[int]] = {}
    for unit_id, dossier_id in rows:
        pending.setdefault(unit_id, []).append(dossier_id)
    return pending


@dataclass(frozen=True)
class ListedRow:
    """A product on a list for the Department, with its certificate (valid or lapsed)."""

    dossier_id: int
    unit: str
    product: str
    producer: str
    certificate: str | None
    stars: int | None


# The certificate a list shows: still valid, or lapsed meanwhile (not a superseded one).
LISTED_CERTIFICATE = ((Certificate.dossier_id == Dossier.id)
                      & Certificate.status.in_((CertificateStatus.VALID, CertificateStatus.EXPIRED)))


@dataclass(frozen=True)
class ProposalRow(ListedRow):
    reason: RevocationReason
    reason_label: str
    note: str | None
    proposed_by: str
    proposer_name: str | None = None  # the person's full name, as a list for people shows it


def proposals(session: Session, campaign_id: int) -> list[ProposalRow]:
    rows = session.execute(
        with_names(select(RevocationProposal, Product.name, Producer.name, AdministrativeUnit.name,
                          Certificate.number, Certificate.stars, User.full_name)
                   .join(Dossier, RevocationProposal.dossier_id == Dossier.id),
                   unit_key=RevocationProposal.unit_id)
        .outerjoin(Certificate, LISTED_CERTIFICATE)
        .outerjoin(User, User.name == RevocationProposal.proposed_by)
        .where(RevocationProposal.campaign_id == campaign_id)
        .order_by(AdministrativeUnit.id, RevocationProposal.id))
    return [ProposalRow(p.dossier_id, unit, product, producer, number, stars,
                        RevocationReason(p.reason), label(RevocationReason(p.reason)), p.note,
                        p.proposed_by, full_name)
            for p, product, producer, unit, number, stars, full_name in rows]


def renewal_list(campaign_id: int) -> Select[int]:
    """The dossiers a renewal campaign moved (its open_renewal events name it)."""
    return select(DossierEvent.dossier_id).where(
        DossierEvent.trigger == Action.OPEN_RENEWAL,
        DossierEvent.details["campaign"].as_integer() == campaign_id)


@dataclass(frozen=True)
class UnreturnedRow(ListedRow):
    expires_on: date | None
    state: State
    state_label: str


@dataclass(frozen=True)
class RenewalOutcome:
    listed: int  # products the campaign asked for
    unreturned: list[UnreturnedRow]  # not sent back: still waiting, or lapsed meanwhile


def renewal_outcome(session: Session, campaign_id: int) -> RenewalOutcome:
    moved = renewal_list(campaign_id).subquery()
    listed = session.scalar(select(func.count()).select_from(moved)) or 0
    rows = session.execute(
        with_names(select(Dossier.id, AdministrativeUnit.name, Product.name, Producer.name,
                          Certificate.number, Certificate.stars, Certificate.expires_on,
                          Dossier.state))
        .outerjoin(Certificate, LISTED_CERTIFICATE)
        .where(Dossier.id.in_(select(moved.c.dossier_id)),
               Dossier.state.in_((State.RENEWAL, State.EXPIRED)))
        .order_by(AdministrativeUnit.id, Dossier.id))
    return RenewalOutcome(listed, [
        UnreturnedRow(dossier_id, unit, product, producer, number, stars, expires,
                      State(state), label(State(state)))
        for dossier_id, unit, product, producer, number, stars, expires, state in rows])
