"""Who a command acts for (issue 9): a named, active user for every command that touches data,
the Department for the operator's commands. Checked when a command is about to run, after its
arguments were parsed (a mistyped command is bad input, exit 2, whoever types it), and
attached to every leaf of the command tree so that no command slips through; asking for help
runs no command and needs nobody."""

import functools
from collections.abc import Callable
from typing import Any

from typer._click.core import Command
from typer._click.globals import get_current_context

from ocop_cli.context import state_of

# Commands that act for nobody: `init` checks for itself (a new database has no users yet), the
# demo drives its own database as its own users, `diagram` and the schedule list of `flows` read
# no data (`flows` shows the next work only to a known user), `doctor` reads a database that may
# be too damaged to name any user; `restore` writes only into an empty database (no users yet).
NO_ACTOR_NEEDED = frozenset({"init", "demo", "diagram", "flows", "doctor", "restore"})
# The operator's commands, which act for the whole province (`init` on an existing database
# checks for itself): the Department's alone.
DEPARTMENT_ONLY = frozenset({"run", "serve", "web", "user", "outbox", "backup",
                             "unit set-contacts", "sheet import"})


def guard_commands(commands: list[Command]) -> None:
    """Every command of the tree checks its actor before it runs."""
    for command in commands:
        if command.callback is not None and not getattr(command, "commands", None):
            command.callback = _guarded(command.callback)


def _guarded(callback: Callable[..., Any]) -> Callable[..., Any]:
    if getattr(callback, "ocop_guarded", False):
        return callback

    @functools.wraps(callback)
    def run_for_the_actor(*args: Any, **kwargs: Any) -> Any:
        require_actor(get_current_context())
        return callback(*args, **kwargs)

    run_for_the_actor.ocop_guarded = True  # type: ignore[attr-defined]
    return run_for_the_actor


def require_actor(ctx: Any) -> None:
    """Raises PermissionDenied (exit 4) unless the command may run for the named user."""
    words = ctx.command_path.split()[1:]  # "ocop dossier show" -> ["dossier", "show"]
    if not words or words[0] in NO_ACTOR_NEEDED:
        return
    state = state_of(ctx)
    state.operator()
    for command in (words[0], " ".join(words[:2])):
        if command in DEPARTMENT_ONLY:
            state.department(f"Lệnh 'ocop {command}'")
