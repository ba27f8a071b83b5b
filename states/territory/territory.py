"""The units and their successions as plain facts (two queries), and finding a producer's
commune the way an officer names it."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, UnitSuccession
from states.errors import InvalidInput, NotFound
from states.territory.successions import Link, Territory, UnitFacts
from states.territory.unit_names import fold, short_name
from states.territory.units import FormerNames
from states.vocabulary import UnitLevel, tier_of


def load_territory(session: Session) -> Territory:
    units = session.execute(select(
        AdministrativeUnit.id, AdministrativeUnit.code, AdministrativeUnit.name,
        AdministrativeUnit.level,
        AdministrativeUnit.parent_id, AdministrativeUnit.valid_from,
        AdministrativeUnit.valid_until))
    links = session.execute(select(UnitSuccession.predecessor_id, UnitSuccession.successor_id,
                                   UnitSuccession.effective_on))
    return Territory((UnitFacts(*row) for row in units),
                     ((p, Link(s, on)) for p, s, on in links))


class CommuneFinder:
    """Finds producers' communes; loaded once (units, names, successions) for a whole import."""

    def __init__(self, session: Session) -> None:
        self.names = FormerNames.load(session)
        self.communes = list(session.scalars(select(AdministrativeUnit).where(
            AdministrativeUnit.level.in_([UnitLevel.COMMUNE, UnitLevel.WARD, UnitLevel.TOWN]))))
        self.territory = load_territory(session)

    def find(self, ref: str, unit: AdministrativeUnit, day: date) -> AdministrativeUnit:
        """The commune (xã, phường, thị trấn) valid on `day` called `ref`, in `unit` or in a
        unit that came from it or went into it."""
        wanted = fold(ref)
        called = [u for u in self.communes if u.valid_on(day) and wanted in (
            fold(u.code), fold(self.names.name_on(u, day)), short_name(self.names.name_on(u, day)))]
        if not called:
            raise NotFound(f"Không có xã / phường / thị trấn '{ref}' ngày {day:%d/%m/%Y}. Thêm "
                           "bằng ocop unit add hoặc ocop unit import.")
        territory = self.territory
        related = territory.related(unit.id)
        inside = [u for u in called if related & set(territory.ancestors(u.id))]
        if len(inside) == 1:
            return inside[0]
        if len(inside) > 1:
            listed = "; ".join(f"{u.name} (mã {u.code})" for u in inside)
            raise InvalidInput(f"Có {len(inside)} xã tên '{ref}' thuộc {unit.name}: {listed}. "
                               "Hãy dùng mã.")
        where = ", ".join(sorted({territory.units[u.parent_id].name for u in called
                                  if u.parent_id is not None}))
        raise InvalidInput(f"'{ref}' thuộc {where}, không thuộc {unit.name}.")


def find_commune(session: Session, ref: str, unit: AdministrativeUnit, day: date) -> AdministrativeUnit:
    return CommuneFinder(session).find(ref, unit, day)


def is_commune_level(unit: AdministrativeUnit) -> bool:
    return tier_of(unit.level) == UnitLevel.COMMUNE
