""""Việc của tôi" and the filtered lists the dashboard links to, with the navigation's counts."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from states.clock import local_date
from states.db.models import User
from states.dossiers.sheet import parse_state
from states.oversight.worklist import WORK_STATES, WorkFilter, WorkPage, work_counts, work_page
from states.permissions import may
from states.programme.campaigns import CampaignView, list_campaigns
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.territory.units import UnitView
from states.vocabulary import Action, CampaignStatus, Role, State
from use_cases.queries import unit_in_view
from use_cases.registration import filter_units

PAGE_SIZE = 50


@dataclass(frozen=True)
class Worklist:
    page: WorkPage
    total: int
    overdue: int
    # Whether the list is the person's own work (no state chosen) or a filtered list.
    mine: bool


def _filter(session: Session, user: User, now: datetime, *, state: str | None, unit: str | None,
            round_code: str | None, text: str | None, overdue: bool,
            every_state: bool = False) -> WorkFilter:
    if unit:
        today = local_date(now)
        unit_id: int | None = find_unit(session, unit_in_view(session, user, unit, today) or unit,
                                        today).id
    else:
        # A district officer's list is their own unit's (no need to look the unit up by name).
        unit_id = user.unit_id if user.role == Role.DISTRICT else None
    states = ((parse_state(state),) if state else tuple(State) if every_state
              else WORK_STATES.get(user.role, (State.REGISTERED,)))
    return WorkFilter(states, unit_id, round_code or None, text or None, overdue)


def _worklist(rt: Runtime, session: Session, user: User, *, state: str | None, unit: str | None,
              round_code: str | None, text: str | None, overdue: bool, after: str | None,
              limit: int, every_state: bool) -> Worklist:
    now = rt.clock.now()
    wanted = _filter(session, user, now, state=state, unit=unit, round_code=round_code, text=text,
                     overdue=overdue, every_state=every_state)
    page = work_page(session, now, rt.rules.calendar, rt.rules.notices.due_soon_working_days,
                     wanted, after, limit)
    total, late = work_counts(session, now, wanted)
    return Worklist(page, total, late, not state)


def worklist(rt: Runtime, actor: str, *, state: str | None = None, unit: str | None = None,
             round_code: str | None = None, text: str | None = None, overdue: bool = False,
             after: str | None = None, limit: int = PAGE_SIZE,
             every_state: bool = False) -> Worklist:
    """`every_state`: with no state chosen, every dossier rather than the person's own work."""
    with rt.transaction() as session:
        return _worklist(rt, session, find_user(session, actor), state=state, unit=unit,
                         round_code=round_code, text=text, overdue=overdue, after=after,
                         limit=limit, every_state=every_state)


@dataclass(frozen=True)
class WorklistPage:
    """The worklist page in one transaction: the list, the units its filter offers, and for the
    Department the open campaigns (its work too)."""

    worklist: Worklist
    units: list[UnitView]
    campaigns: list[CampaignView]


def worklist_page(rt: Runtime, actor: str, *, state: str | None, unit: str | None,
                  round_code: str | None, text: str | None, overdue: bool,
                  after: str | None) -> WorklistPage:
    with rt.transaction() as session:
        user = find_user(session, actor)
        found = _worklist(rt, session, user, state=state, unit=unit, round_code=round_code,
                          text=text, overdue=overdue, after=after, limit=PAGE_SIZE,
                          every_state=False)
        units = [] if user.role == Role.DISTRICT else filter_units(session, user, rt.clock.today())
        campaigns = ([c for c in list_campaigns(session) if c.status == CampaignStatus.OPEN]
                     if may(user, Action.CAMPAIGN) else [])
        return WorklistPage(found, units, campaigns)


def my_counts(rt: Runtime, actor: str) -> tuple[int, int]:
    """How many dossiers await the person, and how many of those are late."""
    with rt.transaction() as session:
        user = find_user(session, actor)
        unit_id = user.unit_id if user.role == Role.DISTRICT else None
        states = WORK_STATES.get(user.role, (State.REGISTERED,))
        return work_counts(session, rt.clock.now(), WorkFilter(states, unit_id))
