"""What falls due in the coming weeks, and what expires in the coming months against the
renewals the units have sent back: the counts behind the dashboard's two calendars."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session

from states.clock import end_of_local_day, last_local_day_before
from states.db.models import Campaign, Certificate, Dossier
from states.oversight.scope import in_province, local_units
from states.programme.plan import campaign_subject
from states.vocabulary import ACTION_STATES, CampaignStatus, CertificateStatus, State

WEEKS = 12
MONTHS = 24
# Past the renewal state: the unit has taken the producer's dossier back into evaluation.
RECEIVED = (State.DISTRICT_INSPECTED, State.DISTRICT_SCORED, State.PROVINCIAL_REVIEW,
            State.CENTRAL_REVIEW)


@dataclass(frozen=True)
class WeekDue:
    starts_on: date  # a Monday
    dossiers: int  # dossiers whose step falls due that week
    campaigns: tuple[str, ...]  # "đánh giá lại số 3 (15/10/2022)"

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=6)


@dataclass(frozen=True)
class MonthRenewals:
    month: date  # first day of the month
    expiring: int  # certificates whose 36 months end that month
    received: int  # of them, renewals sent back (in evaluation again, or already renewed)


def due_by_week(session: Session, today: date, province_id: int | None,
                weeks: int = WEEKS) -> list[WeekDue]:
    """The next `weeks` weeks from this week's Monday: dossiers due and campaign deadlines."""
    first = today - timedelta(days=today.weekday())
    end = first + timedelta(weeks=weeks)
    start_at = end_of_local_day(first - timedelta(days=1))
    # Deadlines are ends of local days: a few dozen distinct values in 12 weeks, whatever the
    # number of dossiers, so they are counted per value and put into weeks here.
    rows = session.execute(select(Dossier.due_at, func.count())
                           .where(Dossier.state.in_(ACTION_STATES), Dossier.due_at > start_at,
                                  Dossier.due_at <= end_of_local_day(end - timedelta(days=1)),
                                  Dossier.unit_id.in_(local_units(province_id)))
                           .group_by(Dossier.due_at)).all()
    counts = [0] * weeks
    for due_at, count in rows:
        assert due_at is not None  # the range excludes dossiers without a deadline
        # A deadline is the instant its local day ends: the day is the one just before it.
        counts[(last_local_day_before(_aware(due_at)) - first).days // 7] += int(count)
    deadlines: list[list[str]] = [[] for _ in range(weeks)]
    for campaign in session.scalars(select(Campaign).where(
            Campaign.deadline >= first, Campaign.deadline < end,
            Campaign.status.in_((CampaignStatus.OPEN, CampaignStatus.PLANNED)))
            .order_by(Campaign.deadline, Campaign.id)):
        deadlines[(campaign.deadline - first).days // 7].append(
            f"{campaign_subject(campaign)} ({campaign.deadline:%d/%m/%Y})")
    return [WeekDue(first + timedelta(weeks=n), counts[n], tuple(deadlines[n]))
            for n in range(weeks)]


def _aware(instant: datetime) -> datetime:
    """SQLite gives instants back without their zone; they are stored in UTC."""
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def renewals_by_month(session: Session, today: date, province_id: int | None,
                      months: int = MONTHS) -> list[MonthRenewals]:
    """For each of the next `months` months, from this one: certificates expiring, and how
    many of their renewals the units have sent back."""
    first = today.replace(day=1)
    end = first + relativedelta(months=months)
    year, month = extract("year", Certificate.expires_on), extract("month", Certificate.expires_on)
    received = func.count().filter(or_(Certificate.status == CertificateStatus.SUPERSEDED,
                                       Dossier.state.in_(RECEIVED)))
    rows = session.execute(in_province(select(year, month, func.count(), received), province_id)
                           .where(Certificate.status.in_((CertificateStatus.VALID,
                                                          CertificateStatus.SUPERSEDED)),
                                  Certificate.expires_on >= first, Certificate.expires_on < end)
                           .group_by(year, month))
    counts = {(int(y), int(m)): (int(c), int(r)) for y, m, c, r in rows}
    starts = [first + relativedelta(months=n) for n in range(months)]
    return [MonthRenewals(s, *counts.get((s.year, s.month), (0, 0))) for s in starts]
