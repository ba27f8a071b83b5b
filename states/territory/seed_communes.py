"""The units a reorganisation creates and the former communes that formed each, from a CSV with
one row per new unit (as Resolution 1658/NQ-UBTVQH15 lists them for Bắc Ninh).

Each former commune becomes a unit of its former district, valid until the day before, with a
succession to its new unit; each former district gets one succession per new unit its
communes went into, marked `split` when there are several."""

import csv
from collections import defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from states.db.models import AdministrativeUnit
from states.errors import ConfigurationError
from states.territory.unit_book import UnitBook
from states.territory.unit_names import fold, level_from_name, slug
from states.vocabulary import UnitLevel

CSV_LEVELS = {"xa": UnitLevel.COMMUNE, "phuong": UnitLevel.WARD}


def former_communes(text: str) -> list[tuple[str, str | None]]:
    """"Xã Đồng Tiến (huyện Yên Thế);Xã Canh Nậu" → [("Xã Đồng Tiến", "huyện Yên Thế"),
    ("Xã Canh Nậu", None)]: the resolution names the district where a name is not unique."""
    found = []
    for part in text.split(";"):
        name, _, hint = part.strip().partition(" (")
        found.append((name.strip(), hint.rstrip(")").strip() or None))
    return found


def load_communes(book: UnitBook, path: Path, spec: dict[str, Any],
                  province: AdministrativeUnit, plan: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    on = spec["effective_on"]
    districts = {fold(name): code for name, code in spec["districts"].items()}
    moved = {fold(name): code for name, code in spec.get("former_district_of", {}).items()}
    links: list[tuple[AdministrativeUnit, AdministrativeUnit]] = []
    for number, row in enumerate(rows, start=2):
        level = CSV_LEVELS.get(row["level"])
        if level is None:
            raise ConfigurationError(f"{path.name}, dòng {number}: cấp '{row['level']}' không rõ.")
        new = book.ensure(row["code"], row["name"], level, province,
                          [spec["contacts"].format(code=row["code"])], valid_from=on)
        for name, hint in former_communes(row["former_communes"]):
            code = moved.get(fold(name)) or districts.get(fold(hint or row["former_district"]))
            former_level = level_from_name(name)
            if code is None or former_level is None:
                raise ConfigurationError(f"{path.name}, dòng {number}: không xác định được huyện "
                                         f"hoặc loại của '{name}'.")
            district = book.get(code)
            former = book.ensure(f"{code}.{slug(name)}", name, former_level, district, [],
                                 valid_until=on - timedelta(days=1))
            links.append((former, new))
    went_to: dict[str, list[AdministrativeUnit]] = defaultdict(list)
    for former, new in links:
        book.succeed(former, new, on, split=False, basis=spec["basis"], plan=plan)
        above = book.by_id(former.parent_id) if former.parent_id is not None else None
        if above is not None and new not in went_to[above.code]:
            went_to[above.code].append(new)
    for code, successors in went_to.items():
        for new in successors:
            book.succeed(book.get(code), new, on, split=len(successors) > 1, basis=spec["basis"],
                         plan=plan)
