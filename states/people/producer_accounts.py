"""Producers' own accounts (issue 25): the unit's officer invites a producer from one of its
dossiers, the producer sets a password through a one-time link, and staff can disable the
account. The account is an ordinary user (role producer) tied to its producer: it logs in,
is locked out and audited like staff."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from states.contacts import valid_email
from states.db.models import Dossier, Producer, ProducerInvitation, User
from states.db.stored_text import length_of
from states.dossiers.corrections import Corrected, required_reason
from states.dossiers.sheet import load_dossier
from states.errors import InvalidInput, NotFound, RuleRefused
from states.people.credentials import (
    check_password_policy,
    hash_password,
    new_token,
    token_digest,
)
from states.people.identity import lock_account
from states.people.sessions import AuthEventKind, audit, end_sessions
from states.permissions import authorize, sees_unit
from states.runtime import Runtime
from states.territory.lookups import dossier_not_found, find_user
from states.vocabulary import Action, Role

# One sentence for every link that cannot be used, so that the answer does not tell a used
# link from an expired or unknown one.
INVITATION_REFUSED = ("Liên kết đặt mật khẩu này không còn dùng được (đã dùng, đã hết hạn hoặc "
                      "đã có lời mời mới hơn): hãy nhờ cán bộ OCOP gửi lại lời mời.")
# The commands' audit rows have no address (as for account changes made by a command).
NO_ADDRESS = "-"


@dataclass(frozen=True)
class Invitation:
    id: int
    login: str  # the producer's login name: its e-mail address
    email: str
    producer: str
    dossier_id: int
    unit_id: int
    expires_at: datetime
    token: str  # in clear only here, for the e-mail's link; the row keeps its SHA-256


def _address(producer: Producer, email: str | None) -> str:
    typed = (email or "").strip() or producer.email
    if not typed:
        raise InvalidInput(f"Chủ thể '{producer.name}' chưa có địa chỉ email: ghi địa chỉ để "
                           "gửi lời mời.", fields=("email",))
    address = valid_email(typed)
    limit = length_of(User.name) or len(address)
    if len(address) > limit:
        raise InvalidInput(f"Địa chỉ email dài quá {limit} ký tự để làm tên đăng nhập.")
    return address


def _account(session: Session, producer: Producer, unit_id: int, address: str) -> User:
    """The producer's account of that address, added the first time (no password yet)."""
    login = address.lower()
    user = session.scalar(select(User).where(func.lower(User.name) == login))
    if user is None:
        user = User(name=login, role=Role.PRODUCER, producer_id=producer.id, unit_id=unit_id,
                    email=address, full_name=producer.name, must_change_password=False)
        session.add(user)
        session.flush()
        return user
    if user.role != Role.PRODUCER or user.producer_id != producer.id:
        raise InvalidInput(f"Tên đăng nhập '{user.name}' đã là của một người dùng khác: "
                           "dùng một địa chỉ email khác.")
    if not user.active:
        raise RuleRefused(f"Tài khoản chủ thể '{user.name}' đã bị khoá: không gửi lời mời.")
    user.email, user.unit_id = address, unit_id  # the producer's unit today
    return user


def invite_producer(rt: Runtime, session: Session, actor: str, dossier_id: int, *,
                    email: str | None, valid_for: timedelta, now: datetime) -> Invitation:
    """Invite the producer of the dossier to its own account: the officer of the dossier's
    unit (commune; district before the 2025 reorganisation) or the Department. An earlier
    link not yet used stops working. `now` is the real time (links expire on the wall clock,
    as sessions do)."""
    me = find_user(session, actor)
    dossier = load_dossier(session, dossier_id)
    if not sees_unit(me, dossier.unit_id):
        raise dossier_not_found(dossier_id)
    authorize(me, Action.INVITE_PRODUCER, dossier.unit_id)
    producer = dossier.product.producer
    address = _address(producer, email)
    user = _account(session, producer, producer.unit_id, address)
    session.execute(update(ProducerInvitation).where(ProducerInvitation.user_id == user.id,
                                                     ProducerInvitation.used_at.is_(None))
                    .values(used_at=now))
    token = new_token()
    row = ProducerInvitation(user_id=user.id, token_hash=token_digest(token), invited_by=actor,
                             created_at=now, expires_at=now + valid_for)
    session.add(row)
    session.flush()
    audit(session, AuthEventKind.PRODUCER_INVITED, user.name, NO_ADDRESS, now, user.id,
          f"hồ sơ số {dossier_id}, mời bởi {actor}")
    return Invitation(row.id, user.name, address, producer.name, dossier.id, dossier.unit_id,
                      row.expires_at, token)


