"""Building the runtime once per process (CLI command, flow run, web application)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from bootstrap.settings import EnvSettings, read_environment
from notifiers.settings import NotifierSettings
from states.clock import Clock
from states.db.database import Database
from states.runtime import Runtime, SheetFinder

# A test's own score sheets for councils (issue 21); None: the runtime's book of shipped and
# province sheets.
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

    def close(self) -> None:
        self.rt.db.dispose()


def build_system(**options: Any) -> System:
    """The environment (OCOP_*), then `overriding`'s values, then the entry point's options."""
    settings = read_environment(**{**_overrides, **options})
    runtime = Runtime(db=Database(settings.database_url), clock=Clock(settings.today),
                      rules_dir=settings.rules_dir, rulebook_pin=settings.rulebook,
                      sheet_finder=SHEET_FINDER)
    return System(runtime, settings.notifier_settings(), settings)


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
