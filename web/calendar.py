"""The year's plan laid out for the dashboard: twelve months with their dated events, one row per
round (registration window, stage deadlines) and per campaign (open, deadline, close, status).
Only the layout is chosen here: the dates, their timing and the statuses come from the views."""

from dataclasses import dataclass, field
from datetime import date

from states.oversight.upcoming import NextAction, UpcomingWork
from states.programme.campaigns import CampaignView
from states.programme.plan import CalendarEvent, PlanCalendar
from states.vocabulary import PlanEvent

# What each schedule is, in the words of the dashboard (under the flows' names, `ocop flows`).
SCHEDULES = {"deadline-reminders": "Nhắc hạn hồ sơ cho các đơn vị",
             "stuck-dossiers": "Báo cáo hồ sơ tồn đọng gửi Sở",
             "renewal-campaign": "Chiến dịch đánh giá lại",
             "revocation-campaign": "Chiến dịch thu hồi",
             "expire-certificates": "Hết hạn giấy chứng nhận, báo trước cho chủ thể",
             "dispatch-notifications": "Gửi thư trong hộp thư đi"}


@dataclass
class Row:
    """A round or a campaign: its events by kind."""

    subject: str
    under_way: bool
    events: dict[PlanEvent, CalendarEvent] = field(default_factory=dict)
    campaign: CampaignView | None = None


@dataclass(frozen=True)
class Layout:
    months: list[tuple[date, list[CalendarEvent]]]
    rounds: list[Row]
    campaigns: list[Row]


def layout(plan: PlanCalendar, campaigns: dict[int, CampaignView]) -> Layout:
    months: list[tuple[date, list[CalendarEvent]]] = [
        (date(plan.year, m, 1), [e for e in plan.events if (e.on.year, e.on.month) == (plan.year, m)])
        for m in range(1, 13)]
    rounds: dict[str, Row] = {}
    running: dict[int, Row] = {}
    for event in plan.events:
        if event.round_code is not None:
            row = rounds.setdefault(event.round_code, Row(
                event.subject, event.subject in plan.under_way))
        elif event.campaign_id is not None:
            campaign = campaigns.get(event.campaign_id)
            row = running.setdefault(event.campaign_id, Row(
                event.subject, campaign is not None and campaign.status == "open",
                campaign=campaign))
        else:
            continue
        row.events[event.event] = event
    return Layout(months, list(rounds.values()), list(running.values()))


def next_actions(work: UpcomingWork) -> list[tuple[str, str, NextAction | None]]:
    """(flow, what it is, its next action) for each schedule, in `ocop flows` order."""
    return [(flow, SCHEDULES[flow], action) for flow, action in work.by_flow().items()]
