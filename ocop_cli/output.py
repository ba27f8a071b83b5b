"""How results reach the terminal: Rich tables for people, JSON for scripts."""

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from states.clock import format_date
from states.errors import OcopError

console = Console()
error_console = Console(stderr=True)


def say(text: str) -> None:
    """A message line: no wrapping inside words or numbers, no colour guessing."""
    console.print(text, highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Any typed result (dataclasses, enums, dates) as JSON with codes and ISO dates."""
    from states.views.jsonable import jsonable

    sys.stdout.write(json.dumps(jsonable(data), ensure_ascii=False, indent=2, default=str) + "\n")


def report_error(error: OcopError, as_json: bool) -> None:
    if as_json:
        sys.stderr.write(json.dumps({"error": type(error).__name__, "kind": error.kind,
                                     "message": error.message, "exit_code": error.exit_code},
                                    ensure_ascii=False) + "\n")
    else:
        # Messages quote file keys such as "[[rounds]]": text, not Rich markup.
        error_console.print(f"[bold red]Lỗi ({error.kind}):[/] {escape(error.message)}",
                            highlight=False, soft_wrap=True)


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    grid = Table(title=title, title_justify="left")
    for column in columns:
        grid.add_column(column)
    for row in rows:
        grid.add_row(*(cell(value) for value in row))
    console.print(grid)


def reply(as_json: bool, result: Any, sentence: str) -> None:
    """The result as JSON for scripts, or one sentence for people."""
    if as_json:
        emit_json(result)
    else:
        say(sentence)


def listing(as_json: bool, rows: Sequence[Any], title: str, columns: Sequence[str],
            cells: Callable[[Any], Sequence[Any]]) -> None:
    """Rows as JSON for scripts, or as a table whose row `cells(row)` gives for people."""
    if as_json:
        emit_json(rows)
    else:
        table(title, columns, [cells(row) for row in rows])


def tell_queued_mail(state: Any) -> None:
    """After a command that queued letters, say so and how they leave (not in --json output)."""
    if state is None or getattr(state, "as_json", True):
        return
    queued = state.queued_mail()
    if queued:
        say(f"Đã xếp {queued} thư vào hộp thư đi; gửi bằng `ocop outbox send` hoặc chờ lịch gửi.")
