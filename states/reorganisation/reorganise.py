"""The switch: every open dossier and valid certificate of a unit that is gone goes to its
successor, set-based (one UPDATE per successor, as campaigns move dossiers), one audit row
each; what cannot be told stays for the Department's "chưa xác định xã" list. Rerunning finds
nothing more to move."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from states.db.models import Dossier, Producer
from states.dossiers.history import record_events
from states.errors import RuleRefused
from states.lifecycle.bulk import CHUNK
from states.permissions import authorize
from states.reorganisation.reorganisation import Move, Plan, UnsettledRow, plan_moves, plan_units
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, UnitLevel, tier_of


@dataclass(frozen=True)
class SuccessorCount:
    code: str
    name: str
    dossiers: int


@dataclass(frozen=True)
class ReorganisationReport:
    plan: str
    on: date
    dry_run: bool
    moved: int
    per_successor: list[SuccessorCount]
    unsettled: list[UnsettledRow]


def reorganise(rt: Runtime, session: Session, actor: str, *, plan: str, on: date,
               dry_run: bool) -> ReorganisationReport:
    authorize(find_user(session, actor), Action.REASSIGN_UNIT)
    if not dry_run and on > rt.clock.today():
        raise RuleRefused(f"Chưa đến ngày {on:%d/%m/%Y}: hôm nay chỉ chạy thử được (--dry-run).")
    planned = plan_moves(session, on, plan_units(session, plan, on))
    moved = 0 if dry_run else apply_moves(rt, session, actor, planned, plan)
    units = planned.territory.units
    return ReorganisationReport(
        plan, on, dry_run, moved,
        [SuccessorCount(units[unit_id].code, units[unit_id].name, count)
         for unit_id, count in planned.per_successor()], planned.unsettled)


def apply_moves(rt: Runtime, session: Session, actor: str, planned: Plan, plan: str) -> int:
    """One UPDATE per successor, guarded: a dossier someone settled meanwhile is not in a gone
    unit any more and is left alone."""
    units = planned.territory.units
    gone = {m.from_unit for m in planned.moves}
    now = rt.clock.now()
    by_target: dict[int, list[Move]] = defaultdict(list)
    for move in planned.moves:
        by_target[move.to_unit].append(move)
    events: list[dict[str, Any]] = []
    for target, moves in by_target.items():
        planned_by_id = {m.dossier_id: m for m in moves}
        ids = list(planned_by_id)
        for start in range(0, len(ids), CHUNK):
            done = session.scalars(
                update(Dossier).where(Dossier.id.in_(ids[start:start + CHUNK]),
                                      Dossier.unit_id.in_(gone))
                .values(unit_id=target, version=Dossier.version + 1)
                .returning(Dossier.id).execution_options(synchronize_session=False))
            for dossier_id in done:
                move = planned_by_id[dossier_id]
                source = units[move.from_unit]
                events.append({
                    "dossier_id": dossier_id, "unit_id": target, "from_state": move.state,
                    "to_state": move.state, "trigger": Action.REASSIGN_UNIT, "actor": actor,
                    "at": now, "note": f"Sắp xếp đơn vị hành chính từ {planned.on:%d/%m/%Y}: "
                                      f"{source.name} → {units[target].name}",
                    "details": {"plan": plan, "effective_on": planned.on.isoformat(),
                                "from_unit": source.code, "from_unit_name": source.name,
                                "to_unit": units[target].code, "via": move.via}})
        _move_producers(session, target, units[target].level, {m.producer_id for m in moves})
    record_events(session, events)
    return len(events)


def _move_producers(session: Session, target: int, level: str, producer_ids: set[int]) -> None:
    """The producers follow (their commune is the new one when it is a commune); one already
    there under the same name keeps its place, and so does this one (names are unique per unit)."""
    taken = set(session.scalars(select(Producer.name).where(Producer.unit_id == target)))
    movable = []
    for producer_id, name in session.execute(select(Producer.id, Producer.name).where(
            Producer.id.in_(producer_ids)).order_by(Producer.id)):
        if name not in taken:
            taken.add(name)
            movable.append(producer_id)
    values: dict[str, Any] = {"unit_id": target}
    if tier_of(level) == UnitLevel.COMMUNE:
        values["commune_id"] = target
    for start in range(0, len(movable), CHUNK):
        session.execute(update(Producer).where(Producer.id.in_(movable[start:start + CHUNK]))
                        .values(values).execution_options(synchronize_session=False))
