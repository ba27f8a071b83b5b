"""For provinces that run their own mail server: standard-library SMTP."""

import smtplib
import ssl

from notifiers.message import Delivery, OutgoingMessage, PermanentDeliveryError, TransientDeliveryError
from notifiers.mime import build_mime


class SmtpTransport:
    name = "smtp"

    def __init__(self, host: str, port: int, security: str, sender: str, user: str | None = None,
                 password: str | None = None, timeout: float = 15.0) -> None:
        self.host = host
        self.port = port
        self.security = security
        self.sender = sender
        self.user = user
        self.password = password
        self.timeout = timeout

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                    context=ssl.create_default_context())
        client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.security == "starttls":
            client.starttls(context=ssl.create_default_context())
        return client

    def send(self, message: OutgoingMessage) -> Delivery:
        mime = build_mime(message, self.sender)
        try:
            with self._connect() as client:
                if self.user:
                    client.login(self.user, self.password or "")
                client.send_message(mime)
        except smtplib.SMTPAuthenticationError as error:
            raise PermanentDeliveryError(f"SMTP từ chối đăng nhập: {error.smtp_code}") from None
        except smtplib.SMTPRecipientsRefused as error:
            codes = {code for code, _ in error.recipients.values()}
            reason = f"SMTP từ chối người nhận: {', '.join(error.recipients)}"
            if all(code >= 500 for code in codes):
                raise PermanentDeliveryError(reason) from None
            raise TransientDeliveryError(reason) from None
        except smtplib.SMTPResponseException as error:
            reason = f"SMTP {error.smtp_code}: {error.smtp_error!r}"
            if error.smtp_code >= 500:
                raise PermanentDeliveryError(reason) from None
            raise TransientDeliveryError(reason) from None
        except (smtplib.SMTPException, OSError) as error:
            raise TransientDeliveryError(f"không kết nối được máy chủ SMTP: {error}") from None
        return Delivery(provider_message_id=str(mime["Message-ID"]))
