"""The Department's outbox: look at it, send what is due, put failed mail back in the queue."""

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from notifiers.dispatcher import DispatchReport
from notifiers.outbox import OutboxRow, list_messages, retry
from notifiers.sending import dispatch
from notifiers.settings import NotifierSettings
from states.db.models import OutboxMessage
from states.errors import OcopError
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
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.OUTBOX)
    return deliver_due(rt, mail, limit, sendgrid_key)


def retry_message(rt: Runtime, actor: str, message_id: int) -> None:
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.OUTBOX)
        retry(session, message_id, rt.clock.now())


# The outbox page: the Department's.
messages_for = allowed_to(Action.OUTBOX, list_messages)


def outbox_mark(rt: Runtime) -> int | None:
    """The newest message's id before a command runs (None: no schema yet, before `ocop init`),
    so that the command can say afterwards how many letters it queued."""
    try:
        with rt.transaction() as session:
            return session.scalar(select(func.max(OutboxMessage.id))) or 0
    except (SQLAlchemyError, OcopError):
        return None


def queued_since(rt: Runtime, mark: int) -> int:
    """Letters queued after `mark` and still waiting (a flow run sends its own at once)."""
    with rt.transaction() as session:
        return session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.id > mark, OutboxMessage.status == OutboxStatus.PENDING)) or 0
