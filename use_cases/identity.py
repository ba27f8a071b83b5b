"""Logging in and out, passwords, the Department's management of people, API tokens."""

from dataclasses import dataclass
from datetime import datetime

from states.db.models import User
from states.people import identity, sessions
from states.people.admin import UserView, add_user
from states.people.sessions import LoginOutcome, SessionUser
from states.people.users import list_users
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action
from use_cases.transaction import allowed_to, in_transaction


def login(rt: Runtime, username: str, password: str, address: str, now: datetime) -> LoginOutcome:
    """Commits either way: a failure's audit row (and so the lockout) must stay."""
    with rt.transaction() as session:
        return sessions.login(session, username, password, address, now)


def resolve_session(rt: Runtime, token: str, now: datetime) -> SessionUser | None:
    with rt.transaction() as session:
        return sessions.resolve(session, token, now)


def logout(rt: Runtime, token: str, address: str, now: datetime) -> None:
    with rt.transaction() as session:
        sessions.logout(session, token, address, now)


def change_password(rt: Runtime, who: SessionUser, old: str, new: str, repeat: str, address: str,
                    now: datetime) -> None:
    with rt.transaction() as session:
        sessions.change_own_password(session, who, old, new, repeat, address, now)


@dataclass(frozen=True)
class UserAdded:
    user: UserView
    password: identity.PasswordSet


def add_user_with_password(rt: Runtime, actor: str, name: str, role: str, unit: str | None,
                           email: str | None, password: str | None,
                           full_name: str | None = None) -> UserAdded:
    """A new user with the password given (from a file) or a generated one-time password."""
    with rt.transaction() as session:
        view = add_user(rt, session, actor, name, role, unit, email)
        if full_name and full_name.strip():
            find_user(session, name).full_name = full_name.strip()
        return UserAdded(view, identity.set_password(rt, session, actor, name, password))


def api_user(rt: Runtime, token: str, now: datetime) -> User:
    """The user of a bearer token (NotFound when unknown or revoked: the API answers 401)."""
    with rt.transaction() as session:
        user = identity.user_for_token(session, token, now)
        session.expunge(user)
        return user


users = allowed_to(Action.MANAGE_USERS, list_users)
set_password = in_transaction(identity.set_password)
disable_user = in_transaction(identity.disable_user)
update_user = in_transaction(identity.update_user)
create_token = in_transaction(identity.create_token)
revoke_token = in_transaction(identity.revoke_token)
