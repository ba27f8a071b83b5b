"""How results reach the terminal: Rich tables for people, JSON for scripts."""

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from rich.cells import cell_len
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


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          drop: Sequence[str] = ()) -> None:
    """Rows as a table that fits the terminal: cells wrap (long words fold, nothing is cut
    with "…"); when even that does not fit, the columns named in `drop` go, in that order,
    and a last line says which."""
    texts = [[cell(value) for value in row] for row in rows]
    kept = list(range(len(columns)))
    for victim in [*drop, None]:
        if victim is None or _narrowest(columns, texts, kept) <= console.width:
            break
        kept.remove(list(columns).index(victim))
    console.print(_grid(title, columns, texts, kept))
    hidden = [c for c in drop if list(columns).index(c) not in kept]
    if hidden:
        say(f"(Cửa sổ hẹp: ẩn cột {', '.join(hidden)}; mở rộng cửa sổ hoặc dùng --json để xem đủ.)")


def _longest_word(columns: Sequence[str], texts: list[list[str]], index: int) -> int:
    values = [columns[index], *(row[index] for row in texts)]
    return max((cell_len(word) for value in values for word in value.split()), default=1)


def _narrowest(columns: Sequence[str], texts: list[list[str]], kept: list[int]) -> int:
    """The width at which no word of a kept column must be broken: each column as wide as its
    longest word, plus the borders and padding (3 a column, 1 at the end)."""
    return sum(_longest_word(columns, texts, index) + 3 for index in kept) + 1


def _grid(title: str, columns: Sequence[str], texts: list[list[str]], kept: list[int]) -> Table:
    grid = Table(title=title, title_justify="left")
    for index in kept:
        # Long words fold rather than being cut with "…": every character stays readable.
        grid.add_column(columns[index], overflow="fold")
    for row in texts:
        grid.add_row(*(row[index] for index in kept))
    return grid


def reply(as_json: bool, result: Any, sentence: str) -> None:
    """The result as JSON for scripts, or one sentence for people."""
    if as_json:
        emit_json(result)
    else:
        say(sentence)


def listing(as_json: bool, rows: Sequence[Any], title: str, columns: Sequence[str],
            cells: Callable[[Any], Sequence[Any]], *, empty: str = "Không có kết quả nào.",
            drop: Sequence[str] = ()) -> None:
    """Rows as JSON for scripts, or as a table whose row `cells(row)` gives for people (no rows:
    the sentence `empty`, not an empty frame)."""
    if as_json:
        emit_json(rows)
    elif not rows:
        say(empty)
    else:
        table(title, columns, [cells(row) for row in rows], drop)


def tell_queued_mail(state: Any) -> None:
    """After a command that queued letters, say so and how they leave (not in --json output)."""
    if state is None or getattr(state, "as_json", True):
        return
    queued = state.queued_mail()
    if queued:
        say(f"Đã xếp {queued} thư vào hộp thư đi; gửi bằng `ocop outbox send` hoặc chờ lịch gửi.")
