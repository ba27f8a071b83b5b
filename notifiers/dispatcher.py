"""Sends what the outbox holds, exactly once per row, across crashes and parallel dispatchers.

Claiming is one conditional UPDATE (with FOR UPDATE SKIP LOCKED on PostgreSQL) that puts a
lease on a batch. A dispatcher that dies leaves rows whose lease expires; another picks them
up. A dispatcher sends a message only while it holds the lease: before each send it checks that
its lease outlasts the send and the writing of its outcome, renewing it by a conditional UPDATE
(`claimed_by = me AND lease_until > now`) when it would not; rows it lost are left alone. Results
are written back only by the dispatcher that holds the claim. All of it on the real clock.
"""

import os
import random
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import Table, and_, bindparam, func, or_, select, update

from notifiers.message import (
    OutgoingMessage,
    PermanentDeliveryError,
    TransientDeliveryError,
    Transport,
)
from notifiers.outbox import WALL_CLOCK, as_message
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.db.database import Database
from states.db.models import OutboxMessage
from states.vocabulary import OutboxStatus

FLUSH_EVERY = 200
FLUSH_INTERVAL = timedelta(seconds=2)
# Room for clock jitter between dispatchers and the database round trips of a write.
LEASE_SLACK_SECONDS = 5.0


@dataclass
class DispatchReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    lease_lost: int = 0  # claimed, then left unsent because the lease was gone before the send
    errors: list[str] = field(default_factory=list)

    def add(self, other: "DispatchReport") -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retrying += other.retrying
        self.failed += other.failed
        self.lease_lost += other.lease_lost
        self.errors.extend(other.errors)


def new_dispatcher_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def backoff_seconds(attempt: int, settings: NotifierSettings, rng: random.Random) -> float:
    """Full jitter: a random wait up to base·2^(attempt-1), capped."""
    ceiling = min(settings.backoff_max_seconds, settings.backoff_base_seconds * 2 ** (attempt - 1))
    return rng.uniform(ceiling / 2, ceiling)


@dataclass(frozen=True)
class Claimed:
    id: int
    message: OutgoingMessage
    attempts: int
    first_attempt_at: datetime


