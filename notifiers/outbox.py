"""The outbox table's API: writing in the caller's transaction once per dedupe key, reading
back, and putting a failed message back in the queue."""

import base64
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from notifiers.message import Attachment, OutgoingMessage
from states.clock import Clock
from states.db.ids import storable_id
from states.db.inserts import insert_unless_taken
from states.db.models import OutboxMessage
from states.errors import InvalidInput, NotFound
from states.vocabulary import OutboxStatus, label

# Leases, back-off and retry times run on this clock, never on the business date: a replay
# (`--today 2030-…`) must not park a lease until 2030 nor hold back mail it queued.
WALL_CLOCK = Clock()


def enqueue(session: Session, message: OutgoingMessage, kind: str, now: datetime) -> bool:
    """Add `message` unless its key was already queued. Returns whether a row was added.
    `now` is the business time of the decision; the message is due at once in real time."""
    if not message.recipients:
        return False
    values: dict[str, Any] = {
        "dedupe_key": message.key, "kind": kind, "recipients": list(message.recipients),
        "subject": message.subject, "html_body": message.html, "text_body": message.text,
        "attachments": [{"filename": a.filename, "content_type": a.content_type,
                         "content_b64": base64.b64encode(a.content).decode("ascii")}
                        for a in message.attachments],
        "status": OutboxStatus.PENDING, "attempts": 0, "next_attempt_at": WALL_CLOCK.now(),
        "created_at": now,
    }
    return insert_unless_taken(session, OutboxMessage, values, ("dedupe_key",))


def as_message(row: Any) -> OutgoingMessage:
    """An outbox row (ORM object or plain row) as the message the transports send."""
    return OutgoingMessage(
        key=row.dedupe_key, recipients=tuple(row.recipients), subject=row.subject,
        html=row.html_body, text=row.text_body, categories=("ocop", row.kind),
        attachments=tuple(Attachment(a["filename"], a["content_type"],
                                     base64.b64decode(a["content_b64"])) for a in row.attachments))


@dataclass(frozen=True)
class OutboxRow:
    id: int
    key: str
    kind: str
    status: OutboxStatus
    recipients: list[str]
    subject: str
    attempts: int
    next_attempt_at: datetime  # when a pending message is tried next (real time)
    last_attempt_at: datetime | None
    last_error: str | None
    sent_at: datetime | None
    provider_message_id: str | None


# The most messages one listing shows or one `outbox send --limit` sends.
MAX_LIMIT = 10_000


def checked_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"Số thư tối đa phải từ 1 đến {MAX_LIMIT}, không phải {limit}.")
    return limit


def list_messages(session: Session, status: OutboxStatus | None, limit: int = 200) -> list[OutboxRow]:
    checked_limit(limit)
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    return [_row(m) for m in session.scalars(query)]


def retry(session: Session, message_id: int) -> None:
    """Put a failed message back in the queue by hand (after fixing what made it fail)."""
    row = session.get(OutboxMessage, message_id) if storable_id(message_id) else None
    if row is None:
        raise NotFound(f"Không có thư số {message_id} trong hộp thư đi.")
    if row.status != OutboxStatus.FAILED:
        raise InvalidInput(f"Thư số {message_id} đang ở trạng thái "
                           f"'{label(OutboxStatus(row.status))}', chỉ gửi lại được thư thất bại.")
    _requeue(session, OutboxMessage.id == message_id)


def retry_all_failed(session: Session, since: datetime | None = None) -> int:
    """Put every failed message back in the queue (those whose last attempt was at or after
    `since`, when given): after an outage, one command instead of one per message."""
    condition = OutboxMessage.status == OutboxStatus.FAILED
    if since is not None:
        condition &= func.coalesce(OutboxMessage.last_attempt_at, OutboxMessage.created_at) >= since
    return _requeue(session, condition)


def _requeue(session: Session, condition: ColumnElement[bool]) -> int:
    # A fresh retry window: the first attempt of the new round starts it again.
    result = session.execute(
        update(OutboxMessage).where(condition, OutboxMessage.status == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, attempts=0, next_attempt_at=WALL_CLOCK.now(),
                first_attempt_at=None, last_error=None, lease_until=None, claimed_by=None)
        .execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]


def _row(m: OutboxMessage) -> OutboxRow:
    return OutboxRow(m.id, m.dedupe_key, m.kind, OutboxStatus(m.status), list(m.recipients),
                     m.subject, m.attempts, m.next_attempt_at, m.last_attempt_at, m.last_error,
                     m.sent_at,
                     m.provider_message_id)


def messages_mentioning(session: Session, dossier_id: int, keys: list[str],
                        limit: int = 30) -> list[OutboxRow]:
    """Messages whose text names the dossier ("#42" in every letter that lists it), or whose
    key is one of `keys` (its certificate's expiry notice), newest first."""
    mention = re.compile(rf"#{dossier_id}(?!\d)")
    query = (select(OutboxMessage)
             .where(OutboxMessage.text_body.contains(f"#{dossier_id}", autoescape=True)
                    | OutboxMessage.dedupe_key.in_(keys))
             .order_by(OutboxMessage.id.desc()))
    rows = [m for m in session.scalars(query) if m.dedupe_key in keys or mention.search(m.text_body)]
    return [_row(m) for m in rows[:limit]]
