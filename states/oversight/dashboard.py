"""The Department's one screen: dossiers by unit and state with what is late, certificates by
year and stars, what expires in the coming months, and (calendar_counts) what falls due in the
coming weeks: everything the dashboard's tables and charts count, read together."""

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Certificate, Dossier
from states.oversight.calendar_counts import MonthRenewals, WeekDue, due_by_week, renewals_by_month
from states.oversight.scope import in_province, local_units
from states.territory.units import home_province
from states.vocabulary import ACTION_STATES, CertificateStatus, State


@dataclass(frozen=True)
class Cell:
    count: int
    overdue: int


@dataclass(frozen=True)
class UnitRow:
    unit_id: int
    unit_code: str
    unit_name: str
    cells: dict[State, Cell]

    @property
    def total(self) -> int:
        return sum(c.count for c in self.cells.values())


@dataclass(frozen=True)
class Dashboard:
    units: list[UnitRow]
    by_state: dict[State, Cell]
    certified_by_year: dict[int, dict[int, int]]  # year → stars → count
    expiring_by_month: list[tuple[date, int]]  # first day of the month → certificates
    # Issue 22: the charts' calendars, read and kept with the counts above.
    due_by_week: list[WeekDue]
    renewals_by_month: list[MonthRenewals]


def unit_state_matrix(session: Session, now: datetime, province_id: int | None,
                      today: date | None = None) -> list[UnitRow]:
    late = func.count().filter(Dossier.state.in_(ACTION_STATES), Dossier.due_at <= now)
    counts = session.execute(select(Dossier.unit_id, Dossier.state, func.count(), late)
                             .where(Dossier.unit_id.in_(local_units(province_id, today)))
                             .group_by(Dossier.unit_id, Dossier.state)).all()
    cells: dict[int, dict[State, Cell]] = {}
    for unit_id, state, count, overdue in counts:
        cells.setdefault(unit_id, {})[State(state)] = Cell(int(count), int(overdue))
    units = session.execute(select(AdministrativeUnit.id, AdministrativeUnit.code,
                                   AdministrativeUnit.name)
                            .where(AdministrativeUnit.id.in_(local_units(province_id, today)))
                            .order_by(AdministrativeUnit.id)).all()
    return [UnitRow(i, code, name, cells.get(i, {})) for i, code, name in units]


def totals_by_state(rows: list[UnitRow]) -> dict[State, Cell]:
    totals: dict[State, Cell] = {}
    for row in rows:
        for state, cell in row.cells.items():
            seen = totals.get(state, Cell(0, 0))
            totals[state] = Cell(seen.count + cell.count, seen.overdue + cell.overdue)
    return totals


def certified_by_year(session: Session, province_id: int | None) -> dict[int, dict[int, int]]:
    year = extract("year", Certificate.recognised_on)
    rows = session.execute(in_province(select(year, Certificate.stars, func.count()), province_id)
                           .group_by(year, Certificate.stars).order_by(year, Certificate.stars))
    result: dict[int, dict[int, int]] = {}
    for y, stars, count in rows:
        result.setdefault(int(y), {})[int(stars)] = int(count)
    return result


def expiring_by_month(session: Session, today: date, province_id: int | None,
                      months: int = 12) -> list[tuple[date, int]]:
    first = today.replace(day=1)
    end = first + relativedelta(months=months)
    year, month = extract("year", Certificate.expires_on), extract("month", Certificate.expires_on)
    rows = session.execute(in_province(select(year, month, func.count()), province_id)
                           .where(Certificate.status == CertificateStatus.VALID,
                                  Certificate.expires_on >= today, Certificate.expires_on < end)
                           .group_by(year, month))
    counts = {(int(y), int(m)): int(c) for y, m, c in rows}
    starts = [first + relativedelta(months=n) for n in range(months)]
    return [(start, counts.get((start.year, start.month), 0)) for start in starts]


def dashboard(session: Session, now: datetime, today: date) -> Dashboard:
    """The home province's units in force today (every unit when no province is on record)."""
    home = home_province(session, today)
    province_id = home.id if home is not None else None
    rows = unit_state_matrix(session, now, province_id, today)
    return Dashboard(rows, totals_by_state(rows), certified_by_year(session, province_id),
                     expiring_by_month(session, today, province_id),
                     due_by_week(session, today, province_id),
                     renewals_by_month(session, today, province_id))
