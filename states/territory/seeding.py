"""Loading a seed: a province's units with their life spans, what succeeded what, and the
Department. Safe to load again: what exists is kept (contacts an officer set stay theirs)."""

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.models import Department, UnitFormerName
from states.errors import ConfigurationError, InvalidInput
from states.file_problems import why_unreadable
from states.territory.seed_communes import load_communes
from states.territory.unit_book import UnitBook, seed_contacts
from states.territory.unit_names import salutation_for
from states.vocabulary import UnitLevel

SEEDS_DIR = Path(__file__).parent.parent / "db" / "seeds"


SEED_NAME = re.compile(r"[a-z0-9][a-z0-9-]*(\.[a-z]+)?")


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS_DIR.glob("*.toml"))


def seed_path(seed: str) -> Path:
    """A packaged seed by its name, or a seed file by its own path: never a path joined onto
    the seeds folder ("../../x" reads nothing)."""
    if seed in seed_names():
        return SEEDS_DIR / f"{seed}.toml"
    given = Path(seed)
    if given.suffix == ".toml" and given.is_file():
        return given
    raise InvalidInput(f"Không có bộ dữ liệu khởi tạo '{seed}': dùng tên một bộ có sẵn "
                       f"({', '.join(seed_names())}) hoặc đường dẫn tới một tệp .toml.")


def read_seed(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"Không đọc được bộ dữ liệu khởi tạo {path}: "
                                 f"{why_unreadable(error)}.") from None


@dataclass(frozen=True)
class SeedResult:
    province: str
    province_id: int
    units: int  # the province's own units (its direct subdivisions)


def load_seed(session: Session, path: Path, province_name: str | None = None, *,
              rename_province: bool = False) -> SeedResult:
    """Load `path` (after the seed it follows) inside the caller's transaction. The province
    already there keeps its name unless `rename_province` says that `province_name` renames it."""
    data = read_seed(path)
    if "follows" in data:
        load_seed(session, _beside(path, data["follows"]))
    book = UnitBook.load(session)
    spec = data["province"]
    existing = book.find(spec["code"])
    province = book.ensure(spec["code"], spec["name"], UnitLevel.PROVINCE, None,
                           seed_contacts(spec.get("contacts", [])), spec.get("valid_from"))
    if province_name and province_name != province.name:
        if existing is not None and not rename_province:
            raise InvalidInput(f"Tỉnh đã có tên '{province.name}'; muốn đổi thành "
                               f"'{province_name}' thì thêm --rename-province.")
        province.name, province.salutation = province_name, salutation_for(province_name)
    for unit in data.get("units", []):
        parent = book.get(unit.get("parent", spec["code"])) if unit.get("level") != "province" else None
        book.ensure(unit["code"], unit["name"], UnitLevel(unit.get("level", UnitLevel.DISTRICT)),
                    parent, seed_contacts(unit.get("contacts", [])), unit.get("valid_from"))
    book.flush()
    if "department" in data:
        _ensure_department(session, province.id, data["department"])
    for rename in data.get("renames", []):
        _rename(session, book, rename)
    plan = data.get("plan", path.stem)
    if "communes" in data:
        load_communes(book, _beside(path, data["communes"]["file"], ""), data["communes"], province,
                      plan)
    for link in data.get("successions", []):
        book.succeed(book.get(link["predecessor"]), book.get(link["successor"]), link["on"],
                     split=link.get("split", False), basis=link["basis"], plan=plan,
                     closes=not link.get("keeps", False))
    book.flush()
    _close_departments(session, book)
    return SeedResult(province.name, province.id, book.children_count(province.id))


def _beside(path: Path, name: str, suffix: str = ".toml") -> Path:
    """A file named in a seed: next to it, else among the built-in seeds. A name, not a path."""
    if not SEED_NAME.fullmatch(name):
        raise ConfigurationError(f"Bộ dữ liệu {path.name} nêu tệp '{name}': chỉ dùng tên tệp (chữ "
                                 "thường, số, dấu gạch ngang), không dùng đường dẫn.")
    for folder in (path.parent, SEEDS_DIR):
        candidate = folder / f"{name}{suffix}"
        if candidate.exists():
            return candidate
    raise ConfigurationError(f"Bộ dữ liệu {path.name} cần tệp '{name}{suffix}' nhưng không tìm thấy.")


def _ensure_department(session: Session, province_id: int, spec: dict[str, Any]) -> None:
    exists = session.scalar(select(Department.id).where(Department.province_id == province_id,
                                                        Department.name == spec["name"]))
    if exists is None:
        session.add(Department(province_id=province_id, name=spec["name"],
                               short_name=spec["short_name"], letterhead=spec["letterhead"],
                               signature=spec["signature"], valid_from=spec.get("valid_from"),
                               valid_until=spec.get("valid_until")))


def _rename(session: Session, book: UnitBook, spec: dict[str, Any]) -> None:
    unit = book.get(spec["unit"])
    on: date = spec["on"]
    if unit.name == spec["name"]:
        return  # already renamed (the seed is loaded again)
    session.add(UnitFormerName(unit_id=unit.id, name=unit.name, level=unit.level,
                               salutation=unit.salutation, used_until=on - timedelta(days=1),
                               basis=spec.get("basis")))
    unit.name, unit.salutation = spec["name"], salutation_for(spec["name"])


def _close_departments(session: Session, book: UnitBook) -> None:
    """A Department ends with its province (Bắc Giang's on 30/6/2025)."""
    for department in session.scalars(select(Department).where(Department.valid_until.is_(None))):
        province = book.by_id(department.province_id)
        if province is not None and province.valid_until is not None:
            department.valid_until = province.valid_until
