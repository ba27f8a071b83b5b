"""Producers' own accounts: the officer's invitation (and its e-mail), the producer setting its
password through the link, staff disabling an account, the accounts a dossier's page lists."""

from dataclasses import dataclass
from datetime import datetime, timedelta

# Re-exported: where the e-mail's link leads, so that the web serves the page there.
from notices.producer_invitation import SETUP_PATH as SETUP_PATH
from notices.producer_invitation import queue_invitation
from states.people import producer_accounts as accounts
from states.people.producer_accounts import ProducerAccount
from states.runtime import Runtime
from states.territory.lookups import find_user
from use_cases.queries import visible_dossier
from use_cases.transaction import in_transaction


@dataclass(frozen=True)
class InvitationSent:
    """What the officer is told: never the link itself, which only the producer receives."""

    login: str
    email: str
    producer: str
    dossier_id: int
    expires_at: datetime
    outbox_key: str


def invite_producer(rt: Runtime, actor: str, dossier_id: int, *, email: str | None,
                    site_url: str, valid_for: timedelta, now: datetime) -> InvitationSent:
    """The invitation and its e-mail in one transaction: no account without its letter."""
    with rt.transaction() as session:
        made = accounts.invite_producer(rt, session, actor, dossier_id, email=email,
                                        valid_for=valid_for, now=now)
        key = queue_invitation(rt, session, made, site_url)
        return InvitationSent(made.login, made.email, made.producer, made.dossier_id,
                              made.expires_at, key)


def invitation_login(rt: Runtime, token: str, now: datetime) -> str:
    """The login name a link sets the password of (InvalidInput when it cannot be used)."""
    with rt.transaction() as session:
        return accounts.open_invitation(session, token, now)[1].name


def accept_invitation(rt: Runtime, token: str, password: str, repeat: str, address: str,
                      now: datetime) -> str:
    with rt.transaction() as session:
        return accounts.accept_invitation(session, token, password, repeat, address, now)


def dossier_accounts(rt: Runtime, actor: str, dossier_id: int) -> list[ProducerAccount]:
    with rt.transaction() as session:
        dossier = visible_dossier(session, find_user(session, actor), dossier_id)
        return accounts.producer_accounts(session, dossier)


disable_producer_account = in_transaction(accounts.disable_producer_account)
