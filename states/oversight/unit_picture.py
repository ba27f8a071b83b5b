"""One unit's own picture, for its officer: dossiers by state with what is late, and its
stars over the years."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit, Certificate, Dossier
from states.oversight.dashboard import Cell
from states.vocabulary import ACTION_STATES, CertificateStatus, State


@dataclass(frozen=True)
class UnitPicture:
    unit_code: str
    unit_name: str
    by_state: dict[State, Cell]
    certified_by_year: dict[int, dict[int, int]]  # year → stars → count, imported ones too
    valid_by_stars: dict[int, int]  # certificates in force today, by stars

    @property
    def total(self) -> int:
        return sum(c.count for c in self.by_state.values())

    @property
    def overdue(self) -> int:
        return sum(c.overdue for c in self.by_state.values())


def unit_picture(session: Session, unit: AdministrativeUnit, now: datetime) -> UnitPicture:
    late = func.count().filter(Dossier.state.in_(ACTION_STATES), Dossier.due_at <= now)
    counts = session.execute(select(Dossier.state, func.count(), late)
                             .where(Dossier.unit_id == unit.id).group_by(Dossier.state)).all()
    by_state = {State(s): Cell(int(n), int(o)) for s, n, o in counts}
    year = extract("year", Certificate.recognised_on)
    mine = select(Dossier.id).where(Dossier.unit_id == unit.id)
    years: dict[int, dict[int, int]] = {}
    for y, stars, n in session.execute(
            select(year, Certificate.stars, func.count())
            .where(Certificate.dossier_id.in_(mine)).group_by(year, Certificate.stars)
            .order_by(year, Certificate.stars)):
        years.setdefault(int(y), {})[int(stars)] = int(n)
    valid = _pairs(session.execute(select(Certificate.stars, func.count())
                                 .where(Certificate.dossier_id.in_(mine),
                                        Certificate.status == CertificateStatus.VALID)
                                 .group_by(Certificate.stars)).all())
    return UnitPicture(unit.code, unit.name, dict(sorted(by_state.items(), key=_order)), years,
                       {int(s): int(n) for s, n in sorted(valid.items())})


def _order(item: tuple[State, Cell]) -> int:
    return list(State).index(item[0])


def _pairs(rows: Any) -> dict[int, int]:
    """(stars, count) rows as a dict."""
    return {int(key): int(value) for key, value in rows}
