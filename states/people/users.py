"""The people who use the system, as the administration page lists them."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from states.db.models import ApiToken, User
from states.permissions import role_label


@dataclass(frozen=True)
class UserRow:
    name: str
    full_name: str | None
    role: str
    role_label: str
    unit: str | None
    email: str | None
    active: bool
    has_password: bool
    must_change_password: bool
    tokens: int


def list_users(session: Session) -> list[UserRow]:
    tokens: dict[int, int] = {}
    for user_id in session.scalars(select(ApiToken.user_id).where(ApiToken.revoked_at.is_(None))):
        tokens[user_id] = tokens.get(user_id, 0) + 1
    users = session.scalars(select(User).options(joinedload(User.unit)).order_by(User.name))
    return [UserRow(u.name, u.full_name, u.role, role_label(u.role), u.unit.name if u.unit else None,
                    u.email, u.active, u.password_hash is not None, u.must_change_password,
                    tokens.get(u.id, 0)) for u in users]
