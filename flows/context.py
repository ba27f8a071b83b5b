"""What every flow needs: a Runtime for the given database and replayed date."""

from datetime import date

from states.runtime import Runtime
from states.settings import Settings, load_settings


def flow_runtime(as_of: date | None, database_url: str | None) -> Runtime:
    settings = load_settings(Settings)
    updates: dict[str, object] = {"user": "hệ thống"}
    if as_of is not None:
        updates["today"] = as_of
    if database_url:
        updates["database_url"] = database_url
    return Runtime.from_settings(settings.model_copy(update=updates))