def open_invitation(session: Session, token: str, now: datetime) -> tuple[ProducerInvitation, User]:
    """The invitation a link carries, while it may still be used (else INVITATION_REFUSED)."""
    row = session.scalar(select(ProducerInvitation).where(
        ProducerInvitation.token_hash == token_digest(token.strip())))
    user = session.get(User, row.user_id) if row is not None else None
    if row is None or user is None or row.used_at is not None or now >= row.expires_at \
            or not user.active:
        raise InvalidInput(INVITATION_REFUSED)
    return row, user


def accept_invitation(session: Session, token: str, password: str, repeat: str, address: str,
                      now: datetime) -> str:
    """The producer sets its password through the link; the link is spent. Returns the login."""
    row, user = open_invitation(session, token, now)
    if password != repeat:
        raise InvalidInput("Hai lần nhập mật khẩu không giống nhau.")
    check_password_policy(password, user.name)
    # The conditional update is the lock: two tabs submitting the same link set one password.
    spent = session.execute(update(ProducerInvitation).where(
        ProducerInvitation.id == row.id, ProducerInvitation.used_at.is_(None))
        .values(used_at=now).execution_options(synchronize_session=False))
    if getattr(spent, "rowcount", 0) != 1:
        raise InvalidInput(INVITATION_REFUSED)
    user.password_hash = hash_password(password)
    user.must_change_password = False
    end_sessions(session, user.id)
    audit(session, AuthEventKind.INVITATION_ACCEPTED, user.name, address, now, user.id)
    return user.name


def disable_producer_account(rt: Runtime, session: Session, actor: str, name: str,
                             reason: str | None) -> Corrected:
    """Staff disable a producer's account: the officer of the producer's unit, or the
    Department; the reason is required, as for any account."""
    me = find_user(session, actor)
    try:
        user = find_user(session, name)
    except NotFound:
        user = None
    if user is None or user.role != Role.PRODUCER:
        raise NotFound(f"Không có tài khoản chủ thể '{name}'.")
    # The producer's unit, not the one the account was made in: a reorganisation moves the
    # producer (Lục Ngạn's to Xã Nam Dương), and the officer who answers for it moves with it.
    producer = session.get(Producer, user.producer_id) if user.producer_id else None
    authorize(me, Action.INVITE_PRODUCER, producer.unit_id if producer else user.unit_id)
    return lock_account(rt, session, actor, user, required_reason(reason))


@dataclass(frozen=True)
class ProducerAccount:
    name: str
    active: bool
    has_password: bool
    invited_until: datetime | None  # the newest unused link's expiry


def producer_accounts(session: Session, dossier: Dossier) -> list[ProducerAccount]:
    """The accounts of the dossier's producer, as its page lists them."""
    users = session.scalars(select(User).where(User.producer_id == dossier.product.producer_id)
                            .order_by(User.name))
    found = []
    for user in users:
        until = session.scalar(select(func.max(ProducerInvitation.expires_at)).where(
            ProducerInvitation.user_id == user.id, ProducerInvitation.used_at.is_(None)))
        found.append(ProducerAccount(user.name, user.active, user.password_hash is not None,
                                     until))
    return found
