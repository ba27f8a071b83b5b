"""The Department's dashboard and its stuck list (the same query as `ocop stuck`)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from notices.charts.board import board_charts
from notices.charts.heatmap import Link
from notices.charts.shapes import Chart
from notices.charts.svg import chart_svg
from notices.stuck import stuck_filename, stuck_workbook
from notices.training import current_coverage
from states.db.models import DossierEvent
from states.oversight.dashboard import Dashboard, dashboard
from states.oversight.stuck import StuckGroup
from states.oversight.upcoming import UpcomingWork, upcoming_work
from states.permissions import authorize
from states.programme.campaigns import CampaignView, list_campaigns
from states.programme.plan import PlanCalendar, plan_calendar
from states.reorganisation.reorganisation import plan_moves
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.training.training import Coverage
from states.vocabulary import Action
from use_cases.queries import stuck

# The dashboard reads every dossier: ~0.3 s at 10^6. One reading serves every request until the
# history grows (any step writes an event) or the minute turns (lateness moves with time), so
# it is never more than a minute behind and never shows a step as not yet taken. The schedules'
# next actions (~25 ms at 10^5 on SQLite, most of it the next dossier deadline) are kept the same
# way.
_last: dict[str, tuple[tuple[object, ...], Dashboard]] = {}
_last_work: dict[str, tuple[tuple[object, ...], UpcomingWork]] = {}
_drawn: dict[str, tuple[Dashboard, list["DrawnChart"]]] = {}
T = TypeVar("T")


def forget_dashboards() -> None:
    """For tests that empty a database under a running process."""
    _last.clear()
    _last_work.clear()
    _drawn.clear()


def _fresh(session: Session, now: datetime) -> tuple[object, ...]:
    """What a kept reading must still match: the newest event, and the minute."""
    last = session.execute(select(DossierEvent.id, DossierEvent.dossier_id, DossierEvent.trigger,
                                  DossierEvent.at).order_by(DossierEvent.id.desc()).limit(1)).first()
    return (tuple(last) if last else None, now.replace(second=0, microsecond=0))


def _kept(store: dict[str, tuple[tuple[object, ...], T]], url: str, key: tuple[object, ...],
          read: Callable[[], T]) -> T:
    cached = store.get(url)
    if cached is not None and cached[0] == key:
        return cached[1]
    value = read()
    store[url] = (key, value)
    return value


def department_dashboard(rt: Runtime, actor: str) -> Dashboard:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
        now = rt.clock.now()
        return _kept(_last, rt.db.url, _fresh(session, now),
                     lambda: dashboard(session, now, rt.clock.today()))


@dataclass(frozen=True)
class DrawnChart:
    """A chart as the page shows it: its SVG and the same numbers as a table."""

    chart: Chart
    svg: str
    as_of: date | None = None  # the yearly report says the day its numbers stand at


def department_charts(rt: Runtime, actor: str, link: Link | None) -> list[DrawnChart]:
    """The dashboard's charts, drawn once per reading of its counts (they are kept together:
    a kept reading serves its drawn charts too)."""
    board = department_dashboard(rt, actor)
    kept = _drawn.get(rt.db.url)
    if kept is not None and kept[0] is board:
        return kept[1]
    drawn = [DrawnChart(c, chart_svg(c)) for c in board_charts(board, rt.clock.today(), link)]
    _drawn[rt.db.url] = (board, drawn)
    return drawn


def stuck_list(rt: Runtime, actor: str) -> list[StuckGroup]:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
    return stuck(rt)


@dataclass(frozen=True)
class Download:
    filename: str
    content: bytes


def stuck_download(rt: Runtime, actor: str) -> Download:
    return Download(stuck_filename(rt.clock.today()), stuck_file(rt, stuck_list(rt, actor)))


def stuck_file(rt: Runtime, groups: list[StuckGroup]) -> bytes:
    """The stuck list already read (`stuck_list`) as the Department's .xlsx."""
    return stuck_workbook(groups, rt.clock.today())


@dataclass(frozen=True)
class Outlook:
    """What the dashboard shows beside the counts: the year's plan as a calendar with its
    campaigns, what each schedule does next, the units lacking a trained officer and how many
    dossiers wait on the "chưa xác định xã" list."""

    calendar: PlanCalendar
    campaigns: dict[int, CampaignView]  # those the calendar names, by id
    upcoming: UpcomingWork
    coverage: Coverage
    unsettled: int


def department_outlook(rt: Runtime, actor: str, year: int | None = None) -> Outlook:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.DASHBOARD)
        today = rt.clock.today()
        plan = plan_calendar(session, rt.rules.calendar, year or today.year, today)
        named = {e.campaign_id for e in plan.events}
        now = rt.clock.now()
        work = _kept(_last_work, rt.db.url, _fresh(session, now),
                     lambda: upcoming_work(session, rt.rules, now, today))
        return Outlook(plan, {c.id: c for c in list_campaigns(session) if c.id in named}, work,
                       current_coverage(rt, session), len(plan_moves(session, today).unsettled))
