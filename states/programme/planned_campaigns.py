"""Campaigns that run themselves: the daily flows open what the plan (or `auto_renewal`) set
for today and close what is past its deadline, as the system. Each step is a conditional
update, so a rerun of the same day, or two runs at once, does it once."""

from datetime import date, timedelta

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from states.db.models import Campaign, Certificate, Dossier
from states.programme.campaign_commands import (
    OpenedCampaign,
    ask_revocations,
    default_window_end,
    mark_closed,
    take_renewals,
)
from states.programme.plan import due_to_close, due_to_open
from states.programme.plans import next_quarter_start, quarter_key, quarter_start
from states.rules.certificates import expiry_date
from states.runtime import Runtime
from states.vocabulary import (
    SYSTEM_ACTOR,
    CampaignKind,
    CampaignOrigin,
    CampaignStatus,
    CertificateStatus,
    State,
)


def open_planned(rt: Runtime, session: Session, kind: CampaignKind) -> list[OpenedCampaign]:
    """Every planned campaign of `kind` whose opening day has come: certificates move, and the
    caller tells the units."""
    today = rt.clock.today()
    opened = []
    for campaign in due_to_open(session, kind, today):
        window_end = (campaign.window_end or default_window_end(rt, campaign.deadline)
                      if kind == CampaignKind.RENEWAL else None)
        claimed = session.execute(
            update(Campaign).where(Campaign.id == campaign.id,
                                   Campaign.status == CampaignStatus.PLANNED)
            .values(status=CampaignStatus.OPEN, opened_on=today, window_end=window_end))
        if not getattr(claimed, "rowcount", 0):
            continue
        opened.append(take_renewals(rt, session, SYSTEM_ACTOR, campaign)
                      if kind == CampaignKind.RENEWAL else ask_revocations(session, campaign, today))
    return opened


def close_planned(rt: Runtime, session: Session, kind: CampaignKind) -> list[Campaign]:
    """Planned campaigns close the working day after their deadline."""
    today = rt.clock.today()
    return [campaign for campaign in due_to_close(session, rt.rules.calendar, kind, today)
            if mark_closed(session, campaign, today)]


def plan_auto_renewal(rt: Runtime, session: Session) -> Campaign | None:
    """With `[campaigns] auto_renewal`, the first run of each quarter plans (for today) a renewal
    campaign for every certificate whose campaign should open before the next quarter, unless a
    renewal campaign already opens this quarter (the province's own plan comes first)."""
    policy = rt.rules.province.campaigns.auto_renewal
    today = rt.clock.today()
    if policy is None:
        return None
    start, following = quarter_start(today), next_quarter_start(today)
    if session.scalar(select(exists().where(
            Campaign.kind == CampaignKind.RENEWAL, Campaign.opened_on >= start,
            Campaign.opened_on < following))):
        return None
    window_end = expiry_date(following, policy.open_months_before_expiry)
    if not session.scalar(select(exists().where(
            Certificate.dossier_id == Dossier.id, Dossier.state == State.CERTIFIED,
            Certificate.status == CertificateStatus.VALID,
            Certificate.expires_on < window_end))):
        return None
    campaign = Campaign(kind=CampaignKind.RENEWAL, opened_on=today, status=CampaignStatus.PLANNED,
                        deadline=today + timedelta(days=policy.deadline_days),
                        window_end=window_end, origin=CampaignOrigin.AUTO,
                        plan_key=f"auto-renewal:{quarter_key(today)}")
    session.add(campaign)
    session.flush()
    return campaign


def next_auto_renewal(rt: Runtime, today: date) -> date | None:
    """When `auto_renewal` looks again: the first day of the next quarter."""
    return next_quarter_start(today) if rt.rules.province.campaigns.auto_renewal else None
