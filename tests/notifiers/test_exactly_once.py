"""Each outbox key is delivered once: reruns, parallel dispatchers, a dispatcher that dies."""

import threading
from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import select

from notifiers.dispatcher import Dispatcher
from notifiers.file_transport import FileTransport
from notifiers.outbox import WALL_CLOCK
from notifiers.sendgrid_transport import SendGridTransport
from states.clock import Clock
from states.db.models import OutboxMessage
from tests.conftest import make_runtime
from tests.fakes.sendgrid_server import API_KEY, FakeSendGrid
from tests.notifiers.conftest import VIETNAMESE, queue, sample, settings


def sendgrid(server: FakeSendGrid) -> SendGridTransport:
    return SendGridTransport(API_KEY, "ocop@snn.bacgiang.gov.vn", host=server.url, timeout=5)


def test_enqueue_is_idempotent_per_key(any_rt) -> None:  # type: ignore[no-untyped-def]
    # On both databases: psycopg reports rowcount -1 for ON CONFLICT DO NOTHING, which once
    # made every duplicate look newly queued on PostgreSQL.
    from notifiers.outbox import enqueue

    rt = any_rt
    with rt.transaction() as session:
        assert enqueue(session, sample("digest:a:2022-03-01"), "unit_digest", rt.clock.now())
        assert not enqueue(session, sample("digest:a:2022-03-01"), "unit_digest", rt.clock.now())
    with rt.transaction() as session:
        assert len(session.scalars(select(OutboxMessage)).all()) == 1


def test_parallel_dispatchers_deliver_each_key_once(db_url: str, fake_sendgrid: FakeSendGrid) -> None:
    rt = make_runtime(db_url)
    keys = queue(rt, 120)
    reports = []

    def worker(number: int) -> None:
        mine = make_runtime(db_url)
        dispatcher = Dispatcher(mine.db, sendgrid(fake_sendgrid), settings(),
                                dispatcher_id=f"worker-{number}")
        reports.append(dispatcher.run(batch_size=7))
        mine.db.dispose()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    delivered = Counter(fake_sendgrid.keys())
    assert set(delivered) == set(keys)
    assert max(delivered.values()) == 1
    assert sum(r.sent for r in reports) == 120
    with rt.transaction() as session:
        assert {m.status for m in session.scalars(select(OutboxMessage))} == {"sent"}
    rt.db.dispose()


def test_dispatcher_dying_between_claim_and_send_is_recovered_after_the_lease(
        rt, fake_sendgrid: FakeSendGrid) -> None:  # type: ignore[no-untyped-def]
    queue(rt, 5)
    now = WALL_CLOCK.now()
    doomed = Dispatcher(rt.db, sendgrid(fake_sendgrid), settings(), Clock(fixed_now=now),
                        dispatcher_id="doomed")
    claimed = doomed.claim(3)
    assert len(claimed) == 3
    # ...the process dies here. Another dispatcher, still inside the lease, leaves them alone.
    rescuer = Dispatcher(rt.db, sendgrid(fake_sendgrid), settings(),
                         Clock(fixed_now=now + timedelta(seconds=10)), dispatcher_id="rescuer")
    assert rescuer.run().sent == 2
    after_lease = Dispatcher(rt.db, sendgrid(fake_sendgrid), settings(),
                             Clock(fixed_now=now + timedelta(seconds=121)), dispatcher_id="rescuer")
    assert after_lease.run().sent == 3
    # The dead dispatcher comes back late: its claim is gone, it sends nothing.
    assert doomed.send_claimed(claimed).sent == 0
    assert sorted(Counter(fake_sendgrid.keys()).values()) == [1] * 5


def test_file_outbox_writes_one_eml_per_key(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    queue(rt, 3)
    transport = FileTransport(tmp_path / "outbox", "ocop@snn.bacgiang.gov.vn")
    assert Dispatcher(rt.db, transport, settings()).run().sent == 3
    assert Dispatcher(rt.db, transport, settings()).run().sent == 0
    files = sorted(p.name for p in (tmp_path / "outbox").iterdir())
    assert files == ["test_0.eml", "test_1.eml", "test_2.eml"]
    parsed = message_from_bytes((tmp_path / "outbox" / "test_0.eml").read_bytes(), policy=policy.default)
    assert parsed["Subject"] == f"[OCOP] {VIETNAMESE}"
    assert parsed["X-OCOP-Key"] == "test:0"
