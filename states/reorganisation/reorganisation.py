"""What a reorganisation would do: for every open dossier and valid certificate still in a
unit that is gone, its successor (through the producer's commune where the unit was divided),
or why it cannot be told. Read-only: the dry run prints this, the switch applies it."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session

from states.db.models import Certificate, Dossier, Producer, Product, UnitSuccession
from states.errors import NotFound
from states.territory.successions import Territory
from states.territory.territory import load_territory
from states.vocabulary import TERMINAL_STATES, CertificateStatus, State, label


@dataclass(frozen=True)
class Move:
    dossier_id: int
    state: str
    producer_id: int
    from_unit: int
    to_unit: int
    via: str  # "succession" | "commune"


@dataclass(frozen=True)
class UnsettledRow:
    """A dossier on the Department's "chưa xác định xã" list."""

    dossier_id: int
    state: State
    state_label: str
    unit: str
    product: str
    producer: str
    reason: str
    candidates: list[str] = field(default_factory=list)


@dataclass
class Plan:
    on: date
    territory: Territory
    moves: list[Move] = field(default_factory=list)
    unsettled: list[UnsettledRow] = field(default_factory=list)

    def per_successor(self) -> list[tuple[int, int]]:
        """(unit id, dossiers) for each successor, most first."""
        return Counter(m.to_unit for m in self.moves).most_common()


def plan_units(session: Session, plan: str, on: date) -> set[int]:
    """The units a named reorganisation ends by `on` (Bắc Giang's, for bac-ninh-2025)."""
    rows = list(session.execute(select(UnitSuccession.predecessor_id, UnitSuccession.effective_on)
                                .where(UnitSuccession.plan == plan)))
    if not rows:
        known = ", ".join(sorted(set(session.scalars(select(UnitSuccession.plan))))) or "chưa có"
        raise NotFound(f"Không có phương án sắp xếp '{plan}'. Hiện có: {known}.")
    return {unit_id for unit_id, effective_on in rows if effective_on <= on}


def plan_moves(session: Session, on: date, unit_ids: set[int] | None = None) -> Plan:
    """Where each live dossier of a unit gone by `on` goes (only `unit_ids` when given)."""
    territory = load_territory(session)
    gone = {u.id for u in territory.units.values() if not u.valid_on(on)}
    if unit_ids is not None:
        gone &= unit_ids
    result = Plan(on, territory)
    holds_certificate = exists().where(Certificate.dossier_id == Dossier.id,
                                       Certificate.status == CertificateStatus.VALID)
    rows = session.execute(
        select(Dossier.id, Dossier.state, Dossier.unit_id, Producer.id, Producer.commune_id,
               Product.name, Producer.name)
        .join(Product, Dossier.product_id == Product.id)
        .join(Producer, Product.producer_id == Producer.id)
        .where(Dossier.unit_id.in_(gone),
               or_(Dossier.state.not_in(TERMINAL_STATES), holds_certificate))
        .order_by(Dossier.id))
    for dossier_id, state, unit_id, producer_id, commune_id, product, producer in rows:
        found = territory.resolve(unit_id, commune_id, on)
        if found.target is not None:
            result.moves.append(Move(dossier_id, state, producer_id, unit_id, found.target,
                                     found.via))
        else:
            result.unsettled.append(UnsettledRow(
                dossier_id, State(state), label(State(state)), territory.units[unit_id].name,
                product, producer, found.reason or "",
                [territory.units[c].name for c in found.candidates]))
    return result
