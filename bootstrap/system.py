"""Building the runtime once per process (CLI command, flow run, web application)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bootstrap.settings import EnvSettings, read_environment
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.db.database import Database
from states.documents.store import MEGABYTE, FileDesk, FileLimits
from states.runtime import Runtime, SheetFinder
from storage.factory import build_desk, build_store

# Where councils find their score sheets (issue 21). None: the shipped sheets and the
# province's (states/rules/sheet_book.py); tests set their own.
SHEET_FINDER: SheetFinder | None = None

# Set by `overriding`: a process that runs flows in-process (the demo) steers them without
# touching os.environ.
_overrides: dict[str, Any] = {}


@dataclass
class System:
    """What the entry points hand down: the domain runtime, how mail leaves, the settings."""

    rt: Runtime
    mail: NotifierSettings
    settings: EnvSettings
    # Issue 25: the document files' store, limits and antivirus hook (by default from the
    # settings).
    files: FileDesk = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.files is None:
            self.files = file_desk(self.settings)

    def close(self) -> None:
        self.rt.db.dispose()


def build_system(**options: Any) -> System:
    """The environment (OCOP_*), then `overriding`'s values, then the entry point's options."""
    settings = read_environment(**{**_overrides, **options})
    runtime = Runtime(db=Database(settings.database_url), clock=Clock(settings.today),
                      rules_dir=settings.rules_dir, rulebook_pin=settings.rulebook,
                      sheet_finder=SHEET_FINDER)
    return System(runtime, settings.notifier_settings(), settings, file_desk(settings))


def file_desk(settings: EnvSettings) -> FileDesk:
    store = build_store(settings.files_store, settings.files_dir, s3_bucket=settings.files_s3_bucket,
                        s3_endpoint=settings.files_s3_endpoint, s3_region=settings.files_s3_region)
    limits = FileLimits(settings.files_max_file_mb * MEGABYTE, settings.files_max_dossier_mb * MEGABYTE)
    return build_desk(store, limits, settings.files_scan_command)


@contextmanager
def overriding(**values: Any) -> Iterator[None]:
    """Every System built inside this block takes these settings (the demo's SQLite file and
    outbox folder), whatever the environment says."""
    saved = dict(_overrides)
    _overrides.update(values)
    try:
        yield
    finally:
        _overrides.clear()
        _overrides.update(saved)
