"""What every flow needs: the system built from the environment, as of the replayed date."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from bootstrap.system import System, build_system
from notices.queueing import QueueReport
from states.runtime import Runtime


@contextmanager
def flow_system(as_of: date | None) -> Iterator[System]:
    """The system as of `as_of`; its connections close when the task ends. The database is the
    one the runtime's environment names (OCOP_DATABASE_URL, or the process's `overriding`), never
    a flow-run parameter: Prefect shows parameters, with any password in them, to all."""
    system = build_system(today=as_of)
    try:
        yield system
    finally:
        system.close()


def queued_as_of(as_of: date | None, schedule: Callable[[Runtime], QueueReport]) -> dict[str, Any]:
    """Run a schedule that queues notices, as of `as_of`; what it queued, as the flow reports it."""
    with flow_system(as_of) as system:
        report = schedule(system.rt)
        return {"as_of": system.rt.clock.today().isoformat(), "queued": report.queued,
                "already_queued": report.already_queued}
