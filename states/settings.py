"""Configuration from the environment (OCOP_*), overridable by the CLI's global options."""

from datetime import date
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OCOP_", extra="ignore")

    database_url: str = "sqlite:///ocop.db"
    today: date | None = None
    user: str = "admin"
    rulebook: str = "qd1048-2019"
    rules_dir: Path | None = None
