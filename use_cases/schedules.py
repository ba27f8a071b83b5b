"""What the schedules do (the flows call these): reminders, the stuck report, expiry."""

from dataclasses import dataclass

from notices.campaigns import queue_campaign_reminders, queue_closing_report, queue_opening_notices
from notices.digests import queue_deadline_reminders
from notices.expiry import queue_expiry_notices
from notices.queueing import QueueReport
from notices.stuck import queue_stuck_report
from notices.training import queue_training_reminders
from states.programme.planned_campaigns import close_planned, open_planned, plan_auto_renewal
from states.registry.expiry import expire_lapsed
from states.runtime import Runtime
from states.vocabulary import CampaignKind
from use_cases.campaigns import CampaignClosed, CampaignOpened, closed_result
from use_cases.plans import sync_plan_files


def deadline_reminders(rt: Runtime) -> QueueReport:
    with rt.transaction() as session:
        return queue_deadline_reminders(rt, session)


def stuck_report(rt: Runtime) -> QueueReport:
    with rt.transaction() as session:
        return queue_stuck_report(rt, session)


def campaign_reminders(rt: Runtime, kind: CampaignKind) -> QueueReport:
    with rt.transaction() as session:
        return queue_campaign_reminders(rt, session, kinds=(kind,))


def training_reminders(rt: Runtime) -> QueueReport:
    """Before each course, the invited units with no recently trained officer hear once."""
    with rt.transaction() as session:
        return queue_training_reminders(rt, session)


@dataclass(frozen=True)
class ExpiryResult:
    certificates_expired: int
    dossiers_expired: int
    notices_queued: int


def expire_certificates(rt: Runtime) -> ExpiryResult:
    """Lapsed certificates expire, and producers near expiry are told, in one transaction."""
    with rt.transaction() as session:
        expired = expire_lapsed(rt, session)
        notices = queue_expiry_notices(rt, session)
    return ExpiryResult(expired.certificates, expired.dossiers, notices.queued)


@dataclass(frozen=True)
class PlannedOpening:
    planned: list[int]  # campaigns auto_renewal planned today
    opened: list[CampaignOpened]


def open_planned_campaigns(rt: Runtime, kind: CampaignKind) -> PlannedOpening:
    """On a working day: bring the plan files in, let `auto_renewal` plan this quarter's renewal
    campaign, and open every planned campaign whose day has come, telling each unit."""
    if not rt.rules.calendar.is_working_day(rt.clock.today()):
        return PlannedOpening([], [])
    with rt.transaction() as session:
        sync_plan_files(rt, session)
        auto = plan_auto_renewal(rt, session) if kind == CampaignKind.RENEWAL else None
        opened = []
        for campaign in open_planned(rt, session, kind):
            report = queue_opening_notices(rt, session, campaign)
            opened.append(CampaignOpened(campaign.campaign.id, kind, campaign.campaign.deadline,
                                         campaign.product_count, report.queued))
    return PlannedOpening([auto.id] if auto else [], opened)


def close_planned_campaigns(rt: Runtime, kind: CampaignKind) -> list[CampaignClosed]:
    """On the working day after its deadline a planned campaign closes, and the Department gets
    its list with the .xlsx (renewal: products not sent back; revocation: the proposals)."""
    if not rt.rules.calendar.is_working_day(rt.clock.today()):
        return []
    with rt.transaction() as session:
        return [closed_result(campaign, queue_closing_report(rt, session, campaign), None)
                for campaign in close_planned(rt, session, kind)]
