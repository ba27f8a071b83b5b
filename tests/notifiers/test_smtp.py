"""SMTP against a real aiosmtpd server: the message parsed back, refusals classified."""

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from notifiers.dispatcher import Dispatcher
from notifiers.message import Attachment, OutgoingMessage, PermanentDeliveryError, TransientDeliveryError
from notifiers.smtp_transport import SmtpTransport
from states.runtime import Runtime
from tests.notifiers.conftest import VIETNAMESE, queue, settings


class Recorder:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: Any) -> str:
        if address.endswith("@refused.vn"):
            return "550 5.1.1 mailbox unavailable"
        if address.endswith("@busy.vn"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder, port
    finally:
        controller.stop()


def make_transport(port: int) -> SmtpTransport:
    return SmtpTransport("127.0.0.1", port, "none", "OCOP Bắc Giang <ocop@snn.bacgiang.gov.vn>",
                         timeout=5)


def test_message_arrives_with_both_parts_and_vietnamese_intact(smtp_server: tuple[Recorder, int]) -> None:
    recorder, port = smtp_server
    message = OutgoingMessage(
        key="digest:son-dong:2022-10-10", recipients=("ocop.sondong@bacgiang.gov.vn", "b@c.vn"),
        subject=f"[OCOP] {VIETNAMESE}", html=f"<p><strong>{VIETNAMESE}</strong></p>",
        text=VIETNAMESE,
        attachments=(Attachment("danh-sách.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                b"PK\x03\x04data"),))
    delivery = make_transport(port).send(message)
    [received] = recorder.messages
    assert recorder.envelopes[0][1] == ["ocop.sondong@bacgiang.gov.vn", "b@c.vn"]
    assert received["Subject"] == f"[OCOP] {VIETNAMESE}"
    assert received["X-OCOP-Key"] == "digest:son-dong:2022-10-10"
    assert received["Message-ID"] == delivery.provider_message_id
    assert "Bắc Giang" in str(received["From"])
    text = received.get_body(preferencelist=("plain",))
    html = received.get_body(preferencelist=("html",))
    assert text is not None and html is not None
    assert text.get_content().strip() == VIETNAMESE
    assert f"<strong>{VIETNAMESE}</strong>" in html.get_content()
    [attachment] = list(received.iter_attachments())
    assert attachment.get_filename() == "danh-sách.xlsx"
    assert attachment.get_content() == b"PK\x03\x04data"


def test_refused_recipient_is_permanent_busy_is_transient(smtp_server: tuple[Recorder, int]) -> None:
    _, port = smtp_server
    transport = make_transport(port)
    with pytest.raises(PermanentDeliveryError, match="từ chối người nhận"):
        transport.send(OutgoingMessage("k1", ("x@refused.vn",), "s", "<p>h</p>", "t"))
    with pytest.raises(TransientDeliveryError):
        transport.send(OutgoingMessage("k2", ("x@busy.vn",), "s", "<p>h</p>", "t"))


def test_no_server_is_transient() -> None:
    with pytest.raises(TransientDeliveryError, match="SMTP"):
        make_transport(free_port()).send(OutgoingMessage("k", ("a@b.vn",), "s", "<p>h</p>", "t"))


def test_dispatched_mail_carries_its_outbox_key(rt: Runtime,
                                                smtp_server: tuple[Recorder, int]) -> None:
    """A duplicate the server does deliver can be traced to its outbox row."""
    recorder, port = smtp_server
    keys = queue(rt, 3)
    report = Dispatcher(rt.db, make_transport(port), settings()).run()
    assert report.sent == 3
    assert sorted(str(m["X-OCOP-Key"]) for m in recorder.messages) == keys
