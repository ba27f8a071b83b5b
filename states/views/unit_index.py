"""Local units by every way a list writes them ("Huyện Lục Ngạn", "Lục Ngạn", "luc ngan",
"TP Bắc Giang", the code), loaded once for a whole import."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import AdministrativeUnit
from states.folding import plain_words
from states.vocabulary import UnitLevel

# Words before a unit's own name, in plain_words form.
PREFIXES = ("thanh pho ", "tp ", "thi xa ", "tx ", "huyen ", "quan ", "thi tran ", "tt ",
            "phuong ", "xa ")


@dataclass(frozen=True)
class UnitRef:
    id: int
    name: str


def _short(words: str) -> str:
    return next((words.removeprefix(p) for p in PREFIXES if words.startswith(p)), words)


class UnitIndex:
    def __init__(self, units: list[tuple[int, str, str]]) -> None:
        self._found: dict[str, list[UnitRef]] = {}
        for unit_id, code, name in units:
            ref = UnitRef(unit_id, name)
            for key in {plain_words(code), plain_words(name), _short(plain_words(name))}:
                self._found.setdefault(key, []).append(ref)

    @classmethod
    def load(cls, session: Session, *, province: bool = False) -> "UnitIndex":
        """The local units (a product belongs to a district or commune), and the province's
        own when `province` (the Department's people belong to it)."""
        query = select(AdministrativeUnit).order_by(AdministrativeUnit.id)
        if not province:
            query = query.where(AdministrativeUnit.level != UnitLevel.PROVINCE)
        return cls([(u.id, u.code, u.name) for u in session.scalars(query)])

    def find(self, typed: str) -> UnitRef | str:
        """The unit, or why not (no such unit; several units answer to that name)."""
        words = plain_words(typed)
        found = self._found.get(words) or self._found.get(_short(words), [])
        if len(found) == 1:
            return found[0]
        if not found:
            return f"không có đơn vị '{typed}' (xem: ocop unit list)"
        return (f"'{typed}' có thể là {', '.join(u.name for u in found)}: hãy ghi tên đầy đủ "
                "hoặc mã đơn vị")
