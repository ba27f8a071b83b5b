"""The Department manages people: passwords, disabling, roles and units, personal API tokens."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from states.contacts import valid_email
from states.db.ids import storable_id
from states.db.models import ApiToken, User
from states.dossiers.corrections import Corrected, required_reason
from states.errors import InvalidInput, NotFound, RuleRefused
from states.people.account_changes import record_account_change, role_and_unit
from states.people.credentials import (
    check_password_policy,
    generate_password,
    hash_password,
    new_token,
    token_digest,
)
from states.people.sessions import TOUCH_EVERY, AuthEventKind, end_sessions
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action, Correction


@dataclass(frozen=True)
class PasswordSet:
    user: str
    # Set when the system chose the password: shown once, never stored in clear.
    generated: str | None
    must_change: bool


def set_password(rt: Runtime, session: Session, actor: str, name: str, password: str | None,
                 must_change: bool | None = None) -> PasswordSet:
    """Give `name` a password (a generated one-time password when None) and end their sessions."""
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    user = find_user(session, name)
    generated = generate_password() if password is None else None
    chosen = password if password is not None else generated
    assert chosen is not None
    check_password_policy(chosen, user.name)
    user.password_hash = hash_password(chosen)
    # A password someone else knows must be changed at first login.
    user.must_change_password = generated is not None if must_change is None else must_change
    end_sessions(session, user.id)
    return PasswordSet(user.name, generated, user.must_change_password)


def disable_user(rt: Runtime, session: Session, actor: str, name: str,
                 reason: str | None = None) -> Corrected:
    """A disabled user keeps their history but can no longer log in, act, or use a token; the
    reason is required (the audit keeps it), on the command line as on the web page."""
    why = required_reason(reason)
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    if name == actor:
        raise InvalidInput("Không thể tự khoá tài khoản của chính mình.")
    return lock_account(rt, session, actor, find_user(session, name), why)


def lock_account(rt: Runtime, session: Session, actor: str, user: User, why: str) -> Corrected:
    """Disable `user` (whoever was allowed to): audited, sessions ended, tokens revoked."""
    if not user.active:
        raise RuleRefused(f"Người dùng '{user.name}' đã bị khoá từ trước.")
    user.active = False
    done = Corrected(Correction.USER, user.name, {"active": True}, {"active": False}, why)
    record_account_change(session, AuthEventKind.USER_DISABLED, user, actor, rt.clock.now(), done)
    end_sessions(session, user.id)
    session.execute(update(ApiToken).where(ApiToken.user_id == user.id,
                                           ApiToken.revoked_at.is_(None))
                    .values(revoked_at=rt.clock.now()))
    return done


def update_user(rt: Runtime, session: Session, actor: str, name: str, *, role: str,
                unit: str | None, full_name: str | None, email: str | None,
                reason: str | None = None) -> None:
    authorize(find_user(session, actor), Action.MANAGE_USERS)
    user = find_user(session, name)
    parsed, unit_row = role_and_unit(rt, session, actor, user, role, unit)
    record = {"role": user.role, "unit": user.unit.name if user.unit else None,
              "full_name": user.full_name, "email": user.email}
    user.role = parsed
    user.unit_id = unit_row.id if unit_row else None
    user.full_name = (full_name or "").strip() or None
    user.email = valid_email(email) if email else None
    end_sessions(session, user.id)
    now = {"role": user.role, "unit": unit_row.name if unit_row else None,
           "full_name": user.full_name, "email": user.email}
    changed = [key for key in record if record[key] != now[key]]
    if changed:  # the audit keeps who, what, before, after and why
        record_account_change(session, AuthEventKind.USER_CHANGED, user, actor, rt.clock.now(),
                              Corrected(Correction.USER, user.name,
                                        {k: record[k] for k in changed},
                                        {k: now[k] for k in changed}, required_reason(reason)))


@dataclass(frozen=True)
class TokenCreated:
    id: int
    user: str
    name: str
    token: str  # shown once


def create_token(rt: Runtime, session: Session, actor: str, user_name: str,
                 name: str | None = None) -> TokenCreated:
    if user_name != actor:
        authorize(find_user(session, actor), Action.MANAGE_USERS)
    user = find_user(session, user_name)
    if not user.active:
        raise InvalidInput(f"Người dùng '{user_name}' đã bị khoá.")
    token = new_token()
    row = ApiToken(user_id=user.id, name=(name or "api").strip()[:100] or "api",
                   token_hash=token_digest(token), created_at=rt.clock.now())
    session.add(row)
    session.flush()
    return TokenCreated(row.id, user.name, row.name, token)


def revoke_token(rt: Runtime, session: Session, actor: str, token_id: int) -> None:
    row = session.get(ApiToken, token_id) if storable_id(token_id) else None
    if row is None:
        raise NotFound(f"Không có mã truy cập số {token_id}.")
    me = find_user(session, actor)
    if row.user_id != me.id:
        authorize(me, Action.MANAGE_USERS)
    row.revoked_at = row.revoked_at or rt.clock.now()


def user_for_token(session: Session, token: str, now: datetime) -> User:
    """The active user a bearer token belongs to; PermissionDenied-free: NotFound means 401."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == token_digest(token),
                                                ApiToken.revoked_at.is_(None)))
    user = session.get(User, row.user_id) if row is not None else None
    if row is None or user is None or not user.active:
        raise NotFound("Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        row.last_used_at = now
    return user


