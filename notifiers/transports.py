"""Choosing the transport from configuration, with clear errors for what is missing."""

from notifiers.file_transport import FileTransport
from notifiers.message import Transport
from notifiers.sendgrid_transport import SendGridTransport
from notifiers.settings import NotifierSettings
from notifiers.smtp_transport import SmtpTransport
from states.errors import ConfigurationError


def transport_from(settings: NotifierSettings, sendgrid_key: str | None = None) -> Transport:
    if settings.notifier == "file":
        return FileTransport(settings.outbox_dir, settings.mail_from)
    if settings.notifier == "smtp":
        if not settings.smtp_host:
            raise ConfigurationError("OCOP_NOTIFIER=smtp cần OCOP_SMTP_HOST (và OCOP_SMTP_PORT).")
        return SmtpTransport(
            settings.smtp_host, settings.smtp_port, settings.smtp_security, settings.mail_from,
            settings.smtp_user,
            settings.smtp_password.get_secret_value() if settings.smtp_password else None,
            settings.smtp_timeout_seconds)
    key = sendgrid_key or (settings.sendgrid_api_key.get_secret_value()
                           if settings.sendgrid_api_key else None)
    if not key:
        raise ConfigurationError("OCOP_NOTIFIER=sendgrid cần OCOP_SENDGRID_API_KEY "
                                 "(hoặc Secret block 'ocop-sendgrid-api-key' khi chạy bằng Prefect).")
    return SendGridTransport(key, settings.mail_from, settings.sendgrid_host,
                             settings.sendgrid_timeout_seconds, settings.sendgrid_sandbox)
