"""The global options (`ocop --db URL --today D --as USER --json ...`) and the system they make."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from bootstrap.system import System
    from states.runtime import Runtime


@dataclass
class CliState:
    db: str | None = None
    today: date | None = None
    user: str | None = None
    as_json: bool = False
    _system: "System | None" = field(default=None, repr=False)

    def system(self) -> "System":
        # Imported here so that `ocop --help` never loads SQLAlchemy or pydantic.
        from bootstrap.system import build_system

        if self._system is None:
            self._system = build_system(database_url=self.db, today=self.today, user=self.user)
        return self._system

    def queued_mail(self) -> int:
        """How many letters this command queued (0 when it never opened the database)."""
        if self._system is None:
            return 0
        from use_cases.outbox import queued_mail

        return queued_mail(self._system.rt)

    def runtime(self) -> "Runtime":
        return self.system().rt

    @property
    def actor(self) -> str:
        return self.system().default_actor


def state_of(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    state: CliState = root.obj
    return state
