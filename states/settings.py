"""Configuration from the environment (OCOP_*), overridable by the CLI's global options."""

from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from states.errors import ConfigurationError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_", extra="ignore")

    database_url: str = "sqlite:///ocop.db"
    today: date | None = None
    user: str = "admin"
    rulebook: str = "qd1048-2019"
    rules_dir: Path | None = None


SettingsT = TypeVar("SettingsT", bound=BaseSettings)


def load_settings(kind: type[SettingsT]) -> SettingsT:
    """Read settings from the environment; a bad value is a clear error, not a traceback."""
    try:
        return kind()
    except ValidationError as error:
        wrong = "; ".join(
            f"OCOP_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in error.errors())
        raise ConfigurationError(f"Cấu hình không hợp lệ: {wrong}") from None
