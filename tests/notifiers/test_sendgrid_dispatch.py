"""The dispatcher against a fake SendGrid: what reaches `sent`, what is retried, what fails."""

from datetime import timedelta

from sqlalchemy import select

from notifiers.dispatcher import Dispatcher
from notifiers.outbox import WALL_CLOCK
from notifiers.sendgrid_transport import SendGridTransport
from states.clock import Clock
from states.db.models import OutboxMessage
from states.runtime import Runtime
from tests.fakes.sendgrid_server import API_KEY, Answer, FakeSendGrid
from tests.notifiers.conftest import VIETNAMESE, ManualClock, queue, settings


def transport(server: FakeSendGrid, key: str = API_KEY, timeout: float = 5) -> SendGridTransport:
    return SendGridTransport(key, "OCOP Bắc Giang <ocop@snn.bacgiang.gov.vn>", host=server.url,
                             timeout=timeout)


def rows(rt: Runtime) -> list[OutboxMessage]:
    with rt.transaction() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_accepted_message_is_sent_with_its_key_and_provider_id(rt: Runtime,
                                                               fake_sendgrid: FakeSendGrid) -> None:
    queue(rt, 2)
    report = Dispatcher(rt.db, transport(fake_sendgrid), settings()).run()
    assert (report.sent, report.failed) == (2, 0)
    assert fake_sendgrid.keys() == ["test:0", "test:1"]
    payload = fake_sendgrid.received[0]
    assert payload["subject"] == f"[OCOP] {VIETNAMESE}"
    assert payload["content"][0] == {"type": "text/plain", "value": VIETNAMESE}
    assert "ocop" in payload["categories"]
    # The dedupe key travels with each message: back in SendGrid's events, and in the mail.
    assert [(p["custom_args"], p["headers"]) for p in fake_sendgrid.received] == [
        ({"outbox_key": f"test:{n}"}, {"X-OCOP-Key": f"test:{n}"}) for n in range(2)]
    assert [r.status for r in rows(rt)] == ["sent", "sent"]
    assert [r.provider_message_id for r in rows(rt)] == ["fake-1", "fake-2"]
    # A second run sends nothing again.
    Dispatcher(rt.db, transport(fake_sendgrid), settings()).run()
    assert len(fake_sendgrid.received) == 2


def test_bad_request_and_bad_key_fail_at_once_with_the_provider_text(
        rt: Runtime, fake_sendgrid: FakeSendGrid) -> None:
    queue(rt, 1)
    fake_sendgrid.answers.append(Answer(400, {"errors": [{"message": "Does not contain a valid address."}]}))
    report = Dispatcher(rt.db, transport(fake_sendgrid), settings()).run()
    assert report.failed == 1
    [row] = rows(rt)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error and "valid address" in row.last_error
    queue(rt, 1, prefix="other")
    Dispatcher(rt.db, transport(fake_sendgrid, key="SG.wrong"), settings()).run()
    assert rows(rt)[1].status == "failed"
    assert "401" in (rows(rt)[1].last_error or "")


def test_rate_limit_waits_until_the_reset_then_sends(rt: Runtime, fake_sendgrid: FakeSendGrid) -> None:
    import time

    queue(rt, 1)
    reset = int(time.time()) + 90
    fake_sendgrid.answers.append(Answer(429, headers={"X-RateLimit-Reset": str(reset)}))
    start = WALL_CLOCK.now()
    Dispatcher(rt.db, transport(fake_sendgrid), settings()).run()
    [row] = rows(rt)
    assert row.status == "pending" and row.attempts == 1
    wait = (row.next_attempt_at - start).total_seconds()
    assert 80 <= wait <= 91
    # Not due yet: nothing is sent.
    Dispatcher(rt.db, transport(fake_sendgrid), settings()).run()
    assert fake_sendgrid.received == []
    later = Clock(fixed_now=row.next_attempt_at + timedelta(seconds=1))
    Dispatcher(rt.db, transport(fake_sendgrid), settings(), later).run()
    assert rows(rt)[0].status == "sent"


