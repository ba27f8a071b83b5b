"""Renewal and revocation campaigns: the Department's lists with a deadline (the seed letter's
"list and dossiers before 15/10/2022"). These work inside the caller's transaction so that the
notices of a decision are written with it."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from states.db.models import Campaign, Certificate, Dossier, RevocationProposal
from states.errors import InvalidInput, RuleRefused
from states.lifecycle.bulk import move_many
from states.lifecycle.change import DossierChange, not_in_future
from states.lifecycle.deadlines import due_at_on
from states.lifecycle.endings import check_decision, parse_revocation, revoke_in
from states.lifecycle.register import round_for
from states.permissions import authorize
from states.programme.campaigns import (
    ListedProduct,
    certified_products,
    find_campaign,
    group_by_unit,
    local_unit_ids,
)
from states.runtime import Runtime
from states.territory.lookups import find_dossier, find_user
from states.vocabulary import (
    Action,
    CampaignKind,
    CampaignOrigin,
    CampaignStatus,
    RevocationReason,
    State,
)


@dataclass
class OpenedCampaign:
    campaign: Campaign
    by_unit: dict[int, list[ListedProduct]] = field(default_factory=dict)

    @property
    def product_count(self) -> int:
        return sum(len(items) for items in self.by_unit.values())


def _check_deadline(rt: Runtime, deadline: date) -> None:
    if deadline < rt.clock.today():
        raise InvalidInput(f"Hạn nộp {deadline:%d/%m/%Y} đã qua.")


def _new_campaign(rt: Runtime, session: Session, actor: str, kind: CampaignKind, deadline: date,
                  window_end: date | None) -> Campaign:
    authorize(find_user(session, actor), Action.CAMPAIGN)
    _check_deadline(rt, deadline)
    campaign = Campaign(kind=kind, deadline=deadline, opened_on=rt.clock.today(),
                        window_end=window_end, status=CampaignStatus.OPEN,
                        origin=CampaignOrigin.MANUAL)
    session.add(campaign)
    session.flush()
    return campaign


def default_window_end(rt: Runtime, deadline: date) -> date:
    """Without a scope, a renewal campaign takes certificates expiring before its deadline plus
    the province's `renewal_window_days`."""
    return deadline + timedelta(days=rt.rules.province.campaigns.renewal_window_days)


def open_renewal(rt: Runtime, session: Session, actor: str, *, deadline: date,
                 expiring_before: date | None = None) -> OpenedCampaign:
    """Move every certified product whose certificate expires in the window to `renewal`."""
    window_end = expiring_before or default_window_end(rt, deadline)
    if window_end <= rt.clock.today():
        raise InvalidInput(f"Ngày giấy chứng nhận hết hạn trước đó ({window_end:%d/%m/%Y}) phải sau "
                           "hôm nay.", fields=("expiring_before",))
    campaign = _new_campaign(rt, session, actor, CampaignKind.RENEWAL, deadline, window_end)
    return take_renewals(rt, session, actor, campaign)


def take_renewals(rt: Runtime, session: Session, actor: str, campaign: Campaign) -> OpenedCampaign:
    """The renewal campaign's list: its certificates move to `renewal`, due on its deadline, in
    the round that takes new dossiers today."""
    assert campaign.window_end is not None  # set by whoever opened it
    deadline = campaign.deadline
    listed = certified_products(session, Certificate.expires_on < campaign.window_end)
    new_round = round_for(rt, session)
    moved = set(move_many(
        session, [item.dossier_id for item in listed], trigger=Action.OPEN_RENEWAL,
        source=State.CERTIFIED, actor=actor, now=rt.clock.now(), due_at=due_at_on(deadline),
        details={"campaign": campaign.id, "deadline": deadline.isoformat()},
        extra_values={"cycle": Dossier.cycle + 1, "round_id": new_round.id}))
    return OpenedCampaign(campaign, group_by_unit([i for i in listed if i.dossier_id in moved]))


def open_revocation(rt: Runtime, session: Session, actor: str, *, deadline: date) -> OpenedCampaign:
    """Ask every unit for its list of products to revoke; each unit sees what it has certified."""
    campaign = _new_campaign(rt, session, actor, CampaignKind.REVOCATION, deadline, None)
    return ask_revocations(session, campaign, rt.clock.today())


def ask_revocations(session: Session, campaign: Campaign, day: date) -> OpenedCampaign:
    """Every unit of `day` is asked (the communes and wards, after 1/7/2025)."""
    grouped = group_by_unit(certified_products(session))
    for unit_id in local_unit_ids(session, day):
        grouped.setdefault(unit_id, [])
    return OpenedCampaign(campaign, grouped)


@dataclass(frozen=True)
class ProposalResult:
    campaign: int
    dossier: int
    reason: RevocationReason
    updated: bool


