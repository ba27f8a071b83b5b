"""Leases on the real clock, held only while they outlast a send: no duplicate from a lease
that expired mid-batch, none from a replayed business date."""

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import select

from notifiers.dispatcher import Dispatcher
from notifiers.message import Delivery, OutgoingMessage
from notifiers.outbox import WALL_CLOCK
from notifiers.settings import NotifierSettings
from states.db.models import OutboxMessage
from states.runtime import Runtime
from tests.conftest import make_runtime
from tests.notifiers.conftest import ManualClock, queue, settings
from use_cases.outbox import deliver_due


class Recording:
    """A transport that records each key it sends and may run something during the send."""

    name = "recording"

    def __init__(self, during_send: Callable[[], None] | None = None) -> None:
        self.keys: list[str] = []
        self.during_send = during_send

    def send(self, message: OutgoingMessage) -> Delivery:
        if self.during_send is not None:
            self.during_send()
        self.keys.append(message.key)
        return Delivery(provider_message_id=f"rec:{message.key}")


def statuses(rt: Runtime) -> list[str]:
    with rt.transaction() as session:
        return list(session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


def test_a_replayed_date_neither_parks_leases_nor_holds_back_mail(
        sqlite_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Measured before: `--today 2030-01-01 outbox send` killed mid-run left rows leased until
    2030, and a `--today 2030` dispatcher next to a normal one sent everything twice."""
    replay = make_runtime(sqlite_url, today=date(2030, 1, 1))
    queue(replay, 5)
    before = WALL_CLOCK.now()
    killed = Dispatcher(replay.db, Recording(), settings(), dispatcher_id="killed")
    claimed = killed.claim(3)  # ...and the process is killed here
    with replay.transaction() as session:
        rows = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert all(r.next_attempt_at <= WALL_CLOCK.now() for r in rows)  # due now, not in 2030
    leased = [r.lease_until for r in rows if r.id in claimed]
    assert all(before < until <= WALL_CLOCK.now() + timedelta(seconds=120) for until in leased)
    # A dispatcher of the replay and one of today: the killed one's rows wait for its lease,
    # the other two are sent once.
    mail = NotifierSettings(notifier="file", outbox_dir=tmp_path / "outbox")
    today = make_runtime(sqlite_url, today=None)
    assert deliver_due(replay, mail).sent + deliver_due(today, mail).sent == 2
    assert statuses(replay) == ["sending"] * 3 + ["sent"] * 2


def test_a_slow_batch_renews_its_lease_and_nobody_else_sends_it(rt: Runtime) -> None:
    queue(rt, 10)
    clock = ManualClock()
    rival = Dispatcher(rt.db, Recording(), settings(), clock, dispatcher_id="rival")
    stolen: list[int] = []

    def slow_send() -> None:
        # Each send takes 14 s (inside the 15 s time-out); ten of them outlast the 120 s lease
        # taken at the claim. Meanwhile a rival looks for expired leases.
        clock.advance(14)
        stolen.extend(rival.claim(10))

    slow = Recording(during_send=slow_send)
    report = Dispatcher(rt.db, slow, settings(), clock, dispatcher_id="slow").run()
    assert (report.sent, report.lease_lost) == (10, 0)
    assert stolen == []
    assert sorted(Counter(slow.keys).values()) == [1] * 10
    assert clock.now() - clock.instants[0] == timedelta(seconds=140)
    assert statuses(rt) == ["sent"] * 10


def test_a_stalled_dispatcher_whose_lease_ran_out_sends_nothing(rt: Runtime) -> None:
    queue(rt, 4)
    clock = ManualClock()
    transport = Recording()
    stalled = Dispatcher(rt.db, transport, settings(), clock, dispatcher_id="stalled")
    claimed = stalled.claim(4)
    clock.advance(121)  # a pause longer than the lease (120 s): nobody has taken the rows yet
    report = stalled.send_claimed(claimed)
    assert (report.sent, report.lease_lost) == (0, 4)
    assert transport.keys == []
    # The rows are not lost: the next claim, by anyone, picks them up.
    rescuer = Recording()
    assert Dispatcher(rt.db, rescuer, settings(), clock).run().sent == 4
    assert sorted(rescuer.keys) == [f"test:{n}" for n in range(4)]


def test_a_lease_shorter_than_a_send_is_lengthened() -> None:
    short = Dispatcher(None, Recording(), settings(lease_seconds=10))  # type: ignore[arg-type]
    # Two 15 s time-outs, the 2 s flush and 5 s slack: 37 s of guard, a lease of twice that.
    assert short.guard == timedelta(seconds=37)
    assert short.lease == timedelta(seconds=74)


def test_a_fresh_claim_is_sent_on_its_own_lease_and_renewed_only_when_it_runs_short(
        rt: Runtime) -> None:
    queue(rt, 3)
    clock = ManualClock()
    renewals: list[int] = []
    slow = Recording(during_send=lambda: clock.advance(50))
    dispatcher = Dispatcher(rt.db, slow, settings(), clock, dispatcher_id="d")
    renew = dispatcher.renew

    def counted(ids: list[int]) -> tuple[set[int], object]:
        renewals.append(len(ids))
        return renew(ids)

    dispatcher.renew = counted  # type: ignore[method-assign,assignment]
    assert dispatcher.run().sent == 3
    # Lease 120 s (settings), guard 37 s: the first two sends fit the claim's own lease (no
    # renewal a moment after claiming); the third starts at +100 s, 20 s left, and renews first.
    assert renewals == [1]
    assert statuses(rt) == ["sent"] * 3
