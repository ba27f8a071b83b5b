"""What every flow needs: a Runtime for the given database and replayed date."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from states.expiry import SYSTEM_ACTOR
from states.runtime import Runtime
from states.settings import Settings, load_settings


@contextmanager
def flow_runtime(as_of: date | None, database_url: str | None) -> Iterator[Runtime]:
    """A Runtime acting as the system as of `as_of`; its connections close when the task ends."""
    settings = load_settings(Settings)
    updates: dict[str, object] = {"user": SYSTEM_ACTOR}
    if as_of is not None:
        updates["today"] = as_of
    if database_url:
        updates["database_url"] = database_url
    rt = Runtime.from_settings(settings.model_copy(update=updates))
    try:
        yield rt
    finally:
        rt.db.dispose()
