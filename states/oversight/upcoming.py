"""What each schedule will do next, in words (`ocop flows`): from the plan, the campaigns, the
dossiers' deadlines and the certificates' expiry dates."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from states.clock import last_local_day_before
from states.db.models import Campaign, Certificate, Dossier, OutboxMessage
from states.programme.plan import campaign_subject, closing_day
from states.programme.plans import next_quarter_start
from states.rules.rulebooks import RuleRegistry
from states.vocabulary import (
    ACTION_STATES,
    CampaignKind,
    CampaignStatus,
    CertificateStatus,
    OutboxStatus,
)


@dataclass(frozen=True, order=True)
class NextAction:
    on: date
    what: str


@dataclass(frozen=True)
class UpcomingWork:
    """The next planned action of each schedule (None: nothing planned)."""

    deadline_reminders: NextAction | None
    stuck_report: NextAction | None
    renewal: NextAction | None
    revocation: NextAction | None
    expiry: NextAction | None
    dispatch: NextAction | None

    def by_flow(self) -> dict[str, NextAction | None]:
        """The next action under the name of the flow that takes it, in `ocop flows` order."""
        return {flow: getattr(self, attribute) for flow, attribute in FLOW_OF_ATTRIBUTE}


# Which flow (flows/catalog.py: `ocop flows`, the dashboard) does which part of the work.
FLOW_OF_ATTRIBUTE = (("deadline-reminders", "deadline_reminders"),
                     ("stuck-dossiers", "stuck_report"),
                     ("renewal-campaign", "renewal"),
                     ("revocation-campaign", "revocation"),
                     ("expire-certificates", "expiry"),
                     ("dispatch-notifications", "dispatch"))


def reminder_day(rules: RuleRegistry, deadline: date, left: int) -> date:
    """The working day on which `left` working days remain before `deadline` (a deadline on a
    weekend counts from the last working day before it, as the reminders do)."""
    calendar = rules.calendar
    return calendar.add_working_days(calendar.add_working_days(deadline, 1), -1 - left)


def _campaign_steps(rules: RuleRegistry, campaign: Campaign, today: date) -> list[NextAction]:
    subject = campaign_subject(campaign)
    if campaign.status == CampaignStatus.PLANNED:
        # Late (the flows did not run on its day): it opens at the next run.
        return [NextAction(max(campaign.opened_on, today),
                           f"mở chiến dịch {subject}, hạn {campaign.deadline:%d/%m/%Y}")]
    steps = [NextAction(reminder_day(rules, campaign.deadline, left),
                        f"nhắc các đơn vị (chiến dịch {subject}): còn {left} ngày làm việc")
             for left in rules.notices.campaign_reminder_working_days]
    closes = closing_day(rules.calendar, campaign)
    if closes is not None:
        steps.append(NextAction(closes, f"đóng chiến dịch {subject}, báo cáo Sở"))
    return steps


def next_campaign_action(session: Session, rules: RuleRegistry, kind: CampaignKind,
                         today: date) -> NextAction | None:
    running = session.scalars(select(Campaign).where(Campaign.kind == kind, or_(
        Campaign.status == CampaignStatus.OPEN,
        (Campaign.status == CampaignStatus.PLANNED) & (Campaign.deadline >= today))))
    steps = [step for campaign in running for step in _campaign_steps(rules, campaign, today)]
    if kind == CampaignKind.RENEWAL and rules.province.campaigns.auto_renewal is not None:
        steps.append(NextAction(next_quarter_start(today),
                                "xét lập chiến dịch đánh giá lại của quý (auto_renewal)"))
    return min((s for s in steps if s.on >= today), default=None)


def _next_due(session: Session, now: datetime) -> NextAction | None:
    due, count = session.execute(
        select(Dossier.due_at, func.count()).where(Dossier.state.in_(ACTION_STATES),
                                                   Dossier.due_at >= now)
        .group_by(Dossier.due_at).order_by(Dossier.due_at).limit(1)).one_or_none() or (None, 0)
    if due is None:
        return None
    return NextAction(last_local_day_before(due), f"hạn của {count} hồ sơ")


def _next_expiry(session: Session, today: date) -> NextAction | None:
    expires, count = session.execute(
        select(Certificate.expires_on, func.count())
        .where(Certificate.status == CertificateStatus.VALID, Certificate.expires_on >= today)
        .group_by(Certificate.expires_on).order_by(Certificate.expires_on).limit(1)
    ).one_or_none() or (None, 0)
    if expires is None:
        return None
    return NextAction(expires + timedelta(days=1), f"{count} giấy chứng nhận hết hiệu lực")


def _pending_mail(session: Session, today: date) -> NextAction | None:
    count = session.scalar(select(func.count()).select_from(OutboxMessage)
                           .where(OutboxMessage.status == OutboxStatus.PENDING)) or 0
    return NextAction(today, f"gửi {count} thư đang chờ") if count else None


def upcoming_work(session: Session, rules: RuleRegistry, now: datetime, today: date) -> UpcomingWork:
    monday = today + timedelta(days=(7 - today.weekday()) % 7)
    return UpcomingWork(
        deadline_reminders=_next_due(session, now),
        stuck_report=NextAction(monday, "báo cáo hồ sơ tồn đọng gửi Sở"),
        renewal=next_campaign_action(session, rules, CampaignKind.RENEWAL, today),
        revocation=next_campaign_action(session, rules, CampaignKind.REVOCATION, today),
        expiry=_next_expiry(session, today),
        dispatch=_pending_mail(session, today))
