"""The yearly plan as the schedules and the faces read it: the planned rounds, the campaigns
due to open or close, and the year's calendar (past, today, next)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.clock import checked_year
from states.db.models import Campaign, EvaluationRound
from states.lifecycle.placing import planned_rounds
from states.rules.working_days import WorkingCalendar
from states.vocabulary import (
    CampaignKind,
    CampaignOrigin,
    CampaignStatus,
    PlanEvent,
    Timing,
    label,
)


def closing_day(calendar: WorkingCalendar, campaign: Campaign) -> date | None:
    """A planned campaign closes the working day after its deadline; one opened by hand is
    closed by hand."""
    if campaign.closed_on is not None:
        return campaign.closed_on
    if campaign.origin == CampaignOrigin.MANUAL:
        return None
    return calendar.add_working_days(campaign.deadline, 1)


def due_to_open(session: Session, kind: CampaignKind, today: date) -> list[Campaign]:
    """Planned campaigns whose opening day has come and whose deadline has not passed."""
    return list(session.scalars(select(Campaign).where(
        Campaign.kind == kind, Campaign.status == CampaignStatus.PLANNED,
        Campaign.opened_on <= today, Campaign.deadline >= today).order_by(Campaign.id)))


def due_to_close(session: Session, calendar: WorkingCalendar, kind: CampaignKind,
                 today: date) -> list[Campaign]:
    running = session.scalars(select(Campaign).where(
        Campaign.kind == kind, Campaign.status == CampaignStatus.OPEN,
        Campaign.origin != CampaignOrigin.MANUAL, Campaign.deadline < today).order_by(Campaign.id))
    return [c for c in running if (closing_day(calendar, c) or today) <= today]


@dataclass(frozen=True)
class CalendarEvent:
    on: date
    event: PlanEvent
    event_label: str
    subject: str
    round_code: str | None
    campaign_id: int | None
    timing: Timing


@dataclass(frozen=True)
class PlanCalendar:
    """One year of the plan, as `ocop plan show` and the dashboard show it."""

    year: int
    today: date
    events: list[CalendarEvent]
    under_way: list[str]  # what is running today, in words


def round_subject(evaluation_round: EvaluationRound) -> str:
    name = evaluation_round.name or f"Đợt {evaluation_round.code}"
    return f"{name} ({evaluation_round.code})"


def campaign_subject(campaign: Campaign) -> str:
    """"đánh giá lại số 3", or "thu hồi (dự kiến)" before it opens and has its number."""
    number = f"số {campaign.id}" if campaign.status != CampaignStatus.PLANNED else "(dự kiến)"
    return f"{label(CampaignKind(campaign.kind))} {number}"


def _round_events(evaluation_round: EvaluationRound) -> list[tuple[date | None, PlanEvent]]:
    return [(evaluation_round.registration_opens, PlanEvent.REGISTRATION_OPENS),
            (evaluation_round.registration_closes, PlanEvent.REGISTRATION_CLOSES),
            (evaluation_round.local_deadline, PlanEvent.LOCAL_DEADLINE),
            (evaluation_round.provincial_deadline, PlanEvent.PROVINCIAL_DEADLINE)]


def plan_calendar(session: Session, calendar: WorkingCalendar, year: int,
                  today: date) -> PlanCalendar:
    checked_year(year)
    dated: list[tuple[date, PlanEvent, str, str | None, int | None]] = []
    under_way: list[str] = []
    for evaluation_round in planned_rounds(session):
        opens, ends = evaluation_round.registration_opens, evaluation_round.provincial_deadline
        if opens is None or opens.year != year:
            continue
        subject = round_subject(evaluation_round)
        dated += [(day, event, subject, evaluation_round.code, None)
                  for day, event in _round_events(evaluation_round) if day is not None]
        if ends is not None and opens <= today <= ends:
            under_way.append(subject)
    campaigns = session.scalars(select(Campaign).order_by(Campaign.opened_on, Campaign.id))
    for campaign in campaigns:
        if campaign.opened_on.year != year:
            continue
        subject = campaign_subject(campaign).capitalize()
        closes = closing_day(calendar, campaign)
        dated += [(day, event, subject, None, campaign.id) for day, event in (
            (campaign.opened_on, PlanEvent.CAMPAIGN_OPENS),
            (campaign.deadline, PlanEvent.CAMPAIGN_DEADLINE),
            (closes, PlanEvent.CAMPAIGN_CLOSES)) if day is not None]
        if campaign.status == CampaignStatus.OPEN:
            under_way.append(f"chiến dịch {subject.lower()} (hạn {campaign.deadline:%d/%m/%Y})")
    dated.sort(key=lambda item: (item[0], item[2]))
    following = next((day for day, *_ in dated if day > today), None)
    events = [CalendarEvent(day, event, label(event), subject, code, campaign_id,
                            _timing(day, today, following))
              for day, event, subject, code, campaign_id in dated]
    return PlanCalendar(year, today, events, under_way)


def _timing(day: date, today: date, following: date | None) -> Timing:
    if day < today:
        return Timing.PAST
    if day == today:
        return Timing.TODAY
    return Timing.NEXT if day == following else Timing.LATER
