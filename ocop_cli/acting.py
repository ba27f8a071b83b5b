"""Who a command acts for (issue 9): a named, active user for every command that touches data,
the Department for the operator's commands. Checked before a command parses its own arguments,
so that no command slips through, and so that asking for help needs nobody."""

from typing import Any

import typer
from typer.core import TyperGroup

from ocop_cli.context import state_of

# Where the root group leaves the command's own arguments (see OcopGroup.parse_args).
COMMAND_ARGS = "ocop.command_args"
HELP_OPTIONS = frozenset({"--help", "-h"})
# Commands that act for nobody: `init` checks for itself (a new database has no users yet), the
# demo drives its own database as its own users, `diagram` and the schedule list of `flows` read
# no data (`flows` shows the next work only to a known user).
NO_ACTOR_NEEDED = frozenset({"init", "demo", "diagram", "flows"})
# The operator's commands, which act for the whole province (`init` on an existing database
# checks for itself): the Department's alone.
DEPARTMENT_ONLY = frozenset({"run", "serve", "web", "user", "outbox send", "outbox retry",
                             "unit set-contacts"})


def keep_command_args(ctx: Any, rest: list[str]) -> None:
    ctx.meta[COMMAND_ARGS] = list(rest)


def require_actor(ctx: typer.Context) -> None:
    """Raises PermissionDenied (exit 4) unless the command may run for the named user."""
    if not _acts(ctx):
        return
    state = state_of(ctx)
    state.operator()
    words = [ctx.invoked_subcommand or "", *ctx.meta[COMMAND_ARGS]]
    for command in (words[0], " ".join(words[:2])):
        if command in DEPARTMENT_ONLY:
            state.department(f"Lệnh 'ocop {command}'")


def _acts(ctx: typer.Context) -> bool:
    rest: list[str] = ctx.meta.get(COMMAND_ARGS, [])
    if ctx.resilient_parsing or ctx.invoked_subcommand in NO_ACTOR_NEEDED or HELP_OPTIONS & set(rest):
        return False
    command = ctx.command.get_command(ctx, ctx.invoked_subcommand or "")  # type: ignore[attr-defined]
    return bool(rest) or not isinstance(command, TyperGroup)  # a group alone prints its help
