"""Renewal and revocation campaigns: the Department's lists with a deadline (the seed letter's
"list and dossiers before 15/10/2022"). These functions work inside the caller's transaction
so that the notices of a decision are written with it."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.bulk import move_many
from states.deadlines import due_at_on
from states.dossier_commands import (
    REVOCATION_REASONS,
    DossierChange,
    check_revocation_reason,
    revoke_in,
    round_for,
)
from states.errors import InvalidInput, NotFound, RuleRefused
from states.models import (
    AdministrativeUnit,
    Campaign,
    Certificate,
    Dossier,
    Producer,
    Product,
    RevocationProposal,
)
from states.permissions import authorize
from states.runtime import Runtime, find_user

DEFAULT_WINDOW = timedelta(days=180)
KINDS = ("renewal", "revocation")


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


@dataclass
class OpenedCampaign:
    campaign: Campaign
    by_unit: dict[int, list[ListedProduct]] = field(default_factory=dict)

    @property
    def product_count(self) -> int:
        return sum(len(items) for items in self.by_unit.values())


def _certified_products(session: Session, *conditions: Any,
                        state: str = "certified") -> list[ListedProduct]:
    rows = session.execute(
        select(Dossier.id, Dossier.unit_id, AdministrativeUnit.name, Product.name, Producer.name,
               Certificate.stars, Certificate.number, Certificate.expires_on)
        .join(Certificate, (Certificate.dossier_id == Dossier.id) & (Certificate.status == "valid"))
        .join(Product, Dossier.product_id == Product.id)
        .join(Producer, Product.producer_id == Producer.id)
        .join(AdministrativeUnit, Dossier.unit_id == AdministrativeUnit.id)
        .where(Dossier.state == state, *conditions)
        .order_by(AdministrativeUnit.id, Certificate.expires_on, Dossier.id))
    return [ListedProduct(*row) for row in rows]


def _group(items: list[ListedProduct]) -> dict[int, list[ListedProduct]]:
    grouped: dict[int, list[ListedProduct]] = {}
    for item in items:
        grouped.setdefault(item.unit_id, []).append(item)
    return grouped


def _check_deadline(rt: Runtime, deadline: date) -> None:
    if deadline < rt.clock.today():
        raise InvalidInput(f"Hạn nộp {deadline:%d/%m/%Y} đã qua.")


def open_renewal(rt: Runtime, session: Session, actor: str, *, deadline: date,
                 expiring_before: date | None = None) -> OpenedCampaign:
    """Move every certified product whose certificate expires in the window to `renewal`."""
    authorize(find_user(session, actor), "campaign")
    _check_deadline(rt, deadline)
    today = rt.clock.today()
    window_end = expiring_before or deadline + DEFAULT_WINDOW
    if window_end <= today:
        raise InvalidInput(f"--expiring-before {window_end:%d/%m/%Y} phải sau hôm nay.")
    campaign = Campaign(kind="renewal", deadline=deadline, opened_on=today, window_end=window_end)
    session.add(campaign)
    session.flush()
    listed = _certified_products(session, Certificate.expires_on < window_end)
    new_round = round_for(session, rt)
    moved = set(move_many(
        session, [item.dossier_id for item in listed], trigger="open_renewal", source="certified",
        actor=actor, now=rt.clock.now(), due_at=due_at_on(deadline),
        details={"campaign": campaign.id, "deadline": deadline.isoformat()},
        extra_values={"cycle": Dossier.cycle + 1, "round_id": new_round.id}))
    return OpenedCampaign(campaign, _group([i for i in listed if i.dossier_id in moved]))


def open_revocation(rt: Runtime, session: Session, actor: str, *, deadline: date) -> OpenedCampaign:
    """Ask every unit for its list of products to revoke; each unit sees what it has certified."""
    authorize(find_user(session, actor), "campaign")
    _check_deadline(rt, deadline)
    campaign = Campaign(kind="revocation", deadline=deadline, opened_on=rt.clock.today(),
                        window_end=None)
    session.add(campaign)
    session.flush()
    grouped = _group(_certified_products(session))
    for unit_id in local_unit_ids(session):
        grouped.setdefault(unit_id, [])
    return OpenedCampaign(campaign, grouped)


def local_unit_ids(session: Session) -> list[int]:
    return list(session.scalars(select(AdministrativeUnit.id).where(
        AdministrativeUnit.level != "province").order_by(AdministrativeUnit.id)))


def renewal_products(session: Session, dossier_ids: list[int]) -> list[ListedProduct]:
    return _certified_products(session, Dossier.id.in_(dossier_ids), state="renewal")


def find_campaign(session: Session, campaign_id: int, kind: str | None = None) -> Campaign:
    campaign = session.get(Campaign, campaign_id)
    if campaign is None or (kind is not None and campaign.kind != kind):
        label = {"renewal": "chiến dịch đánh giá lại", "revocation": "chiến dịch thu hồi"}.get(
            kind or "", "chiến dịch")
        raise NotFound(f"Không có {label} số {campaign_id}.")
    return campaign


def propose_revocation(rt: Runtime, actor: str, campaign_id: int, dossier_id: int, reason: str,
                       note: str | None = None) -> dict[str, Any]:
    check_revocation_reason(reason, note)
    with rt.transaction() as session:
        campaign = find_campaign(session, campaign_id, "revocation")
        if campaign.status != "open":
            raise RuleRefused(f"Chiến dịch số {campaign_id} đã đóng, không nhận thêm đề nghị.")
        dossier = session.get(Dossier, dossier_id)
        if dossier is None:
            raise NotFound(f"Không có hồ sơ số {dossier_id}.")
        authorize(find_user(session, actor), "propose_revocation", dossier.unit_id)
        if dossier.state not in ("certified", "renewal", "expired"):
            raise RuleRefused(f"Hồ sơ số {dossier_id} không có sản phẩm đang được công nhận.")
        existing = session.scalar(select(RevocationProposal).where(
            RevocationProposal.campaign_id == campaign_id,
            RevocationProposal.dossier_id == dossier_id))
        proposal = existing or RevocationProposal(campaign_id=campaign_id, dossier_id=dossier_id,
                                                  unit_id=dossier.unit_id, reason=reason,
                                                  proposed_by=actor, proposed_at=rt.clock.now())
        proposal.reason, proposal.note = reason, note
        session.add(proposal)
        return {"campaign": campaign_id, "dossier": dossier_id, "reason": reason,
                "updated": existing is not None}


def proposals(session: Session, campaign_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(RevocationProposal, Product.name, Producer.name, AdministrativeUnit.name,
               Certificate.number, Certificate.stars)
        .join(Dossier, RevocationProposal.dossier_id == Dossier.id)
        .join(Product, Dossier.product_id == Product.id)
        .join(Producer, Product.producer_id == Producer.id)
        .join(AdministrativeUnit, RevocationProposal.unit_id == AdministrativeUnit.id)
        .outerjoin(Certificate, (Certificate.dossier_id == Dossier.id)
                   & Certificate.status.in_(("valid", "expired")))
        .where(RevocationProposal.campaign_id == campaign_id)
        .order_by(AdministrativeUnit.id, RevocationProposal.id))
    return [{"dossier_id": p.dossier_id, "unit": unit, "product": product, "producer": producer,
             "certificate": number, "stars": stars, "reason": p.reason,
             "reason_label": REVOCATION_REASONS[p.reason], "note": p.note,
             "proposed_by": p.proposed_by} for p, product, producer, unit, number, stars in rows]


def close(rt: Runtime, session: Session, actor: str, campaign_id: int) -> Campaign:
    authorize(find_user(session, actor), "campaign")
    campaign = find_campaign(session, campaign_id)
    if campaign.status != "open":
        raise RuleRefused(f"Chiến dịch số {campaign_id} đã đóng.")
    campaign.status = "closed"
    return campaign


def decide_revocation(rt: Runtime, actor: str, campaign_id: int, decision: str) -> list[int]:
    """The Provincial People's Committee decided: revoke every proposed product, one transaction."""
    if not decision.strip():
        raise InvalidInput("Cần số quyết định thu hồi (--decision).")
    with rt.transaction() as session:
        authorize(find_user(session, actor), "revoke")
        campaign = find_campaign(session, campaign_id, "revocation")
        if campaign.status != "closed":
            raise RuleRefused(f"Hãy đóng chiến dịch số {campaign_id} (lập danh sách) trước khi "
                              "ghi quyết định thu hồi.")
        revoked = []
        for proposal in session.scalars(select(RevocationProposal).where(
                RevocationProposal.campaign_id == campaign_id).order_by(RevocationProposal.id)):
            change = DossierChange(rt, session, actor, proposal.dossier_id, "revoke")
            revoke_in(change, reason=proposal.reason, decision=decision, note=proposal.note)
            revoked.append(proposal.dossier_id)
        campaign.status = "decided"
        campaign.decision_no = decision
        return revoked


def list_campaigns(session: Session) -> list[dict[str, Any]]:
    return [{"id": c.id, "kind": c.kind, "deadline": c.deadline.isoformat(),
             "opened_on": c.opened_on.isoformat(), "status": c.status, "decision": c.decision_no,
             "window_end": c.window_end.isoformat() if c.window_end else None}
            for c in session.scalars(select(Campaign).order_by(Campaign.id))]


def open_campaigns(session: Session, kind: str) -> list[Campaign]:
    return list(session.scalars(select(Campaign).where(Campaign.kind == kind,
                                                       Campaign.status == "open")))


def units_with_pending_renewals(session: Session, campaign: Campaign) -> dict[int, list[int]]:
    """Units whose renewal dossiers of this campaign are still waiting for them."""
    rows = session.execute(select(Dossier.unit_id, Dossier.id).where(
        Dossier.state == "renewal", Dossier.due_at == due_at_on(campaign.deadline)))
    pending: dict[int, list[int]] = {}
    for unit_id, dossier_id in rows:
        pending.setdefault(unit_id, []).append(dossier_id)
    return pending

