"""The Department's renewal and revocation campaigns, with the notices each step causes."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notices.campaigns import ClosingReport, queue_closing_report, queue_opening_notices
from states.commands import campaigns
from states.db.models import Campaign
from states.runtime import Runtime
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
    proposals: int | None = None  # revocation: proposals received
    unreturned: int | None = None  # renewal: products not sent back
    listed: int | None = None  # renewal: products the campaign asked for
    file: Path | None = None


def closed_result(campaign: Campaign, report: ClosingReport, file: Path | None) -> CampaignClosed:
    kind = CampaignKind(campaign.kind)
    revocation = kind == CampaignKind.REVOCATION
    return CampaignClosed(campaign.id, kind, CampaignStatus(campaign.status),
                          proposals=report.rows if revocation else None,
                          unreturned=None if revocation else report.rows,
                          listed=report.listed, file=file)


def close_campaign(rt: Runtime, actor: str, campaign_id: int, out_dir: Path) -> CampaignClosed:
    """Close a campaign and mail the Department its list (revocation: the proposals for the
    Provincial People's Committee; renewal: the products not sent back); once that is
    committed, write the .xlsx to `out_dir`."""
    with rt.transaction() as session:
        campaign = campaigns.close(rt, session, actor, campaign_id)
        report = queue_closing_report(rt, session, campaign)
        result = closed_result(campaign, report, out_dir / report.filename)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / report.filename).write_bytes(report.content)
    return result


@dataclass(frozen=True)
class CampaignDecided:
    campaign: int
    revoked: list[int]


def decide_revocation(rt: Runtime, actor: str, campaign_id: int, decision: str) -> CampaignDecided:
    with rt.transaction() as session:
        revoked = campaigns.decide_revocation(rt, session, actor, campaign_id, decision)
    return CampaignDecided(campaign_id, revoked)


propose_revocation = in_transaction(campaigns.propose_revocation)
