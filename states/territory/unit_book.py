"""The units by code while a seed or an import adds many at once: one query to read them, few
flushes to write them (a unit's parent is flushed only when a child needs its id)."""

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.contacts import is_placeholder, valid_emails
from states.db.models import AdministrativeUnit, UnitSuccession
from states.errors import ConfigurationError
from states.territory.unit_names import salutation_for
from states.vocabulary import UnitLevel


def seed_contacts(addresses: list[str]) -> list[str]:
    """Placeholders are stored as they are; the rest must be real addresses."""
    placeholders = [a for a in addresses if is_placeholder(a)]
    return placeholders + valid_emails([a for a in addresses if a not in placeholders])


class UnitBook:
    def __init__(self, session: Session, units: list[AdministrativeUnit],
                 links: set[tuple[int, int]]) -> None:
        self.session = session
        self._by_code = {u.code: u for u in units}
        self._links = links

    @classmethod
    def load(cls, session: Session) -> "UnitBook":
        links = {(p, s) for p, s in session.execute(
            select(UnitSuccession.predecessor_id, UnitSuccession.successor_id))}
        return cls(session, list(session.scalars(select(AdministrativeUnit))), links)

    def find(self, code: str) -> AdministrativeUnit | None:
        return self._by_code.get(code)

    def get(self, code: str) -> AdministrativeUnit:
        unit = self._by_code.get(code)
        if unit is None:
            raise ConfigurationError(f"Bộ dữ liệu nhắc đến đơn vị mã '{code}' nhưng không có.")
        return unit

    def by_id(self, unit_id: int) -> AdministrativeUnit | None:
        return next((u for u in self._by_code.values() if u.id == unit_id), None)

    def id_of(self, unit: AdministrativeUnit) -> int:
        if unit.id is None:
            self.session.flush()
        return unit.id

    def ensure(self, code: str, name: str, level: UnitLevel, parent: AdministrativeUnit | None,
               contacts: list[str], valid_from: date | None = None,
               valid_until: date | None = None) -> AdministrativeUnit:
        """The unit `code`, added if it is not there yet (an existing one is left as it is)."""
        unit = self._by_code.get(code)
        if unit is None:
            unit = AdministrativeUnit(
                code=code, name=name, level=level, contact_emails=contacts,
                parent_id=self.id_of(parent) if parent is not None else None,
                valid_from=valid_from, valid_until=valid_until, salutation=salutation_for(name))
            self.session.add(unit)
            self._by_code[code] = unit
        return unit

    def succeed(self, predecessor: AdministrativeUnit, successor: AdministrativeUnit, on: date, *,
                split: bool, basis: str, plan: str, closes: bool = True) -> None:
        """Record that `predecessor` went into `successor` on `on`; unless it lives on
        (`closes=False`: a part was carved out of it), its last day is the day before."""
        pair = (self.id_of(predecessor), self.id_of(successor))
        if closes and predecessor.valid_until is None:
            predecessor.valid_until = on - timedelta(days=1)
        if pair in self._links:
            return
        self._links.add(pair)
        self.session.add(UnitSuccession(predecessor_id=pair[0], successor_id=pair[1],
                                        effective_on=on, split=split, basis=basis, plan=plan))

    def children_count(self, parent_id: int) -> int:
        return sum(1 for u in self._by_code.values() if u.parent_id == parent_id)

    def flush(self) -> None:
        self.session.flush()
