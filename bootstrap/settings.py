"""Every OCOP_* variable in one place, validated with a clear Vietnamese error."""

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from notifiers.settings import NotifierSettings
from states.clock import out_of_range
from states.errors import ConfigurationError
from states.validation_language import described


class EnvSettings(BaseSettings, NotifierSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_", extra="ignore")

    database_url: str = "sqlite:///ocop.db"
    today: date | None = None
    # No default: the CLI refuses to act for nobody (`--as` or OCOP_USER names an active user).
    user: str | None = None
    rulebook: str | None = None
    rules_dir: Path | None = None
    # Issue 13: where the public look-up is served; printed certificates' QR codes link there.
    public_url: str = "http://localhost:8000"
    # Issue 25: how long a producer's invitation link works (the e-mail's link leads to
    # public_url, where producers log in too).
    invitation_days: int = Field(default=7, ge=1, le=60)
    # Issue 25: the dossiers' document files (the `files` branch adds the store beside it), and
    # where the nightly backup flow writes its archives.
    files_dir: Path = Path("files")
    backup_dir: Path = Path("backups")
    backup_keep: int = Field(default=14, ge=1, le=3650)

    # Inherited from NotifierSettings: notifier, mail_from, outbox_dir, the SendGrid and SMTP
    # settings, retries and the lease.

    @field_validator("today")
    @classmethod
    def _meant(cls, day: date | None) -> date | None:
        problem = out_of_range(day) if day is not None else None
        if problem:
            raise ValueError(problem)
        return day

    def notifier_settings(self) -> NotifierSettings:
        return NotifierSettings.model_validate(self.model_dump(include=set(NotifierSettings.model_fields)))


def read_environment(**overrides: Any) -> EnvSettings:
    """The environment, with the entry point's own options on top (None means "not given")."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return EnvSettings(**given)
    except ValidationError as error:
        wrong = "; ".join(
            f"OCOP_{'_'.join(str(p) for p in e['loc']).upper()} = {described(e)}"
            for e in error.errors())
        raise ConfigurationError(f"Cấu hình không hợp lệ: {wrong}.") from None
