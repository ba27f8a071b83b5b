"""The province's units as `unit list` shows them on a day, with the names they bore then."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Department, UnitFormerName
from states.vocabulary import UnitLevel


@dataclass(frozen=True)
class UnitView:
    code: str
    name: str
    level: UnitLevel
    contacts: list[str]
    parent: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None


def in_force(model: Any, day: date) -> ColumnElement[bool]:
    """SQL: `model` (a unit or a Department) is valid on `day`, both ends included."""
    return and_(or_(model.valid_from.is_(None), model.valid_from <= day),
                or_(model.valid_until.is_(None), model.valid_until >= day))


class FormerNames:
    """Every rename, loaded once: the name a unit bore on a given day."""

    def __init__(self, rows: list[UnitFormerName]) -> None:
        self._of: dict[int, list[UnitFormerName]] = defaultdict(list)
        for row in sorted(rows, key=lambda r: r.used_until):
            self._of[row.unit_id].append(row)

    @classmethod
    def load(cls, session: Session, unit_ids: set[int] | None = None) -> "FormerNames":
        """Every rename, or only those of `unit_ids`."""
        query = select(UnitFormerName)
        if unit_ids is not None:
            query = query.where(UnitFormerName.unit_id.in_(unit_ids))
        return cls(list(session.scalars(query)))

    def name_on(self, unit: AdministrativeUnit, day: date | None) -> str:
        if day is not None:
            for former in self._of.get(unit.id, []):
                if day <= former.used_until:
                    return former.name
        return unit.name

    def all_names(self, unit: AdministrativeUnit) -> list[str]:
        return [unit.name, *(f.name for f in self._of.get(unit.id, []))]


def home_province(session: Session, day: date) -> AdministrativeUnit | None:
    """The province whose Department serves on `day` (Bắc Giang until 30/6/2025, Bắc Ninh
    after); without a Department on record, the first province valid that day."""
    province_id = session.scalar(select(Department.province_id).where(in_force(Department, day))
                                 .order_by(Department.id.desc()).limit(1))
    if province_id is not None:
        return session.get(AdministrativeUnit, province_id)
    return session.scalar(select(AdministrativeUnit).where(
        AdministrativeUnit.level == UnitLevel.PROVINCE, in_force(AdministrativeUnit, day))
        .order_by(AdministrativeUnit.id).limit(1))


def unit_view(session: Session, unit: AdministrativeUnit, day: date | None,
              names: FormerNames | None = None,
              parent: AdministrativeUnit | None = None) -> UnitView:
    names = names or FormerNames.load(session)
    if parent is None and unit.parent_id is not None:
        parent = session.get(AdministrativeUnit, unit.parent_id)
    return UnitView(unit.code, names.name_on(unit, day), UnitLevel(unit.level),
                    list(unit.contact_emails), names.name_on(parent, day) if parent else None,
                    unit.valid_from, unit.valid_until)


def list_units(session: Session, on: date, level: UnitLevel | None = None) -> list[UnitView]:
    """The units valid on `on`: by default the home province and its direct subdivisions
    (Bắc Giang's 10 districts in 2022, Bắc Ninh's 99 communes and wards in 2026); with `level`,
    every unit of that level under the home province."""
    home = home_province(session, on)
    if home is None:
        return []
    if level is None:
        # Only the province's own subdivisions are read: a national table holds 63 provinces'
        # units, and loading all 693 of them cost ~7 ms of a 15 ms worklist page.
        children = session.scalars(select(AdministrativeUnit).where(
            AdministrativeUnit.parent_id == home.id).order_by(AdministrativeUnit.id))
        chosen = [home, *(u for u in children if u.valid_on(on))]
        units = {u.id: u for u in chosen}
        names = FormerNames.load(session, {home.parent_id or home.id, *units})
    else:
        units = {u.id: u for u in session.scalars(select(AdministrativeUnit)
                                                  .order_by(AdministrativeUnit.id))}
        chosen = [u for u in units.values()
                  if u.valid_on(on) and u.level == level and _under(u, home.id, units)]
        names = FormerNames.load(session)
    return [unit_view(session, u, on, names, units.get(u.parent_id or 0)) for u in chosen]


def _under(unit: AdministrativeUnit, ancestor_id: int,
           units: dict[int, AdministrativeUnit]) -> bool:
    seen: set[int] = set()
    while unit.parent_id is not None and unit.parent_id not in seen:
        if unit.parent_id == ancestor_id:
            return True
        seen.add(unit.parent_id)
        unit = units[unit.parent_id]
    return unit.id == ancestor_id


def name_on(session: Session, unit: AdministrativeUnit, day: date) -> str:
    """The name `unit` bore on `day` (one indexed query; "Huyện Việt Yên" before 1/2/2024)."""
    former = session.scalar(select(UnitFormerName.name).where(
        UnitFormerName.unit_id == unit.id, UnitFormerName.used_until >= day)
        .order_by(UnitFormerName.used_until).limit(1))
    return former or unit.name


def names_on(session: Session, unit_ids: set[int], day: date) -> dict[int, str]:
    """`name_on` for many units in two queries (a bulk move writes one event per dossier)."""
    names = {unit_id: name for unit_id, name in session.execute(
        select(AdministrativeUnit.id, AdministrativeUnit.name)
        .where(AdministrativeUnit.id.in_(unit_ids)))}
    for unit_id, former in session.execute(
            select(UnitFormerName.unit_id, UnitFormerName.name)
            .where(UnitFormerName.unit_id.in_(unit_ids), UnitFormerName.used_until >= day)
            .order_by(UnitFormerName.used_until.desc())):
        names[unit_id] = former  # the earliest name still in use that day is written last
    return names
