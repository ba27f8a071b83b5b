"""How mail leaves: plain values the composition root fills from OCOP_* variables."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, SecretStr


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

    # Retries: exponential backoff with jitter, then `failed`.
    max_attempts: int = 6
    backoff_base_seconds: float = 30.0
    backoff_max_seconds: float = 3600.0
    lease_seconds: float = 300.0
