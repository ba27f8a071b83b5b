"""Logging in and out of the web application: server-side sessions, the lockout, the audit."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from states.db.models import AuthEvent, User, WebSession
from states.errors import InvalidInput
from states.people.credentials import (
    check_password_policy,
    hash_password,
    new_token,
    token_digest,
    verify_password,
)


class AuthEventKind(StrEnum):
    """What the login audit records (codes for the audit table; no page shows them yet)."""

    LOGIN = "login"
    LOGOUT = "logout"
    FAILURE = "failure"
    THROTTLED = "throttled"
    LOCKED = "locked"
    PASSWORD_CHANGED = "password_changed"
    # Issue 12: the Department's changes to an account, with before, after and the reason.
    USER_DISABLED = "user_disabled"
    USER_CHANGED = "user_changed"
    # Issue 25: an officer invited a producer to its own account; the producer set its password.
    PRODUCER_INVITED = "producer_invited"
    INVITATION_ACCEPTED = "invitation_accepted"


IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
# After 5 failures within 15 minutes, a login name or an address is locked for what remains of
# those 15 minutes; before that, each failure doubles the wait before the next try (1, 2, 4, 8 s).
MAX_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
# A session's last-seen time is written at most once a minute, not on every request.
TOUCH_EVERY = timedelta(minutes=1)
WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."


@dataclass(frozen=True)
class SessionUser:
    """Who a request comes from, as the web layer needs it."""

    name: str
    full_name: str | None
    role: str
    unit_id: int | None
    must_change_password: bool
    csrf_token: str
    session_key: str


@dataclass(frozen=True)
class LoginOutcome:
    token: str | None
    message: str | None
    must_change_password: bool = False


def audit(session: Session, kind: AuthEventKind, username: str, address: str, now: datetime,
          user_id: int | None = None, detail: str | None = None) -> None:
    session.add(AuthEvent(at=now, kind=kind, username=username[:100], user_id=user_id,
                          address=address[:64], detail=detail))


def _failures_since(session: Session, column: InstrumentedAttribute[str], value: str,
                    since: datetime) -> tuple[int, datetime | None]:
    last_login = session.scalar(select(func.max(AuthEvent.at)).where(
        column == value, AuthEvent.kind == AuthEventKind.LOGIN))
    start = max(since, last_login) if last_login else since
    count, last = session.execute(select(func.count(), func.max(AuthEvent.at)).where(
        column == value, AuthEvent.kind == AuthEventKind.FAILURE, AuthEvent.at > start)).one()
    return int(count), last


def throttled(session: Session, username: str, address: str, now: datetime) -> str | None:
    """Why this attempt is refused before the password is even checked, or None."""
    since = now - FAILURE_WINDOW
    by_user = _failures_since(session, AuthEvent.username, username, since)
    by_address = _failures_since(session, AuthEvent.address, address, since)
    failures, last = max(by_user, by_address, key=lambda pair: pair[0])
    if failures >= MAX_FAILURES:
        return (f"Đã đăng nhập sai {MAX_FAILURES} lần: tài khoản hoặc máy này bị khoá tạm thời "
                f"{FAILURE_WINDOW.seconds // 60} phút.")
    if failures and last is not None:
        wait = timedelta(seconds=2 ** (failures - 1)) - (now - last)
        if wait > timedelta(0):
            return f"Hãy đợi {max(1, round(wait.total_seconds()))} giây rồi thử lại."
    return None


def login(session: Session, username: str, password: str, address: str,
          now: datetime) -> LoginOutcome:
    username = username.strip()
    refused = throttled(session, username, address, now)
    if refused is not None:
        locked = refused.startswith("Đã đăng nhập sai")
        audit(session, AuthEventKind.LOCKED if locked else AuthEventKind.THROTTLED, username,
              address, now)
        return LoginOutcome(None, refused)
    user = session.scalar(select(User).where(User.name == username))
    usable = user is not None and user.active
    if not verify_password(user.password_hash if user is not None and usable else None, password):
        audit(session, AuthEventKind.FAILURE, username, address, now,
              user.id if user is not None else None)
        return LoginOutcome(None, WRONG_LOGIN)
    assert user is not None
    token = new_token()
    session.add(WebSession(id=token_digest(token), user_id=user.id, csrf_token=new_token(),
                           created_at=now, last_seen_at=now, address=address[:64]))
    audit(session, AuthEventKind.LOGIN, username, address, now, user.id)
    return LoginOutcome(token, None, user.must_change_password)


def resolve(session: Session, token: str, now: datetime) -> SessionUser | None:
    """The user behind a session cookie, or None when it is unknown, idle or too old."""
    # The session and its user in one statement: every page asks this first.
    found = session.execute(select(WebSession, User).outerjoin(User, User.id == WebSession.user_id)
                            .where(WebSession.id == token_digest(token))).first()
    if found is None:
        return None
    row, user = found
    if (user is None or not user.active or now - row.last_seen_at > IDLE_TIMEOUT
            or now - row.created_at > ABSOLUTE_TIMEOUT):
        session.delete(row)
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        row.last_seen_at = now
    return SessionUser(user.name, user.full_name, user.role, user.unit_id,
                       user.must_change_password, row.csrf_token, row.id)


def logout(session: Session, token: str, address: str, now: datetime) -> None:
    row = session.get(WebSession, token_digest(token))
    if row is None:
        return
    user = session.get(User, row.user_id)
    session.delete(row)
    audit(session, AuthEventKind.LOGOUT, user.name if user else "?", address, now, row.user_id)


def end_sessions(session: Session, user_id: int, keep: str | None = None) -> None:
    query = delete(WebSession).where(WebSession.user_id == user_id)
    if keep is not None:
        query = query.where(WebSession.id != keep)
    session.execute(query)


def change_own_password(session: Session, who: SessionUser, old: str, new: str, repeat: str,
                        address: str, now: datetime) -> None:
    """The person changes their own password: the old one first; other sessions end."""
    user = session.scalar(select(User).where(User.name == who.name))
    if user is None or not verify_password(user.password_hash, old):
        raise InvalidInput("Mật khẩu hiện tại không đúng.")
    if new != repeat:
        raise InvalidInput("Hai lần nhập mật khẩu mới không giống nhau.")
    if new == old:
        raise InvalidInput("Mật khẩu mới phải khác mật khẩu hiện tại.")
    check_password_policy(new, user.name)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    end_sessions(session, user.id, keep=who.session_key)
    audit(session, AuthEventKind.PASSWORD_CHANGED, user.name, address, now, user.id)
