"""The one interface every transport implements: a message in, a delivery result out."""

from dataclasses import dataclass, field
from typing import Protocol

# The header that carries the outbox dedupe key in every delivered mail (SMTP, file, and SendGrid
# beside its `custom_args`): a duplicate in someone's inbox names the row it came from.
KEY_HEADER = "X-OCOP-Key"
KEY_ARG = "outbox_key"  # SendGrid custom_args name: it comes back in the event webhook


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class OutgoingMessage:
    key: str  # the outbox dedupe key: carried to the provider so a delivery can be traced back
    recipients: tuple[str, ...]
    subject: str
    html: str
    text: str
    attachments: tuple[Attachment, ...] = ()
    categories: tuple[str, ...] = field(default=("ocop",))


@dataclass(frozen=True)
class Delivery:
    provider_message_id: str


class TransientDeliveryError(Exception):
    """Worth retrying later: rate limits, server errors, time-outs, refused connections."""

    def __init__(self, reason: str, retry_after_seconds: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_seconds = retry_after_seconds


class PermanentDeliveryError(Exception):
    """Retrying cannot help (bad request, bad key, refused recipient): fail at once."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Transport(Protocol):
    name: str

    def send(self, message: OutgoingMessage) -> Delivery: ...
