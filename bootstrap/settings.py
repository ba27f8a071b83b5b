"""Every OCOP_* variable in one place, validated with a clear Vietnamese error."""

from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from notifiers.settings import NotifierSettings
from states.clock import meant_day
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
    # Issue 25: where the nightly backup flow writes its archives.
    backup_dir: Path = Path("backups")
    backup_keep: int = Field(default=14, ge=1, le=3650)
    # Issue 25: the dossiers' document files. `local` keeps them under files_dir, laid out by
    # content hash; `s3` in any S3-compatible bucket (credentials from the AWS_* environment,
    # read by boto3 itself).
    files_store: Literal["local", "s3"] = "local"
    files_dir: Path = Path("files")
    files_s3_endpoint: str | None = None
    files_s3_bucket: str | None = None
    files_s3_region: str = "us-east-1"
    # Limits, in megabytes: one file, and every file of one dossier together (all versions).
    files_max_file_mb: int = Field(default=20, ge=1, le=2048)
    files_max_dossier_mb: int = Field(default=300, ge=1, le=100_000)
    # The antivirus hook: a command given each received file's path; any exit but 0 refuses it.
    files_scan_command: str | None = None

    # Inherited from NotifierSettings: notifier, mail_from, outbox_dir, the SendGrid and SMTP
    # settings, retries and the lease.

    @field_validator("today")
    @classmethod
    def _meant(cls, day: date | None) -> date | None:
        return None if day is None else meant_day(day)

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
