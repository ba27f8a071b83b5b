"""One call that sends what is due: used by the CLI and by the dispatch flow.

It takes no business clock: leases and retries run on the real one (notifiers.outbox.WALL_CLOCK),
whatever date a replay pretends it is."""

from notifiers.dispatcher import Dispatcher, DispatchReport
from notifiers.settings import NotifierSettings
from notifiers.transports import transport_from
from states.db.database import Database


def dispatch(db: Database, settings: NotifierSettings, limit: int | None = None,
             sendgrid_key: str | None = None) -> DispatchReport:
    transport = transport_from(settings, sendgrid_key)
    return Dispatcher(db, transport, settings).run(limit=limit)
