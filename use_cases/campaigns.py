"""The Department's renewal and revocation campaigns, with the notices each step causes."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notices.campaigns import queue_opening_notices, queue_revocation_list
from states.commands import campaigns
from states.runtime import Runtime
from states.views.campaigns import proposals
from states.vocabulary import CampaignKind, CampaignStatus
from use_cases.transaction import in_transaction


@dataclass(frozen=True)
class CampaignOpened:
    campaign_id: int
    kind: CampaignKind
    deadline: date
    products: int
    units_notified: int


def open_campaign(rt: Runtime, actor: str, kind: CampaignKind, deadline: date,
                  expiring_before: date | None = None) -> CampaignOpened:
    """Open the campaign and tell each unit what is asked of it, in one transaction."""
    with rt.transaction() as session:
        if kind == CampaignKind.RENEWAL:
            opened = campaigns.open_renewal(rt, session, actor, deadline=deadline,
                                            expiring_before=expiring_before)
        else:
            opened = campaigns.open_revocation(rt, session, actor, deadline=deadline)
        report = queue_opening_notices(rt, session, opened)
        return CampaignOpened(opened.campaign.id, kind, deadline, opened.product_count,
                              report.queued)


@dataclass(frozen=True)
class CampaignClosed:
    campaign: int
    kind: CampaignKind
    status: CampaignStatus
    proposals: int | None = None
    file: Path | None = None


def close_campaign(rt: Runtime, actor: str, campaign_id: int, out_dir: Path) -> CampaignClosed:
    """Close a campaign; for revocation, mail the list for the Provincial People's Committee to
    the Department and, once that is committed, write it to `out_dir`."""
    with rt.transaction() as session:
        campaign = campaigns.close(rt, session, actor, campaign_id)
        kind, status = CampaignKind(campaign.kind), CampaignStatus(campaign.status)
        if kind != CampaignKind.REVOCATION:
            return CampaignClosed(campaign.id, kind, status)
        listed = queue_revocation_list(rt, session, campaign, proposals(session, campaign.id))
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / listed.filename
    path.write_bytes(listed.content)
    return CampaignClosed(campaign_id, kind, status, listed.proposals, path)


@dataclass(frozen=True)
class CampaignDecided:
    campaign: int
    revoked: list[int]


def decide_revocation(rt: Runtime, actor: str, campaign_id: int, decision: str) -> CampaignDecided:
    with rt.transaction() as session:
        revoked = campaigns.decide_revocation(rt, session, actor, campaign_id, decision)
    return CampaignDecided(campaign_id, revoked)


propose_revocation = in_transaction(campaigns.propose_revocation)
