"""Sends what the outbox holds, exactly once per row, across crashes and parallel dispatchers.

Claiming is one conditional UPDATE (with FOR UPDATE SKIP LOCKED on PostgreSQL) that puts a
lease on a batch. A dispatcher that dies leaves rows whose lease expires; another picks them
up. Results are written back only by the dispatcher that holds the claim.
"""

import os
import random
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select, update

from notifiers.message import (
    OutgoingMessage,
    PermanentDeliveryError,
    TransientDeliveryError,
    Transport,
)
from notifiers.outbox import as_message
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.database import Database
from states.models import OutboxMessage


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
                and_(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now),
                and_(OutboxMessage.status == "sending", OutboxMessage.lease_until < now)))
            .order_by(OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        with self.db.transaction() as session:
            claimed = session.scalars(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(claimable.scalar_subquery()))
                .values(status="sending", claimed_by=self.id,
                        lease_until=now + timedelta(seconds=self.settings.lease_seconds),
                        attempts=OutboxMessage.attempts + 1)
                .returning(OutboxMessage.id)
                .execution_options(synchronize_session=False)).all()
        return sorted(claimed)

    def send_claimed(self, ids: list[int]) -> DispatchReport:
        report = DispatchReport(claimed=len(ids))
        for message_id in ids:
            with self.db.transaction() as session:
                row = session.get(OutboxMessage, message_id)
                if row is None or row.claimed_by != self.id or row.status != "sending":
                    continue
                message = as_message(row)
                attempts = row.attempts
            outcome = self._deliver(message_id, message, attempts)
            if outcome == "sent":
                report.sent += 1
            elif outcome == "retrying":
                report.retrying += 1
            else:
                report.failed += 1
                report.errors.append(f"{message.key}: {outcome}")
        return report

    def _deliver(self, message_id: int, message: OutgoingMessage, attempts: int) -> str:
        try:
            delivery = self.transport.send(message)
        except PermanentDeliveryError as error:
            self._finish(message_id, status="failed", last_error=error.reason)
            return error.reason
        except TransientDeliveryError as error:
            if attempts >= self.settings.max_attempts:
                reason = f"hết {attempts} lần thử: {error.reason}"
                self._finish(message_id, status="failed", last_error=reason)
                return reason
            wait = error.retry_after_seconds
            if wait is None:
                wait = backoff_seconds(attempts, self.settings, self.rng)
            self._finish(message_id, status="pending", last_error=error.reason,
                         next_attempt_at=self.clock.now() + timedelta(seconds=wait))
            return "retrying"
        self._finish(message_id, status="sent", provider_message_id=delivery.provider_message_id,
                     sent_at=self.clock.now(), last_error=None)
        return "sent"

    def _finish(self, message_id: int, **values: object) -> None:
        with self.db.transaction() as session:
            session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.claimed_by == self.id,
                       OutboxMessage.status == "sending")
                .values(lease_until=None, **values)
                .execution_options(synchronize_session=False))

    def run(self, limit: int | None = None, batch_size: int = 100) -> DispatchReport:
        """Send until nothing is due (or `limit` messages were claimed)."""
        report = DispatchReport()
        while limit is None or report.claimed < limit:
            size = batch_size if limit is None else min(batch_size, limit - report.claimed)
            ids = self.claim(size)
            if not ids:
                break
            report.add(self.send_claimed(ids))
        return report


def pending_due(db: Database, now: datetime) -> int:
    with db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)) or 0)
