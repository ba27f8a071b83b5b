"""Setting the system up: schema, the province's units, users, contacts."""

import tomllib
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.contacts import valid_email, valid_emails
from states.database import upgrade_schema
from states.errors import InvalidInput
from states.models import AdministrativeUnit, User
from states.permissions import ROLES, authorize
from states.runtime import Runtime, find_user
from states.units import find_unit

SEEDS_DIR = Path(__file__).parent / "seeds"
ADMIN_USER = "admin"


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS_DIR.glob("*.toml"))


def init(rt: Runtime, seed: str = "bac-giang-2022", province: str | None = None) -> dict[str, Any]:
    """Create or upgrade the schema and load the province's units; safe to run again."""
    seed_path = SEEDS_DIR / f"{seed}.toml"
    if not seed_path.exists():
        raise InvalidInput(f"Không có bộ dữ liệu khởi tạo '{seed}'. Hiện có: {', '.join(seed_names())}.")
    data = tomllib.loads(seed_path.read_text(encoding="utf-8"))
    upgrade_schema(rt.db.engine)
    with rt.transaction() as session:
        spec = data["province"]
        name = province or spec["name"]
        top = _upsert_unit(session, spec["code"], name, "province", None, spec["contacts"])
        for unit in data["units"]:
            _upsert_unit(session, unit["code"], unit["name"], "district", top.id, unit["contacts"])
        if session.scalar(select(User).where(User.name == ADMIN_USER)) is None:
            session.add(User(name=ADMIN_USER, role="department", unit_id=top.id))
        unit_count = len(data["units"])
    return {"province": name, "units": unit_count, "database": rt.db.url}


def _upsert_unit(session: Session, code: str, name: str, level: str, parent_id: int | None,
                 contacts: list[str]) -> AdministrativeUnit:
    unit = session.scalar(select(AdministrativeUnit).where(AdministrativeUnit.code == code))
    if unit is None:
        unit = AdministrativeUnit(code=code, name=name, level=level, parent_id=parent_id,
                                  contact_emails=valid_emails(contacts))
        session.add(unit)
        session.flush()
    else:
        unit.name = name
    return unit


def list_units(rt: Runtime) -> list[dict[str, Any]]:
    with rt.transaction() as session:
        units = session.scalars(select(AdministrativeUnit).order_by(AdministrativeUnit.id))
        return [
            {"code": u.code, "name": u.name, "level": u.level, "contacts": list(u.contact_emails)}
            for u in units
        ]


def add_user(rt: Runtime, actor: str, name: str, role: str, unit: str | None,
             email: str | None) -> dict[str, Any]:
    if role not in ROLES:
        raise InvalidInput(f"Vai trò '{role}' không hợp lệ. Chọn một trong: {', '.join(ROLES)}.")
    if not name.strip():
        raise InvalidInput("Tên người dùng không được để trống.")
    if role == "district" and unit is None:
        raise InvalidInput("Cán bộ cấp huyện cần có đơn vị: thêm --unit.")
    with rt.transaction() as session:
        authorize(find_user(session, actor), "manage_users")
        if session.scalar(select(User).where(User.name == name)) is not None:
            raise InvalidInput(f"Người dùng '{name}' đã tồn tại.")
        unit_row = find_unit(session, unit) if unit else None
        user = User(name=name, role=role, unit_id=unit_row.id if unit_row else None,
                    email=valid_email(email) if email else None)
        session.add(user)
        session.flush()
        return {"id": user.id, "name": name, "role": role,
                "unit": unit_row.name if unit_row else None, "email": user.email}


def set_contacts(rt: Runtime, actor: str, unit: str, emails: list[str]) -> dict[str, Any]:
    if not emails:
        raise InvalidInput("Cần ít nhất một địa chỉ email.")
    addresses = valid_emails(emails)
    with rt.transaction() as session:
        authorize(find_user(session, actor), "manage_users")
        row = find_unit(session, unit)
        row.contact_emails = addresses
        return {"code": row.code, "name": row.name, "contacts": addresses}

