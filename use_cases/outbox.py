"""The Department's outbox: look at it, send what is due, put failed mail back in the queue."""

from notifiers.dispatcher import DispatchReport
from notifiers.outbox import OutboxRow, checked_limit, list_messages, retry
from notifiers.sending import dispatch
from notifiers.settings import NotifierSettings
from states.rules.permissions import authorize
from states.runtime import Runtime
from states.views.lookups import find_user
from states.vocabulary import Action, OutboxStatus
from use_cases.transaction import allowed_to


def messages(rt: Runtime, status: OutboxStatus | None, limit: int = 200) -> list[OutboxRow]:
    with rt.transaction() as session:
        return list_messages(session, status, limit)


def deliver_due(rt: Runtime, mail: NotifierSettings, limit: int | None = None,
                sendgrid_key: str | None = None) -> DispatchReport:
    """What the schedule does every few minutes."""
    return dispatch(rt.db, rt.clock, mail, limit, sendgrid_key)


def send(rt: Runtime, actor: str, mail: NotifierSettings, limit: int | None = None,
         sendgrid_key: str | None = None) -> DispatchReport:
    """The same, by hand: the Department's."""
    if limit is not None:
        checked_limit(limit)
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.OUTBOX)
    return deliver_due(rt, mail, limit, sendgrid_key)


def retry_message(rt: Runtime, actor: str, message_id: int) -> None:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.OUTBOX)
        retry(session, message_id, rt.clock.now())


# The outbox page: the Department's.
messages_for = allowed_to(Action.OUTBOX, list_messages)
