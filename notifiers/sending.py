"""One call that sends what is due: used by the CLI and by the dispatch flow."""

from notifiers.dispatcher import Dispatcher, DispatchReport
from notifiers.settings import NotifierSettings
from notifiers.transports import transport_from
from states.runtime import Runtime
from states.settings import load_settings


def dispatch(rt: Runtime, settings: NotifierSettings | None = None, limit: int | None = None,
             sendgrid_key: str | None = None) -> DispatchReport:
    settings = settings or load_settings(NotifierSettings)
    transport = transport_from(settings, sendgrid_key)
    return Dispatcher(rt.db, transport, settings, rt.clock).run(limit=limit)
