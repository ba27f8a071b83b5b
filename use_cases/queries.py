"""What people look at, limited to what they may see: a district officer sees their own unit."""

from datetime import date, datetime

from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Dossier, User
from states.dossiers.sheet import (
    DossierView,
    EventView,
    LateRow,
    full_view,
    history,
    list_dossiers,
    load_dossier,
)
from states.errors import PermissionDenied
from states.oversight.stuck import StuckGroup, stuck_dossiers
from states.permissions import sees_unit
from states.programme import campaigns
from states.runtime import Runtime
from states.territory import units
from states.territory.lookups import dossier_not_found, find_unit, find_user
from states.vocabulary import ACTION_STATES, Role, State, UnitLevel
from use_cases.transaction import reading


def visible_dossier(session: Session, user: User, dossier_id: int) -> Dossier:
    """The dossier, or "no such dossier" when it belongs to a unit the user may not see."""
    dossier = load_dossier(session, dossier_id)
    if not sees_unit(user, dossier.unit_id):
        raise dossier_not_found(dossier_id)
    return dossier


def show_dossier(rt: Runtime, actor: str, dossier_id: int) -> DossierView:
    with rt.transaction() as session:
        dossier = visible_dossier(session, find_user(session, actor), dossier_id)
        return full_view(session, dossier, rt.clock.now())


def dossier_history(rt: Runtime, actor: str, dossier_id: int) -> list[EventView]:
    with rt.transaction() as session:
        visible_dossier(session, find_user(session, actor), dossier_id)
        return history(session, dossier_id)


def unit_in_view(session: Session, user: User, unit: str | None, day: date) -> str | None:
    if user.role != Role.DISTRICT or user.unit_id is None:
        return unit
    own = session.get(AdministrativeUnit, user.unit_id)
    assert own is not None  # a foreign key
    if unit is not None and find_unit(session, unit, day).id != own.id:
        raise PermissionDenied(f"Người dùng '{user.name}' chỉ xem được hồ sơ của đơn vị mình.")
    return own.code


def dossiers(rt: Runtime, actor: str, *, state: State | None = None, unit: str | None = None,
             overdue: bool = False, limit: int | None = None) -> list[LateRow]:
    """A district officer's list is their unit's (asking for another unit is refused)."""
    today = rt.clock.today()
    with rt.transaction() as session:
        wanted = unit_in_view(session, find_user(session, actor), unit, today)
        rows = list_dossiers(session, rt.clock.now(), state=state, unit=wanted, overdue=overdue,
                             limit=limit)
    calendar = rt.rules.calendar
    return [LateRow(**vars(row), working_days_late=(
        calendar.working_days_between(row.due_on, today)
        if row.due_on and row.due_on < today and row.state in ACTION_STATES else 0))
        for row in rows]


def dossier_list_file(rt: Runtime, rows: list[LateRow], what: str) -> bytes:
    """`rows` (as `dossiers` gave them) as an .xlsx: real dates, filters, a frozen heading."""
    # openpyxl (~65 ms) only for those who ask for a file, not on every dossier read.
    from notices.dossier_lists import dossier_list_workbook

    return dossier_list_workbook(rows, rt.clock.today(), what)


def stuck(rt: Runtime, now: datetime | None = None) -> list[StuckGroup]:
    with rt.transaction() as session:
        return stuck_dossiers(session, rt.rules.calendar, now or rt.clock.now())


def list_units(rt: Runtime, on: date | None = None,
               level: UnitLevel | None = None) -> list[units.UnitView]:
    """The units valid on `on` (default: the business date)."""
    with rt.transaction() as session:
        return units.list_units(session, on or rt.clock.today(), level)


list_campaigns = reading(campaigns.list_campaigns)
