"""The province's yearly plan: bringing it in (plan files, .xlsx, one entry at a time) and
reading it back (the year's calendar, what each schedule does next)."""

from pathlib import Path

from sqlalchemy.orm import Session

from states.errors import InvalidInput
from states.file_problems import why_unreadable
from states.oversight.upcoming import UpcomingWork, upcoming_work
from states.permissions import authorize
from states.programme.plan import PlanCalendar, plan_calendar
from states.programme.plan_workbook import read_plan_workbook
from states.programme.planning import (
    PlanSaved,
    check_registration_windows,
    save_campaign,
    save_plans,
    save_round,
)
from states.programme.plans import CampaignSpec, RoundSpec, plan_files, read_plan_file
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action

ADD_ROUND_SOURCE = "ocop plan add-round"
ADD_CAMPAIGN_SOURCE = "ocop plan add-campaign"


def sync_plan_files(rt: Runtime, session: Session, paths: list[Path] | None = None) -> list[PlanSaved]:
    """Every plan file (by default each plan-YYYY.toml in OCOP_RULES_DIR) into the database, in
    the caller's transaction. A file loaded again changes nothing."""
    files = plan_files(rt.rules_dir) if paths is None else paths
    return [save_plans(rt, session, [read_plan_file(path)], path.name, replace=True)
            for path in files]


def load_plan_files(rt: Runtime, actor: str, paths: list[Path] | None = None) -> list[PlanSaved]:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.PLAN)
        return sync_plan_files(rt, session, paths)


def import_workbook(rt: Runtime, actor: str, path: Path) -> PlanSaved:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Không đọc được tệp {path}: {why_unreadable(error)}.") from None
    plans = read_plan_workbook(data, path.name)
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.PLAN)
        return save_plans(rt, session, plans, path.name, replace=True)


def add_round(rt: Runtime, actor: str, spec: RoundSpec) -> PlanSaved:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.PLAN)
        saved = save_round(rt, session, spec, ADD_ROUND_SOURCE)
        check_registration_windows(session)
        return saved


def add_campaign(rt: Runtime, actor: str, spec: CampaignSpec) -> PlanSaved:
    if spec.deadline < rt.clock.today():
        raise InvalidInput(f"Hạn nộp {spec.deadline:%d/%m/%Y} đã qua.")
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.PLAN)
        return save_campaign(session, spec, ADD_CAMPAIGN_SOURCE)


def calendar(rt: Runtime, year: int | None = None) -> PlanCalendar:
    """The year's plan (default: this year) with what is past, today and next: `ocop plan show`,
    and the dashboard's calendar."""
    today = rt.clock.today()
    with rt.transaction() as session:
        return plan_calendar(session, rt.rules.calendar, year or today.year, today)


def upcoming(rt: Runtime) -> UpcomingWork:
    with rt.transaction() as session:
        return upcoming_work(session, rt.rules, rt.clock.now(), rt.clock.today())
