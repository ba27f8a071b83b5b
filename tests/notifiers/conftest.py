from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pytest

from notifiers.message import OutgoingMessage
from notifiers.outbox import WALL_CLOCK, enqueue
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.runtime import Runtime
from tests.fakes.sendgrid_server import FakeSendGrid, running_fake_sendgrid

VIETNAMESE = "Mật ong rừng Sơn Động – chất lượng 4 sao, đạt chuẩn OCOP năm 2022"


@pytest.fixture
def fake_sendgrid() -> Iterator[FakeSendGrid]:
    with running_fake_sendgrid() as server:
        yield server


def sample(key: str, recipients: tuple[str, ...] = ("ocop.sondong@bacgiang.gov.vn",)) -> OutgoingMessage:
    return OutgoingMessage(key=key, recipients=recipients, subject=f"[OCOP] {VIETNAMESE}",
                           html=f"<p>{VIETNAMESE}</p>", text=VIETNAMESE)


def queue(rt: Runtime, count: int, prefix: str = "test") -> list[str]:
    keys = [f"{prefix}:{i}" for i in range(count)]
    with rt.transaction() as session:
        for key in keys:
            enqueue(session, sample(key), "unit_digest", rt.clock.now())
    return keys


def settings(**overrides: object) -> NotifierSettings:
    base: dict[str, object] = {"retry_for_hours": 1, "backoff_base_seconds": 60,
                               "backoff_max_seconds": 600, "lease_seconds": 120}
    base.update(overrides)
    return NotifierSettings(**base)  # type: ignore[arg-type]


TODAY = date(2022, 3, 1)


@dataclass(frozen=True)
class ManualClock(Clock):
    """A real-time clock the test moves by hand (the dispatcher's leases and retries)."""

    instants: list[datetime] = field(default_factory=lambda: [WALL_CLOCK.now()])

    def now(self) -> datetime:
        return self.instants[-1]

    def advance(self, seconds: float) -> None:
        self.instants.append(self.instants[-1] + timedelta(seconds=seconds))
