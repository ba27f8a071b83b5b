"""How units are named: the short name officers type, the salutation of a letter, a code made
from a name, and the two spellings of a tone mark ("Hòa" / "Hoà") read as one."""

import re
import unicodedata

from states import folding
from states.vocabulary import UnitLevel

# The word before the name, longest first ("thị xã " before "xã "); the province keeps its own.
PREFIXES: tuple[tuple[str, UnitLevel], ...] = (
    ("thành phố ", UnitLevel.DISTRICT), ("thị trấn ", UnitLevel.TOWN),
    ("thị xã ", UnitLevel.DISTRICT), ("huyện ", UnitLevel.DISTRICT), ("phường ", UnitLevel.WARD),
    ("xã ", UnitLevel.COMMUNE), ("tỉnh ", UnitLevel.PROVINCE))


def _tone_placements() -> dict[str, str]:
    """Old and new tone placement in "oa", "oe", "uy" ("hoà" → "hòa"): sources write both
    (data README, note 1)."""
    table = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in "\u0300\u0301\u0309\u0303\u0323":  # huyền, sắc, hỏi, ngã, nặng
            old = unicodedata.normalize("NFC", first + second + tone)
            table[old] = unicodedata.normalize("NFC", first + tone + second)
    return table


TONE_PLACEMENT = _tone_placements()
TONE_PATTERN = re.compile("|".join(TONE_PLACEMENT))


def fold(text: str) -> str:
    """What two spellings of one name have in common: case, Unicode form, tone placement."""
    folded = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    return TONE_PATTERN.sub(lambda m: TONE_PLACEMENT[m.group(0)], folded)


def short_name(name: str) -> str:
    """"Huyện Lục Ngạn" → "lục ngạn" (folded): the name without the word for its kind."""
    folded = fold(name)
    for prefix, level in PREFIXES:
        if level != UnitLevel.PROVINCE and folded.startswith(prefix):
            return folded.removeprefix(prefix)
    return folded


def level_from_name(name: str) -> UnitLevel | None:
    folded = fold(name)
    return next((level for prefix, level in PREFIXES if folded.startswith(prefix)), None)


def salutation_for(name: str) -> str:
    """How a letter addresses the unit's People's Committee: "Xã Nam Dương" → "UBND xã Nam
    Dương"."""
    name = " ".join(name.split())
    return "UBND " + name[:1].lower() + name[1:] if name else name


def slug(text: str) -> str:
    """"Xã Đồng Tiến" → "xa-dong-tien": a code a person can type."""
    return re.sub(r"[^a-z0-9]+", "-", folding.fold(text)).strip("-")
