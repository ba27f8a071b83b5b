"""Setting the system up: schema, the province's units, users, contacts."""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.db.database import upgrade_schema
from states.db.models import AdministrativeUnit, User
from states.errors import InvalidInput
from states.rules.contacts import valid_email, valid_emails
from states.rules.credentials import generate_password, hash_password
from states.rules.permissions import authorize
from states.runtime import Runtime
from states.views.lookups import find_unit, find_user
from states.views.units import UnitView
from states.vocabulary import Action, Role, UnitLevel, parse_code

SEEDS_DIR = Path(__file__).parent.parent / "db" / "seeds"
ADMIN_USER = "admin"
DEFAULT_SEED = "bac-giang-2022"


def seed_names() -> list[str]:
    return sorted(p.stem for p in SEEDS_DIR.glob("*.toml"))


@dataclass(frozen=True)
class InitResult:
    province: str
    units: int
    database: str
    # The first Department user's one-time password, printed once (None: it already had one).
    admin_password: str | None = None


def init(rt: Runtime, seed: str = DEFAULT_SEED, province: str | None = None) -> InitResult:
    """Create or upgrade the schema and load the province's units; safe to run again."""
    seed_path = SEEDS_DIR / f"{seed}.toml"
    if not seed_path.exists():
        raise InvalidInput(f"Không có bộ dữ liệu khởi tạo '{seed}'. Hiện có: {', '.join(seed_names())}.")
    data = tomllib.loads(seed_path.read_text(encoding="utf-8"))
    upgrade_schema(rt.db.engine)
    with rt.transaction() as session:
        spec = data["province"]
        name = province or spec["name"]
        top = _upsert_unit(session, spec["code"], name, UnitLevel.PROVINCE, None, spec["contacts"])
        for unit in data["units"]:
            _upsert_unit(session, unit["code"], unit["name"], UnitLevel.DISTRICT, top.id,
                         unit["contacts"])
        admin = session.scalar(select(User).where(User.name == ADMIN_USER))
        if admin is None:
            admin = User(name=ADMIN_USER, role=Role.DEPARTMENT, unit_id=top.id)
            session.add(admin)
        password = None
        if admin.password_hash is None:
            # No known default password: a one-time one, to be changed at first login.
            password = generate_password()
            admin.password_hash = hash_password(password)
            admin.must_change_password = True
    return InitResult(name, len(data["units"]), rt.db.url, password)


def _upsert_unit(session: Session, code: str, name: str, level: UnitLevel, parent_id: int | None,
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


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    role: Role
    unit: str | None
    email: str | None


def add_user(rt: Runtime, session: Session, actor: str, name: str, role: str, unit: str | None,
             email: str | None) -> UserView:
    parsed = parse_code(Role, role, "Vai trò")
    if not name.strip():
        raise InvalidInput("Tên người dùng không được để trống.")
    if parsed == Role.DISTRICT and unit is None:
        raise InvalidInput("Cán bộ cấp huyện cần có đơn vị: thêm --unit.")
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    if session.scalar(select(User).where(User.name == name)) is not None:
        raise InvalidInput(f"Người dùng '{name}' đã tồn tại.")
    unit_row = find_unit(session, unit) if unit else None
    user = User(name=name, role=parsed, unit_id=unit_row.id if unit_row else None,
                email=valid_email(email) if email else None)
    session.add(user)
    session.flush()
    return UserView(user.id, name, parsed, unit_row.name if unit_row else None, user.email)


def set_contacts(rt: Runtime, session: Session, actor: str, unit: str,
                 emails: list[str]) -> UnitView:
    if not emails:
        raise InvalidInput("Cần ít nhất một địa chỉ email.")
    addresses = valid_emails(emails)
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    row = find_unit(session, unit)
    row.contact_emails = addresses
    return UnitView(row.code, row.name, UnitLevel(row.level), addresses)
