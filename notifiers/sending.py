"""One call that sends what is due: used by the CLI and by the dispatch flow."""

from notifiers.dispatcher import Dispatcher, DispatchReport
from notifiers.settings import NotifierSettings
from notifiers.transports import transport_from
from states.clock import Clock
from states.db.database import Database


def dispatch(db: Database, clock: Clock, settings: NotifierSettings, limit: int | None = None,
             sendgrid_key: str | None = None) -> DispatchReport:
    transport = transport_from(settings, sendgrid_key)
    return Dispatcher(db, transport, settings, clock).run(limit=limit)
