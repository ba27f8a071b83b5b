"""Queueing notices in the outbox and counting what a sweep added."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from notifiers.message import OutgoingMessage
from notifiers.outbox import enqueue
from states.db.database import count

# What a command tells its user afterwards: "Đã xếp N thư vào hộp thư đi…".
QUEUED_MAIL = "queued_mail"


@dataclass
class QueueReport:
    queued: int = 0
    already_queued: int = 0

    def add(self, session: Session, message: OutgoingMessage, kind: str, now: datetime) -> None:
        """Queue `message` under its key; a key queued before counts as already queued."""
        if enqueue(session, message, kind, now):
            self.queued += 1
            count(session, QUEUED_MAIL)
        else:
            self.already_queued += 1
