"""The global options (`ocop --db URL --today D --as USER --json ...`) and the system they make."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from bootstrap.system import System
    from states.runtime import Runtime
    from use_cases.operator import Operator


@dataclass
class CliState:
    db: str | None = None
    today: date | None = None
    user: str | None = None
    as_json: bool = False
    _system: "System | None" = field(default=None, repr=False)
    _operator: "Operator | None" = field(default=None, repr=False)

    def unchecked_system(self) -> "System":
        """The system before anyone is known to act: only for `ocop init` on a new database."""
        # Imported here so that `ocop --help` never loads SQLAlchemy or pydantic.
        from bootstrap.system import build_system

        if self._system is None:
            self._system = build_system(database_url=self.db, today=self.today, user=self.user)
        return self._system

    def system(self) -> "System":
        """The system, once `--as` / OCOP_USER names an active user (every command's first step)."""
        self.operator()
        return self.unchecked_system()

    def operator(self) -> "Operator":
        from use_cases.operator import operator

        if self._operator is None:
            system = self.unchecked_system()
            who = operator(system.rt, system.settings.user)
            if system.settings.today is not None:
                # A replayed date writes history as of that day: the Department's, for replays.
                who.require_department("Ngày làm việc giả định (--today, OCOP_TODAY)")
            self._operator = who
        return self._operator

    def runtime(self) -> "Runtime":
        return self.system().rt

    @property
    def actor(self) -> str:
        return self.operator().name

    def department(self, what: str) -> str:
        """The actor, when a Department user: `what` (a command) is the Department's."""
        who = self.operator()
        who.require_department(what)
        return who.name


def state_of(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    state: CliState = root.obj
    return state
