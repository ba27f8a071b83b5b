"""The Department's renewal and revocation campaigns, with the notices each step causes."""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from notices.campaigns import (
    ClosingReport,
    queue_closing_report,
    queue_opening_notices,
    revocation_filename,
    revocation_workbook,
)
from notices.revocations import queue_revocation_decision
from states.db.models import Campaign
from states.permissions import authorize
from states.programme import campaign_commands as campaigns
from states.programme.campaigns import (
    CampaignView,
    ListedProduct,
    ProposalRow,
    find_campaign,
    list_campaigns,
    proposals,
    renewal_products,
    units_with_pending_renewals,
)
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, CampaignKind, CampaignStatus
from use_cases.dashboard import Download
from use_cases.output_files import checked_directory, checked_output, write_checked
from use_cases.transaction import allowed_to, in_transaction


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


def close_campaign(rt: Runtime, actor: str, campaign_id: int,
                   out_dir: Path | None) -> CampaignClosed:
    """Close a campaign and mail the Department its list (revocation: the proposals for the
    Provincial People's Committee; renewal: the products not sent back); once that is
    committed, write the .xlsx to `out_dir` (the web offers it as a download instead: None).
    The directory is checked before anything changes; a list of the same name there is replaced."""
    if out_dir is not None:
        checked_directory(out_dir)
    with rt.transaction() as session:
        campaign = campaigns.close(rt, session, actor, campaign_id)
        report = queue_closing_report(rt, session, campaign)
        target = None
        if out_dir is not None:
            # The name is known only now; a refusal here rolls the closing back.
            target = checked_output(out_dir / report.filename, replaces=True,
                                    regenerate=regenerate_closing_list(campaign, out_dir))
        result = closed_result(campaign, report, target.path if target is not None else None)
    if target is not None:
        write_checked(target, report.content, committed=True)
    return result


def regenerate_closing_list(campaign: Campaign, out_dir: Path) -> str:
    """The command that writes a closed campaign's list again."""
    if campaign.kind == CampaignKind.REVOCATION:
        return f"ocop campaign sheet {campaign.id} --out {out_dir}"
    return "ocop outbox list (tệp đính kèm thư gửi Sở)"


@dataclass(frozen=True)
class CampaignDecided:
    campaign: int
    revoked: list[int]
    decision: str | None = None
    decided_on: date | None = None


def decide_revocation(rt: Runtime, actor: str, campaign_id: int, decision: str,
                      on: date | None = None) -> CampaignDecided:
    """Revoke every proposed product and tell each unit and producer, in one transaction."""
    with rt.transaction() as session:
        revoked = campaigns.decide_revocation(rt, session, actor, campaign_id, decision, on)
        # The letters say what was recorded (the number as checked, the decision's day).
        campaign = session.get(Campaign, campaign_id)
        assert campaign is not None and campaign.decision_no and campaign.decided_on
        number, decided_on = campaign.decision_no, campaign.decided_on
        queue_revocation_decision(rt, session, revoked, number, decided_on,
                                  f"campaign-{campaign_id}")
    return CampaignDecided(campaign_id, revoked, number, decided_on)


propose_revocation = in_transaction(campaigns.propose_revocation)


# ---- What the campaign pages show (issue 10) ----
@dataclass(frozen=True)
class CampaignDetail:
    campaign: CampaignView
    # Renewal: each unit's products still awaiting re-evaluation; revocation: the proposals.
    renewals: dict[str, list[ListedProduct]]
    proposals: list[ProposalRow]


campaigns_for = allowed_to(Action.CAMPAIGN, list_campaigns)


def campaign_detail(rt: Runtime, actor: str, campaign_id: int) -> CampaignDetail:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.CAMPAIGN)
        campaign = find_campaign(session, campaign_id)
        view = next(c for c in list_campaigns(session) if c.id == campaign.id)
        renewals: dict[str, list[ListedProduct]] = {}
        if campaign.kind == CampaignKind.RENEWAL:
            pending = units_with_pending_renewals(session, campaign)
            for item in renewal_products(session, [i for ids in pending.values() for i in ids]):
                renewals.setdefault(item.unit_name, []).append(item)
        return CampaignDetail(view, renewals, proposals(session, campaign.id))


def revocation_list_download(rt: Runtime, actor: str, campaign_id: int) -> Download:
    """The list for the Provincial People's Committee, as `campaign close` writes it."""
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.CAMPAIGN)
        campaign = find_campaign(session, campaign_id, CampaignKind.REVOCATION)
        return Download(revocation_filename(campaign.id),
                        revocation_workbook(campaign, proposals(session, campaign.id)))
