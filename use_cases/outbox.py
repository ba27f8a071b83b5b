"""The Department's outbox: look at it, send what is due, put failed mail back in the queue."""

from datetime import date, timedelta

from notices.queueing import QUEUED_MAIL
from notifiers.dispatcher import DispatchReport
from notifiers.outbox import checked_limit, list_messages, retry, retry_all_failed
from notifiers.sending import dispatch
from notifiers.settings import NotifierSettings
from states.clock import end_of_local_day
from states.errors import ConfigurationError
from states.people.placeholder_mail import placeholder_recipients
from states.permissions import authorize
from states.runtime import Runtime
from states.territory.lookups import find_user
from states.vocabulary import Action
from use_cases.transaction import allowed_to


def deliver_due(rt: Runtime, mail: NotifierSettings, limit: int | None = None,
                sendgrid_key: str | None = None) -> DispatchReport:
    """What the schedule does every few minutes."""
    if mail.notifier != "file":
        refuse_placeholders(rt)
    return dispatch(rt.db, mail, limit, sendgrid_key)


def refuse_placeholders(rt: Runtime) -> None:
    """A real transport sends nothing while mail waits for a seed's placeholder address: those
    letters are meant for a unit whose real address nobody has set yet."""
    with rt.transaction() as session:
        found = placeholder_recipients(session)
    if found:
        shown = ", ".join(sorted(found)[:3]) + (" …" if len(found) > 3 else "")
        raise ConfigurationError(
            f"Không gửi thư nào: {sum(found.values())} thư đang chờ gửi tới địa chỉ giữ chỗ của "
            f"dữ liệu ban đầu ({shown}); hãy đặt địa chỉ thật bằng 'ocop unit set-contacts ĐƠN_VỊ "
            "EMAIL…' (thư đang chờ sẽ chuyển sang địa chỉ mới) rồi gửi lại.")


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
        retry(session, message_id)


def retry_failed(rt: Runtime, actor: str, since: date | None = None) -> int:
    """Every failed message back in the queue, or those that failed on or after `since`."""
    with rt.transaction() as session:
        authorize(find_user(session, actor), Action.OUTBOX)
        return retry_all_failed(session, end_of_local_day(since - timedelta(days=1)) if since else None)


# The outbox page: the Department's.
messages_for = allowed_to(Action.OUTBOX, list_messages)



def queued_mail(rt: Runtime) -> int:
    """How many letters the transactions committed so far through `rt` queued."""
    return rt.db.committed[QUEUED_MAIL]