def test_server_errors_back_off_within_a_time_window_then_fail(rt: Runtime,
                                                               fake_sendgrid: FakeSendGrid) -> None:
    queue(rt, 1)
    fake_sendgrid.answers.extend(Answer(500) for _ in range(40))
    clock = ManualClock()
    start = clock.now()
    waits = []
    for _ in range(40):
        Dispatcher(rt.db, transport(fake_sendgrid), settings(), clock).run()
        [row] = rows(rt)
        if row.status != "pending":
            break
        waits.append((row.next_attempt_at - clock.now()).total_seconds())
        clock.instants.append(row.next_attempt_at)
    # Failure after failure is not the end (the old limit was 3 tries): the one-hour window of
    # settings() is. Full jitter within [ceiling/2, ceiling], ceiling doubling from 60 s and
    # capped at 600 s; the last wait is cut short so that the final try falls on the window's end.
    assert (row.status, row.attempts) == ("failed", len(waits) + 1)
    assert len(waits) >= 6
    assert 30 <= waits[0] <= 60 and 60 <= waits[1] <= 120
    assert all(wait <= 600 for wait in waits)
    assert row.first_attempt_at == start
    assert row.last_attempt_at == clock.now() == start + timedelta(hours=1)
    assert row.last_error and "500" in row.last_error and "1 giờ" in row.last_error


def test_a_short_outage_fails_nothing(rt: Runtime, fake_sendgrid: FakeSendGrid) -> None:
    """Measured before: a 12-second outage turned 78 of 100 messages into `failed`."""
    queue(rt, 100)
    fake_sendgrid.answers.extend(Answer(500) for _ in range(100))
    clock = ManualClock()
    for _ in range(3):  # the outage: every try fails, nothing is given up
        report = Dispatcher(rt.db, transport(fake_sendgrid), settings(), clock).run()
        assert report.failed == 0
        clock.advance(61)
    assert [r.status for r in rows(rt)] == ["sent"] * 100
    assert sorted(fake_sendgrid.keys()) == sorted(f"test:{n}" for n in range(100))


def test_connection_refused_and_timeout_are_retried(rt: Runtime, fake_sendgrid: FakeSendGrid) -> None:
    import socket

    queue(rt, 1)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    refused = SendGridTransport(API_KEY, "ocop@snn.bacgiang.gov.vn",
                                host=f"http://127.0.0.1:{closed_port}", timeout=2)
    Dispatcher(rt.db, refused, settings()).run()
    assert rows(rt)[0].status == "pending"
    assert "kết nối" in (rows(rt)[0].last_error or "")
    queue(rt, 1, prefix="slow")
    fake_sendgrid.answers.append(Answer(delay_seconds=2))
    Dispatcher(rt.db, transport(fake_sendgrid, timeout=0.5), settings()).run()
    slow = rows(rt)[1]
    assert slow.status == "pending" and slow.attempts == 1


def test_failed_message_can_be_retried_by_hand(rt: Runtime, fake_sendgrid: FakeSendGrid) -> None:
    from notifiers.outbox import retry

    queue(rt, 1)
    fake_sendgrid.answers.append(Answer(400))
    Dispatcher(rt.db, transport(fake_sendgrid), settings()).run()
    with rt.transaction() as session:
        retry(session, rows(rt)[0].id)
    Dispatcher(rt.db, transport(fake_sendgrid), settings()).run()
    assert rows(rt)[0].status == "sent"


def test_sandbox_and_attachment_reach_the_api(rt: Runtime, fake_sendgrid: FakeSendGrid) -> None:
    from notifiers.message import Attachment, OutgoingMessage

    sandboxed = SendGridTransport(API_KEY, "ocop@snn.bacgiang.gov.vn", host=fake_sendgrid.url,
                                  sandbox=True)
    sandboxed.send(OutgoingMessage(key="k:1", recipients=("a@b.vn", "c@d.vn"), subject="Tiêu đề",
                                   html="<p>Nội dung</p>", text="Nội dung",
                                   attachments=(Attachment("danh-sach.xlsx", "application/vnd.ms-excel",
                                                           b"PK\x03\x04"),)))
    payload = fake_sendgrid.received[0]
    assert payload["mail_settings"]["sandbox_mode"]["enable"] is True
    assert payload["attachments"][0]["filename"] == "danh-sach.xlsx"
    assert [t["email"] for t in payload["personalizations"][0]["to"]] == ["a@b.vn", "c@d.vn"]
    assert API_KEY not in repr(sandboxed)
