"""How mail leaves: plain values the composition root fills from OCOP_* variables."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr


class NotifierSettings(BaseModel):

    notifier: Literal["file", "smtp", "sendgrid"] = "file"
    mail_from: str = "OCOP Bắc Giang <ocop@localhost>"
    outbox_dir: Path = Path("outbox")

    sendgrid_api_key: SecretStr | None = None
    sendgrid_host: str = "https://api.sendgrid.com"
    sendgrid_timeout_seconds: float = 15.0
    sendgrid_sandbox: bool = False

    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = 15.0

    # Retries: exponential back-off with jitter, capped, for a window of real time (an outage of
    # a few minutes must not turn a morning's mail into `failed`), then `failed`.
    retry_for_hours: float = Field(default=24.0, gt=0)
    backoff_base_seconds: float = Field(default=30.0, gt=0)
    backoff_max_seconds: float = Field(default=600.0, gt=0)
    lease_seconds: float = Field(default=300.0, gt=0)

    def send_timeout_seconds(self) -> float:
        """The longest one send may take, whichever network transport is in use."""
        return max(self.sendgrid_timeout_seconds, self.smtp_timeout_seconds)
