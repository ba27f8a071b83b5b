"""Sends what the outbox holds, exactly once per row, across crashes and parallel dispatchers.

Claiming is one conditional UPDATE (with FOR UPDATE SKIP LOCKED on PostgreSQL) that puts a
lease on a batch. A dispatcher that dies leaves rows whose lease expires; another picks them
up. Results are written back only by the dispatcher that holds the claim.
"""

import os
import random
import socket
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import cast

from sqlalchemy import Table, and_, bindparam, or_, select, update

from notifiers.message import (
    OutgoingMessage,
    PermanentDeliveryError,
    TransientDeliveryError,
    Transport,
)
from notifiers.outbox import as_message
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.db.database import Database
from states.db.models import OutboxMessage
from states.vocabulary import OutboxStatus

FLUSH_EVERY = 200
FLUSH_SECONDS = 2.0


@dataclass
class DispatchReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "DispatchReport") -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.errors.extend(other.errors)


def new_dispatcher_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def backoff_seconds(attempt: int, settings: NotifierSettings, rng: random.Random) -> float:
    """Full jitter: a random wait up to base·2^(attempt-1), capped."""
    ceiling = min(settings.backoff_max_seconds, settings.backoff_base_seconds * 2 ** (attempt - 1))
    return rng.uniform(ceiling / 2, ceiling)


class Dispatcher:
    def __init__(self, db: Database, transport: Transport, settings: NotifierSettings,
                 clock: Clock, dispatcher_id: str | None = None,
                 rng: random.Random | None = None) -> None:
        self.db = db
        self.transport = transport
        self.settings = settings
        self.clock = clock
        self.id = dispatcher_id or new_dispatcher_id()
        self.rng = rng or random.Random()

    def claim(self, limit: int) -> list[int]:
        now = self.clock.now()
        claimable = (
            select(OutboxMessage.id)
            .where(or_(
                and_(OutboxMessage.status == OutboxStatus.PENDING,
                     OutboxMessage.next_attempt_at <= now),
                and_(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.lease_until < now)))
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        with self.db.transaction() as session:
            claimed = session.scalars(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(claimable.scalar_subquery()))
                .values(status=OutboxStatus.SENDING, claimed_by=self.id,
                        lease_until=now + timedelta(seconds=self.settings.lease_seconds),
                        attempts=OutboxMessage.attempts + 1)
                .returning(OutboxMessage.id)
                .execution_options(synchronize_session=False)).all()
        return sorted(claimed)

    def send_claimed(self, ids: list[int]) -> DispatchReport:
        report = DispatchReport(claimed=len(ids))
        table = cast(Table, OutboxMessage.__table__)
        with self.db.transaction() as session:
            # Plain rows, not ORM objects: loading is a third of a batch's database time.
            rows = session.connection().execute(select(table).where(
                table.c.id.in_(ids), table.c.claimed_by == self.id,
                table.c.status == OutboxStatus.SENDING).order_by(table.c.id)).all()
            claimed = [(row.id, as_message(row), row.attempts) for row in rows]
        outcomes: list[tuple[int, dict[str, object]]] = []
        last_flush = time.monotonic()
        for message_id, message, attempts in claimed:
            values = self._deliver(message, attempts)
            outcomes.append((message_id, values))
            if values["status"] == OutboxStatus.SENT:
                report.sent += 1
            elif values["status"] == OutboxStatus.PENDING:
                report.retrying += 1
            else:
                report.failed += 1
                report.errors.append(f"{message.key}: {values['last_error']}")
            # Results are written in small groups: one transaction per message would cap the
            # rate at a few hundred per second, while a dispatcher dying before a flush only
            # means these few rows are sent again after their lease expires.
            if len(outcomes) >= FLUSH_EVERY or time.monotonic() - last_flush > FLUSH_SECONDS:
                self._finish(outcomes)
                outcomes, last_flush = [], time.monotonic()
        self._finish(outcomes)
        return report

    def _deliver(self, message: OutgoingMessage, attempts: int) -> dict[str, object]:
        try:
            delivery = self.transport.send(message)
        except PermanentDeliveryError as error:
            return {"status": OutboxStatus.FAILED, "last_error": error.reason}
        except TransientDeliveryError as error:
            if attempts >= self.settings.max_attempts:
                return {"status": OutboxStatus.FAILED,
                        "last_error": f"hết {attempts} lần thử: {error.reason}"}
            wait = error.retry_after_seconds
            if wait is None:
                wait = backoff_seconds(attempts, self.settings, self.rng)
            return {"status": OutboxStatus.PENDING, "last_error": error.reason,
                    "next_attempt_at": self.clock.now() + timedelta(seconds=wait)}
        return {"status": OutboxStatus.SENT, "provider_message_id": delivery.provider_message_id,
                "sent_at": self.clock.now(), "last_error": None}

    def _finish(self, outcomes: list[tuple[int, dict[str, object]]]) -> None:
        """Write results, only for rows this dispatcher still holds: one executemany per kind
        of outcome, so a batch costs a handful of round trips and one commit."""
        by_kind: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for message_id, values in outcomes:
            by_kind.setdefault(tuple(sorted(values)), []).append({"message_id": message_id,
                                                                   **values})
        if not by_kind:
            return
        table = cast(Table, OutboxMessage.__table__)
        with self.db.transaction() as session:
            for columns, rows in by_kind.items():
                session.connection().execute(
                    update(table)
                    .where(table.c.id == bindparam("message_id"),
                           table.c.claimed_by == self.id, table.c.status == OutboxStatus.SENDING)
                    .values(lease_until=None, **{c: bindparam(c) for c in columns}),
                    rows)

    def run(self, limit: int | None = None, batch_size: int = 200) -> DispatchReport:
        """Send until nothing is due (or `limit` messages were claimed)."""
        report = DispatchReport()
        while limit is None or report.claimed < limit:
            size = batch_size if limit is None else min(batch_size, limit - report.claimed)
            ids = self.claim(size)
            if not ids:
                break
            report.add(self.send_claimed(ids))
        return report

