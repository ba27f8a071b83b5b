"""Who receives mail for a unit or for the Department, and who signs it, loaded once per sweep
(a few queries, not a few per unit)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, User
from states.territory.departments import DepartmentView, department_on
from states.territory.units import FormerNames, home_province
from states.vocabulary import Role


@dataclass
class UnitDirectory:
    units: dict[int, AdministrativeUnit]
    officers: dict[int, list[str]]
    # The Department serving on the day of the letters, and that day's names of the units.
    department: DepartmentView
    home: AdministrativeUnit | None
    day: date
    names: FormerNames
    department_addresses: tuple[str, ...]

    @classmethod
    def load(cls, session: Session, day: date) -> "UnitDirectory":
        units = {u.id: u for u in session.scalars(select(AdministrativeUnit))}
        officers: dict[int, list[str]] = {}
        for unit_id, email in session.execute(select(User.unit_id, User.email).where(
                User.role == Role.DISTRICT, User.email.is_not(None), User.unit_id.is_not(None))):
            if unit_id is not None and email:  # filtered by the query; narrows the types
                officers.setdefault(unit_id, []).append(email)
        home = home_province(session, day)
        staff = session.scalars(select(User.email).where(User.role == Role.DEPARTMENT,
                                                         User.email.is_not(None)))
        addresses = tuple(dict.fromkeys([*(home.contact_emails if home else []),
                                         *(e for e in staff if e)]))
        return cls(units, officers, department_on(session, day), home, day,
                   FormerNames.load(session), addresses)

    def unit(self, unit_id: int) -> AdministrativeUnit:
        return self.units[unit_id]

    def name(self, unit_id: int) -> str:
        """The unit's name on the day of the letter ("Huyện Việt Yên" in 2022)."""
        return self.names.name_on(self.units[unit_id], self.day)

    def is_current(self, unit_id: int) -> bool:
        """Still a unit on the day: a gone one's dossiers are the Department's to place."""
        return self.units[unit_id].valid_on(self.day)

    def recipients(self, unit_id: int) -> tuple[str, ...]:
        """The unit's OCOP contacts and its officers' own addresses."""
        unit = self.units[unit_id]
        return tuple(dict.fromkeys([*unit.contact_emails, *self.officers.get(unit_id, [])]))

    def producer_or_unit(self, producer_email: str | None,
                         unit_id: int) -> tuple[tuple[str, ...], bool]:
        """Who gets a letter meant for a producer, and whether the unit must hand it over:
        without the producer's address, the unit's officers pass it on (the Department's, while
        the unit is gone and the dossier not yet placed)."""
        if producer_email:
            return (producer_email,), False
        if not self.is_current(unit_id):
            return self.department_addresses, True
        return self.recipients(unit_id), True

    def province(self) -> AdministrativeUnit | None:
        return self.home

    def sender_name(self) -> str:
        return self.department.name


def department_recipients(session: Session, directory: UnitDirectory) -> tuple[str, ...]:
    """The home province's OCOP contacts and the Department's staff (loaded with the directory)."""
    return directory.department_addresses