def propose_revocation(rt: Runtime, session: Session, actor: str, campaign_id: int,
                       dossier_id: int, reason: str, note: str | None = None) -> ProposalResult:
    parsed = parse_revocation(reason, note)
    campaign = find_campaign(session, campaign_id, CampaignKind.REVOCATION)
    if campaign.status == CampaignStatus.PLANNED:
        raise RuleRefused(f"Chiến dịch số {campaign_id} chưa mở (theo kế hoạch mở ngày "
                          f"{campaign.opened_on:%d/%m/%Y}), chưa nhận đề nghị.")
    if campaign.status != CampaignStatus.OPEN:
        raise RuleRefused(f"Chiến dịch số {campaign_id} đã đóng, không nhận thêm đề nghị.")
    dossier = find_dossier(session, dossier_id)
    authorize(find_user(session, actor), Action.PROPOSE_REVOCATION, dossier.unit_id)
    if dossier.state not in (State.CERTIFIED, State.RENEWAL, State.EXPIRED):
        raise RuleRefused(f"Hồ sơ số {dossier_id} không có sản phẩm đang được công nhận.")
    existing = session.scalar(select(RevocationProposal).where(
        RevocationProposal.campaign_id == campaign_id, RevocationProposal.dossier_id == dossier_id))
    proposal = existing or RevocationProposal(campaign_id=campaign_id, dossier_id=dossier_id,
                                              unit_id=dossier.unit_id, reason=parsed,
                                              proposed_by=actor, proposed_at=rt.clock.now())
    proposal.reason, proposal.note = parsed, note
    session.add(proposal)
    return ProposalResult(campaign_id, dossier_id, parsed, existing is not None)


def close(rt: Runtime, session: Session, actor: str, campaign_id: int) -> Campaign:
    authorize(find_user(session, actor), Action.CAMPAIGN)
    campaign = find_campaign(session, campaign_id)
    if campaign.status == CampaignStatus.PLANNED:
        raise RuleRefused(f"Chiến dịch số {campaign_id} chưa mở (theo kế hoạch mở ngày "
                          f"{campaign.opened_on:%d/%m/%Y}).")
    if not mark_closed(session, campaign, rt.clock.today()):
        raise RuleRefused(f"Chiến dịch số {campaign_id} đã đóng.")
    return campaign


def mark_closed(session: Session, campaign: Campaign, today: date) -> bool:
    """Open → closed, as a conditional update: of two closers (a person and the daily flow, or
    two flow runs) exactly one gets True."""
    result = session.execute(
        update(Campaign).where(Campaign.id == campaign.id, Campaign.status == CampaignStatus.OPEN)
        .values(status=CampaignStatus.CLOSED, closed_on=today))
    return bool(getattr(result, "rowcount", 0))


def decide_revocation(rt: Runtime, session: Session, actor: str, campaign_id: int,
                      decision: str, on: date | None = None) -> list[int]:
    """The Provincial People's Committee decided on `on` (default today): revoke every proposed
    product."""
    number = check_decision(decision)
    decided_on = on or rt.clock.today()
    not_in_future(rt, decided_on, "Ngày quyết định")
    authorize(find_user(session, actor), Action.REVOKE)
    campaign = find_campaign(session, campaign_id, CampaignKind.REVOCATION)
    if campaign.status == CampaignStatus.DECIDED:
        raise RuleRefused(f"Chiến dịch số {campaign_id} đã có quyết định thu hồi "
                          f"{campaign.decision_no}{_dated(campaign.decided_on)}: không ghi lại.")
    if campaign.closed_on is not None and decided_on < campaign.closed_on:
        raise RuleRefused(f"Ngày quyết định {decided_on:%d/%m/%Y} trước ngày đóng chiến dịch "
                          f"{campaign.closed_on:%d/%m/%Y}.")
    if campaign.status != CampaignStatus.CLOSED:
        raise RuleRefused(f"Hãy đóng chiến dịch số {campaign_id} (lập danh sách) trước khi "
                          "ghi quyết định thu hồi.")
    revoked = []
    for proposal in session.scalars(select(RevocationProposal).where(
            RevocationProposal.campaign_id == campaign_id).order_by(RevocationProposal.id)):
        change = DossierChange(rt, session, actor, proposal.dossier_id, Action.REVOKE)
        revoke_in(change, reason=RevocationReason(proposal.reason), decision=number,
                  note=proposal.note, decided_on=decided_on)
        revoked.append(proposal.dossier_id)
    campaign.status = CampaignStatus.DECIDED
    campaign.decision_no, campaign.decided_on = number, decided_on
    return revoked


def _dated(day: date | None) -> str:
    return f" ngày {day:%d/%m/%Y}" if day is not None else ""
