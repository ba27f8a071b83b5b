"""Calling `ocop` as a named user on a business day, the way each role may: the Department's
`admin` replays the day with --today; anyone else may not (issue 9), so their call runs with
the clock itself set to that day."""

from datetime import date
from unittest.mock import patch

from click.testing import Result
from typer.testing import CliRunner

from ocop_cli.main import app
from states.clock import Clock

DEPARTMENT_USER = "admin"  # created by `ocop init`
runner = CliRunner()


def invoke(db: str, *args: str, user: str = DEPARTMENT_USER, today: str | None = None) -> Result:
    options = ["--db", db, "--as", user]
    if today is None:
        return runner.invoke(app, [*options, *args])
    if user == DEPARTMENT_USER:
        return runner.invoke(app, [*options, "--today", today, *args])
    instant = Clock(date.fromisoformat(today)).now()
    with patch.object(Clock, "now", lambda _self: instant):
        return runner.invoke(app, [*options, *args])
