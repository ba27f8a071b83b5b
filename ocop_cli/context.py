"""The global options (`ocop --db URL --today D --as USER --json ...`) and the Runtime they make."""

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from states.runtime import Runtime
    from states.settings import Settings


@dataclass
class CliState:
    db: str | None = None
    today: date | None = None
    user: str | None = None
    as_json: bool = False
    _runtime: "Runtime | None" = field(default=None, repr=False)

    def settings(self) -> "Settings":
        # Imported here so that `ocop --help` never loads SQLAlchemy or pydantic.
        from states.settings import Settings, load_settings

        settings = load_settings(Settings)
        updates: dict[str, object] = {}
        if self.db:
            updates["database_url"] = self.db
        if self.today:
            updates["today"] = self.today
        if self.user:
            updates["user"] = self.user
        return settings.model_copy(update=updates)

    def runtime(self) -> "Runtime":
        from states.runtime import Runtime

        if self._runtime is None:
            self._runtime = Runtime.from_settings(self.settings())
        return self._runtime

    @property
    def actor(self) -> str:
        return self.runtime().settings.user


def state_of(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj
