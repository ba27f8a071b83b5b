"""What every flow needs: the system built from the environment, as of the replayed date."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from bootstrap.system import System, build_system


@contextmanager
def flow_system(as_of: date | None, database_url: str | None) -> Iterator[System]:
    """The system as of `as_of`; its connections close when the task ends."""
    system = build_system(today=as_of, database_url=database_url)
    try:
        yield system
    finally:
        system.close()