class Dispatcher:
    def __init__(self, db: Database, transport: Transport, settings: NotifierSettings,
                 clock: Clock = WALL_CLOCK, dispatcher_id: str | None = None,
                 rng: random.Random | None = None) -> None:
        self.db = db
        self.transport = transport
        self.settings = settings
        self.clock = clock
        self.id = dispatcher_id or new_dispatcher_id()
        self.rng = rng or random.Random()
        # A send that starts with `guard` left on the lease ends, and its outcome is written,
        # before the lease does: one time-out for the send, and for a file outbox (whose
        # outcomes wait in a group) one for the send after it and the flush interval; some
        # slack. The same guard serves both kinds: a network send's is the longer one.
        self.guard = timedelta(seconds=2 * settings.send_timeout_seconds() + LEASE_SLACK_SECONDS
                               ) + FLUSH_INTERVAL
        # A lease shorter than that could never cover a send: it is lengthened, not trusted.
        self.lease = max(timedelta(seconds=settings.lease_seconds), 2 * self.guard)
        self.table = cast(Table, OutboxMessage.__table__)
        # A file written twice is the same file (named for its key); a mail sent twice is a
        # duplicate in someone's inbox. Network transports record each outcome at once, so a
        # crash leaves at most the message in flight to be sent again; files go in groups.
        self.flush_every = FLUSH_EVERY if transport.name == "file" else 1
        # The rows of the last claim and when that claim's lease ends: sending them starts
        # on that lease, not on a renewal made a moment after it.
        self._claimed: tuple[frozenset[int], datetime | None] = (frozenset(), None)

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
                        lease_until=now + self.lease, attempts=OutboxMessage.attempts + 1,
                        first_attempt_at=func.coalesce(OutboxMessage.first_attempt_at, now),
                        last_attempt_at=now)
                .returning(OutboxMessage.id)
                .execution_options(synchronize_session=False)).all()
        self._claimed = (frozenset(claimed), now + self.lease)
        return sorted(claimed)

    def renew(self, ids: list[int]) -> tuple[set[int], datetime]:
        """Extend the lease on those of `ids` this dispatcher still holds, unexpired; returns
        them and the new end of the lease."""
        now = self.clock.now()
        until = now + self.lease
        table = self.table
        with self.db.transaction() as session:
            held = session.connection().execute(
                update(table)
                .where(table.c.id.in_(ids), table.c.claimed_by == self.id,
                       table.c.status == OutboxStatus.SENDING, table.c.lease_until > now)
                .values(lease_until=until)
                .returning(table.c.id)).scalars().all()
        return set(held), until

    def _load(self, ids: list[int]) -> list[Claimed]:
        table = self.table
        with self.db.transaction() as session:
            # Plain rows, not ORM objects: loading is a third of a batch's database time.
            rows = session.connection().execute(select(table).where(
                table.c.id.in_(ids), table.c.claimed_by == self.id,
                table.c.status == OutboxStatus.SENDING).order_by(table.c.id)).all()
        return [Claimed(row.id, as_message(row), row.attempts,
                        row.first_attempt_at or self.clock.now()) for row in rows]

    def send_claimed(self, ids: list[int]) -> DispatchReport:
        report = DispatchReport(claimed=len(ids))
        claimed = self._load(ids)
        rows, until = self._claimed
        # Fresh from this dispatcher's last claim: held until that claim's lease ends.
        held: set[int] = set(ids) if set(ids) <= rows else set()
        held_until = until if held else None
        outcomes: list[tuple[int, dict[str, object]]] = []
        last_flush = self.clock.now()
        for position, item in enumerate(claimed):
            if held_until is None or self.clock.now() + self.guard > held_until:
                # Outcomes first: a renewal may find rows gone, and what was sent is recorded.
                self._finish(outcomes)
                outcomes, last_flush = [], self.clock.now()
                held, held_until = self.renew([c.id for c in claimed[position:]])
            if item.id not in held:
                report.lease_lost += 1
                continue
            values = self._deliver(item)
            outcomes.append((item.id, values))
            self._count(report, item, values)
            # A network transport's outcome is written at once (flush_every 1); a file
            # outbox's in groups, since one transaction per file would cap it at a few hundred
            # a second, and the guard above leaves room for the wait.
            if len(outcomes) >= self.flush_every or self.clock.now() - last_flush > FLUSH_INTERVAL:
                self._finish(outcomes)
                outcomes, last_flush = [], self.clock.now()
        self._finish(outcomes)
        return report

    @staticmethod
    def _count(report: DispatchReport, item: Claimed, values: dict[str, object]) -> None:
        if values["status"] == OutboxStatus.SENT:
            report.sent += 1
        elif values["status"] == OutboxStatus.PENDING:
            report.retrying += 1
        else:
            report.failed += 1
            report.errors.append(f"{item.message.key}: {values['last_error']}")

    def _deliver(self, item: Claimed) -> dict[str, object]:
        try:
            delivery = self.transport.send(item.message)
        except PermanentDeliveryError as error:
            return {"status": OutboxStatus.FAILED, "last_error": error.reason}
        except TransientDeliveryError as error:
            return self._after_transient(item, error)
        return {"status": OutboxStatus.SENT, "provider_message_id": delivery.provider_message_id,
                "sent_at": self.clock.now(), "last_error": None}

    def _after_transient(self, item: Claimed, error: TransientDeliveryError) -> dict[str, object]:
        """Try again after a capped, jittered wait, until the retry window closes."""
        now = self.clock.now()
        give_up_at = item.first_attempt_at + timedelta(hours=self.settings.retry_for_hours)
        if now >= give_up_at:
            hours = f"{self.settings.retry_for_hours:g}"
            return {"status": OutboxStatus.FAILED,
                    "last_error": f"hết {hours} giờ thử lại ({item.attempts} lần): {error.reason}"}
        wait = error.retry_after_seconds
        if wait is None:
            wait = backoff_seconds(item.attempts, self.settings, self.rng)
        # One last try when the window closes, rather than a wait that overshoots it.
        due = min(now + timedelta(seconds=wait), give_up_at)
        return {"status": OutboxStatus.PENDING, "last_error": error.reason, "next_attempt_at": due}

    def _finish(self, outcomes: list[tuple[int, dict[str, object]]]) -> None:
        """Write results, only for rows this dispatcher still holds: one executemany per kind
        of outcome, so a batch costs a handful of round trips and one commit."""
        by_kind: dict[tuple[str, ...], list[dict[str, object]]] = {}
        for message_id, values in outcomes:
            by_kind.setdefault(tuple(sorted(values)), []).append({"message_id": message_id,
                                                                   **values})
        if not by_kind:
            return
        table = self.table
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
