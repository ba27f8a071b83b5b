"""Where a dossier belongs on a day when the unit it was registered in is gone.

Plain data in, a decision out: the units with their life spans, and what succeeded what. A
unit that went wholly into one successor needs nothing more; a divided one (a district split
into communes) needs the producer's commune, and without it the answer is "not known", never a
guess. Chains are followed: Yên Dũng → Thành phố Bắc Giang (1/1/2025) → 8 wards and communes
(1/7/2025).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from states.vocabulary import tier_of


@dataclass(frozen=True)
class UnitFacts:
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    valid_from: date | None
    valid_until: date | None

    def valid_on(self, day: date) -> bool:
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


@dataclass(frozen=True)
class Link:
    successor_id: int
    effective_on: date


@dataclass(frozen=True)
class Resolution:
    target: int | None
    via: str  # "succession" (the only successor) | "commune" (the producer's commune)
    reason: str | None = None  # why there is no target, in Vietnamese
    candidates: tuple[int, ...] = ()


class Territory:
    def __init__(self, units: Iterable[UnitFacts], links: Iterable[tuple[int, Link]]) -> None:
        self.units = {u.id: u for u in units}
        self.links: dict[int, list[Link]] = {}
        for predecessor, link in links:
            self.links.setdefault(predecessor, []).append(link)

    def current(self, unit_id: int, day: date) -> tuple[int, ...]:
        """The units valid on `day` that `unit_id` is, or went into (in order, no repeats)."""
        found: dict[int, None] = {}
        seen: set[int] = set()
        pending = [unit_id]
        while pending:
            unit = pending.pop(0)
            if unit in seen:
                continue
            seen.add(unit)
            if self.units[unit].valid_on(day):
                found[unit] = None
                continue
            pending.extend(link.successor_id for link in self.links.get(unit, [])
                           if link.effective_on <= day)
        return tuple(found)

    def resolve(self, unit_id: int, commune_id: int | None, day: date) -> Resolution:
        """Which unit valid on `day` a dossier of `unit_id` goes to, given the producer's
        commune (None when not known)."""
        unit = self.units[unit_id]
        targets = self.current(unit_id, day)
        if not targets:
            return Resolution(None, "succession", f"{unit.name} không có đơn vị kế thừa ngày "
                                                  f"{day:%d/%m/%Y}")
        if len(targets) == 1:
            return Resolution(targets[0], "succession")
        if commune_id is None:
            return Resolution(None, "commune", f"chưa xác định xã của chủ thể; {unit.name} chia "
                                               f"cho {len(targets)} đơn vị", targets)
        place = self.place(commune_id, day, tier_of(self.units[targets[0]].level))
        if place in targets:
            return Resolution(place, "commune")
        commune = self.units[commune_id].name
        where = f" (nay là {self.units[place].name})" if place is not None else ""
        return Resolution(None, "commune", f"xã của chủ thể, {commune}{where}, không thuộc các "
                                           f"đơn vị kế thừa {unit.name}", targets)

    def place(self, commune_id: int, day: date, tier: str) -> int | None:
        """The unit of `tier` valid on `day` where the commune lies (itself, its one successor,
        or the district above it)."""
        now = self.current(commune_id, day)
        if len(now) != 1:
            return None
        unit: UnitFacts | None = self.units[now[0]]
        while unit is not None and tier_of(unit.level) != tier:
            unit = self.units.get(unit.parent_id) if unit.parent_id is not None else None
        return unit.id if unit is not None and unit.valid_on(day) else None

    def related(self, unit_id: int) -> set[int]:
        """`unit_id`, what it went into and what went into it, at any date (a 2022 producer of
        Yên Dũng lives in a commune the seed files under Thành phố Bắc Giang)."""
        back: dict[int, list[int]] = {}
        for predecessor, links in self.links.items():
            for link in links:
                back.setdefault(link.successor_id, []).append(predecessor)
        forward = {p: [link.successor_id for link in links] for p, links in self.links.items()}
        return _reachable(unit_id, forward) | _reachable(unit_id, back)

    def ancestors(self, unit_id: int) -> list[int]:
        """The unit and the units above it."""
        chain = [unit_id]
        while (parent := self.units[chain[-1]].parent_id) is not None and parent not in chain:
            chain.append(parent)
        return chain


def _reachable(start: int, edges: dict[int, list[int]]) -> set[int]:
    found, pending = {start}, [start]
    while pending:
        for other in edges.get(pending.pop(), []):
            if other not in found:
                found.add(other)
                pending.append(other)
    return found
