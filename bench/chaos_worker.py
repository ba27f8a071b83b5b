"""One dispatcher process of the chaos run (bench/chaos.py): sends until told to stop, on a
compressed clock, and logs every send it starts and how it ended, line by line, so that a
SIGKILL loses nothing of the log."""

import json
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO

from notifiers.dispatcher import Dispatcher, DispatchReport
from notifiers.message import Delivery, OutgoingMessage, TransientDeliveryError, Transport
from notifiers.sendgrid_transport import SendGridTransport
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.db.database import Database

API_KEY = "SG.chaos-bench-not-real"
# The settings a province would run with, in (compressed) seconds.
SETTINGS = NotifierSettings(notifier="sendgrid", sendgrid_timeout_seconds=15.0,
                            smtp_timeout_seconds=15.0, lease_seconds=300.0,
                            backoff_base_seconds=30.0, backoff_max_seconds=600.0,
                            retry_for_hours=24.0)


@dataclass(frozen=True)
class CompressedClock(Clock):
    """Real time since `origin`, run `factor` times faster: a 30-minute outage in a minute."""

    origin: float = 0.0
    factor: float = 1.0

    def now(self) -> datetime:
        elapsed = (time.time() - self.origin) * self.factor
        return datetime.fromtimestamp(self.origin, UTC) + timedelta(seconds=elapsed)


class LoggedTransport:
    """Logs `start` before each send, then `ok`, `http` (the provider answered an error) or
    `no-answer` (time-out or broken connection: the provider may have taken it)."""

    name = "sendgrid"

    def __init__(self, inner: Transport, log: IO[str]) -> None:
        self.inner = inner
        self.log = log

    def _write(self, key: str, event: str) -> None:
        self.log.write(json.dumps({"k": key, "e": event}) + "\n")
        self.log.flush()

    def send(self, message: OutgoingMessage) -> Delivery:
        self._write(message.key, "start")
        try:
            delivery = self.inner.send(message)
        except TransientDeliveryError as error:
            self._write(message.key, "http" if error.reason.startswith("SendGrid ") else "no-answer")
            raise
        self._write(message.key, "ok")
        return delivery


def work(url: str, provider: str, origin: float, factor: float, number: int, folder: Path,
         batch: int) -> None:
    clock = CompressedClock(origin=origin, factor=factor)
    db = Database(url)
    total = DispatchReport()
    with (folder / f"worker-{number}.log").open("w", encoding="utf-8") as log:
        # The client's time-out is real seconds: the compressed 15 s.
        inner = SendGridTransport(API_KEY, "ocop@snn.gov.vn", host=provider,
                                  timeout=SETTINGS.sendgrid_timeout_seconds / factor)
        dispatcher = Dispatcher(db, LoggedTransport(inner, log), SETTINGS, clock,
                                dispatcher_id=f"chaos-{number}")
        while not (folder / "stop").exists():
            report = dispatcher.run(batch_size=batch)
            total.add(report)
            if not report.claimed:
                time.sleep(0.05)
    db.dispose()
    (folder / f"worker-{number}.json").write_text(json.dumps(
        {"sent": total.sent, "retrying": total.retrying, "failed": total.failed,
         "lease_lost": total.lease_lost}), encoding="utf-8")


if __name__ == "__main__":
    work(sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]),
         Path(sys.argv[6]), int(sys.argv[7]))
