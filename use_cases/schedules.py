"""What the schedules do (the flows call these): reminders, the stuck report, expiry."""

from dataclasses import dataclass

from notices.campaigns import queue_campaign_reminders
from notices.digests import queue_deadline_reminders
from notices.expiry import queue_expiry_notices
from notices.queueing import QueueReport
from notices.stuck import queue_stuck_report
from notices.training import queue_training_reminders
from states.commands.expiry import expire_lapsed
from states.runtime import Runtime
from states.vocabulary import CampaignKind


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
