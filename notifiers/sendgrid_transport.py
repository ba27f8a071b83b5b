"""SendGrid v3 Mail Send through the official library. The key is never logged."""

import base64
import time
import urllib.error

from python_http_client.exceptions import HTTPError
from sendgrid import SendGridAPIClient
from sendgrid.helpers.mail import (
    Attachment,
    Category,
    CustomArg,
    Disposition,
    FileContent,
    FileName,
    FileType,
    Header,
    Mail,
    MailSettings,
    SandBoxMode,
)

from notifiers.message import (
    KEY_ARG,
    KEY_HEADER,
    Delivery,
    OutgoingMessage,
    PermanentDeliveryError,
    TransientDeliveryError,
)

PERMANENT_STATUSES = frozenset({400, 401, 403, 404, 413})


class SendGridTransport:
    name = "sendgrid"

    def __init__(self, api_key: str, sender: str, host: str = "https://api.sendgrid.com",
                 timeout: float = 15.0, sandbox: bool = False) -> None:
        self._client = SendGridAPIClient(api_key, host=host)
        # The library sets no time-out: a stalled connection would hold a lease forever.
        self._client.client.timeout = timeout
        self.sender = sender
        self.sandbox = sandbox

    def __repr__(self) -> str:
        return f"SendGridTransport(host={self._client.host!r})"

    def build(self, message: OutgoingMessage) -> Mail:
        mail = Mail(from_email=self.sender, to_emails=list(message.recipients),
                    subject=message.subject, plain_text_content=message.text,
                    html_content=message.html)
        mail.custom_arg = CustomArg(KEY_ARG, message.key)
        mail.header = Header(KEY_HEADER, message.key)
        for category in message.categories:
            mail.category = Category(category)
        for item in message.attachments:
            mail.attachment = Attachment(
                FileContent(base64.b64encode(item.content).decode("ascii")),
                FileName(item.filename), FileType(item.content_type), Disposition("attachment"))
        if self.sandbox:
            settings = MailSettings()
            settings.sandbox_mode = SandBoxMode(True)
            mail.mail_settings = settings
        return mail

    def send(self, message: OutgoingMessage) -> Delivery:
        try:
            response = self._client.send(self.build(message))
        except HTTPError as error:
            status = int(getattr(error, "status_code", 0))
            body = _text(getattr(error, "body", b""))
            if status in PERMANENT_STATUSES:
                raise PermanentDeliveryError(f"SendGrid {status}: {body}") from None
            raise TransientDeliveryError(f"SendGrid {status}: {body}",
                                         _retry_after(getattr(error, "headers", None))) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise TransientDeliveryError(f"không kết nối được SendGrid: {error}") from None
        headers = response.headers
        message_id = headers.get("X-Message-Id") if headers is not None else None
        return Delivery(provider_message_id=str(message_id or f"sendgrid:{message.key}"))


def _text(body: bytes | str) -> str:
    return body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)


def _retry_after(headers: object) -> float | None:
    reset = headers.get("X-RateLimit-Reset") if hasattr(headers, "get") else None
    if not reset:
        return None
    try:
        return max(0.0, float(reset) - time.time())
    except (TypeError, ValueError):
        return None
