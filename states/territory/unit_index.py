"""Units by every way a list writes them ("Huyện Lục Ngạn", "Lục Ngạn", "luc ngan",
"TP Bắc Giang", the code, a former name), loaded once for a whole import. A name is looked up
among the units valid on the row's date (the same name comes back in another period), then
among all, as `lookups.find_unit` does for one name."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit
from states.folding import plain_words
from states.territory.units import FormerNames
from states.vocabulary import UnitLevel, tier_of

# Words before a unit's own name, in plain_words form.
PREFIXES = ("thanh pho ", "tp ", "thi xa ", "tx ", "huyen ", "quan ", "thi tran ", "tt ",
            "phuong ", "xa ")


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str
    valid_from: date | None
    valid_until: date | None
    commune: bool  # a commune-level unit (xã, phường, thị trấn): its producers live in it

    def valid_on(self, day: date) -> bool:
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


def _short(words: str) -> str:
    return next((words.removeprefix(p) for p in PREFIXES if words.startswith(p)), words)


class UnitIndex:
    def __init__(self, units: list[tuple[UnitRef, list[str]]]) -> None:
        self._found: dict[str, list[UnitRef]] = {}
        for ref, names in units:
            keys = {plain_words(n) for n in names}
            for key in keys | {_short(k) for k in keys}:
                self._found.setdefault(key, []).append(ref)

    @classmethod
    def load(cls, session: Session, *, province: bool = False) -> "UnitIndex":
        """The local units (a product belongs to a district or commune), and the province's
        own when `province` (the Department's people belong to it)."""
        query = select(AdministrativeUnit).order_by(AdministrativeUnit.id)
        if not province:
            query = query.where(AdministrativeUnit.level != UnitLevel.PROVINCE)
        former = FormerNames.load(session)
        return cls([(UnitRef(u.id, u.name, u.valid_from, u.valid_until,
                             tier_of(u.level) == UnitLevel.COMMUNE),
                     [u.code, *former.all_names(u)]) for u in session.scalars(query)])

    def find(self, typed: str, on: date | None = None) -> UnitRef | str:
        """The unit, or why not (no such unit; several units answer to that name)."""
        words = plain_words(typed)
        named = self._found.get(words) or self._found.get(_short(words), [])
        found = [u for u in named if on is not None and u.valid_on(on)] or named
        if len(found) == 1:
            return found[0]
        if not found:
            return f"không có đơn vị '{typed}' (xem: ocop unit list)"
        return (f"'{typed}' có thể là {', '.join(u.name for u in found)}: hãy ghi tên đầy đủ "
                "hoặc mã đơn vị")
