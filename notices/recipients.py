"""Who receives mail for a unit or for the Department, loaded once per sweep (two queries,
not two per unit)."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, User
from states.vocabulary import Role, UnitLevel


@dataclass
class UnitDirectory:
    units: dict[int, AdministrativeUnit]
    officers: dict[int, list[str]]

    @classmethod
    def load(cls, session: Session) -> "UnitDirectory":
        units = {u.id: u for u in session.scalars(select(AdministrativeUnit))}
        officers: dict[int, list[str]] = {}
        for unit_id, email in session.execute(select(User.unit_id, User.email).where(
                User.role == Role.DISTRICT, User.email.is_not(None), User.unit_id.is_not(None))):
            if unit_id is not None and email:  # filtered by the query; narrows the types
                officers.setdefault(unit_id, []).append(email)
        return cls(units, officers)

    def unit(self, unit_id: int) -> AdministrativeUnit:
        return self.units[unit_id]

    def recipients(self, unit_id: int) -> tuple[str, ...]:
        """The unit's OCOP contacts and its district officers' own addresses."""
        unit = self.units[unit_id]
        return tuple(dict.fromkeys([*unit.contact_emails, *self.officers.get(unit_id, [])]))

    def producer_or_unit(self, producer_email: str | None,
                         unit_id: int) -> tuple[tuple[str, ...], bool]:
        """Who gets a letter meant for a producer, and whether the unit must hand it over:
        without the producer's address, the unit's officers pass it on."""
        if producer_email:
            return (producer_email,), False
        return self.recipients(unit_id), True

    def province(self) -> AdministrativeUnit | None:
        provinces = sorted((u for u in self.units.values() if u.level == UnitLevel.PROVINCE),
                           key=lambda u: u.id)
        return provinces[0] if provinces else None

    def sender_name(self) -> str:
        province = self.province()
        return f"Sở Nông nghiệp và PTNT - {province.name}" if province else "Sở Nông nghiệp và PTNT"


def department_recipients(session: Session, directory: UnitDirectory) -> tuple[str, ...]:
    province = directory.province()
    staff = session.scalars(select(User.email).where(User.role == Role.DEPARTMENT,
                                                     User.email.is_not(None)))
    return tuple(dict.fromkeys([*(province.contact_emails if province else []),
                                *(e for e in staff if e)]))
