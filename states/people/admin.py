"""Setting the system up: schema, the province's units, users, contacts."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from states.contacts import is_placeholder, valid_email, valid_emails
from states.db.connection_problems import shown_url
from states.db.database import upgrade_schema
from states.db.models import User
from states.db.stored_text import length_of
from states.errors import InvalidInput
from states.people.account_changes import staff_role
from states.people.credentials import generate_password, hash_password
from states.people.placeholder_mail import readdress_waiting_mail
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_unit, find_user
from states.territory.seeding import load_seed, seed_path
from states.territory.units import UnitView, unit_view
from states.typed_text import name_key, typed_name
from states.vocabulary import Action, Role

ADMIN_USER = "admin"
# Bắc Ninh today, with Bắc Giang's 2022 units as its history (the seed follows that one).
DEFAULT_SEED = "bac-ninh-2025"


@dataclass(frozen=True)
class InitResult:
    province: str
    units: int
    database: str  # as it may be printed: no password
    # The first Department user's one-time password, printed once (None: it already had one).
    admin_password: str | None = None


def init(rt: Runtime, seed: str = DEFAULT_SEED, province: str | None = None, *,
         rename_province: bool = False) -> InitResult:
    """Create or upgrade the schema and load the province's units; safe to run again (an
    existing province is renamed only when `rename_province` says so)."""
    path = seed_path(seed)
    upgrade_schema(rt.db.engine)
    with rt.transaction() as session:
        loaded = load_seed(session, path, province, rename_province=rename_province)
        admin = session.scalar(select(User).where(User.name == ADMIN_USER))
        if admin is None:
            admin = User(name=ADMIN_USER, role=Role.DEPARTMENT, unit_id=loaded.province_id)
            session.add(admin)
        password = None
        if admin.password_hash is None:
            # No known default password: a one-time one, to be changed at first login.
            password = generate_password()
            admin.password_hash = hash_password(password)
            admin.must_change_password = True
    return InitResult(loaded.province, loaded.units, shown_url(rt.db.url), password)


@dataclass(frozen=True)
class UserView:
    id: int
    name: str
    role: Role
    unit: str | None
    email: str | None


def add_user(rt: Runtime, session: Session, actor: str, name: str, role: str, unit: str | None,
             email: str | None) -> UserView:
    parsed = staff_role(role)
    name = typed_name(name, "Tên người dùng", length_of(User.name))
    if parsed == Role.DISTRICT and unit is None:
        raise InvalidInput("Cán bộ cấp huyện / xã cần có đơn vị.", fields=("unit",))
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    taken = next((u for u in session.scalars(select(User.name)) if name_key(u) == name_key(name)),
                 None)
    if taken is not None:
        # "Admin" or an "admin" with a decomposed letter would pass for the existing one.
        raise InvalidInput(f"Người dùng '{taken}' đã tồn tại (chữ hoa / thường không phân biệt).")
    unit_row = find_unit(session, unit, rt.clock.today()) if unit else None
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
    row = find_unit(session, unit, rt.clock.today())
    placeholders = [a for a in row.contact_emails if is_placeholder(a)]
    row.contact_emails = addresses
    if placeholders:  # the seed's: mail queued for them goes to the real addresses
        readdress_waiting_mail(session, placeholders, addresses)
    return unit_view(session, row, rt.clock.today())
