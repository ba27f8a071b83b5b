"""How results reach the terminal: Rich tables for people, JSON for scripts.

Every text shown here may hold what a user typed (a product called "Gà [/] đồi", a name with
an ESC sequence): it is handed to Rich as `Text`, never as a markup string, and the characters
a terminal would act on instead of showing are replaced by visible marks (`shown`)."""

import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from states.clock import format_date, format_local_datetime
from states.errors import OcopError

console = Console()
error_console = Console(stderr=True)

# C0 controls (ESC, CR, backspace, ...; a newline stays a newline) become their Unicode
# "control pictures" (␛, ␍); DEL, the C1 controls (0x9B is a one-byte CSI) and the bidi
# controls, which reorder what the eye reads, become "�".
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_UNSHOWABLE: dict[int, int] = {
    **{code: 0x2400 + code for code in range(0x20) if code != 0x0A},
    **{code: 0xFFFD for code in (0x7F, *range(0x80, 0xA0), *_BIDI)},
}
# In JSON the same characters travel as \u escapes: the value is unchanged for a script, and
# nothing reaches a terminal that shows the output raw (json.dumps already escapes C0).
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *_BIDI)}

Part = str | tuple[str, str]


def shown(text: str) -> str:
    """`text` as a terminal may show it: no control sequence, no reordering."""
    return text.translate(_UNSHOWABLE)


def styled(*parts: Part) -> Text:
    """Plain text with styled pieces, e.g. styled("Hồ sơ 3: ", (label, "bold")): the pieces are
    data, never markup."""
    text = Text()
    for part in parts:
        piece, style = (part, "") if isinstance(part, str) else part
        text.append(shown(piece), style=style)
    return text


def say(text: str | Text) -> None:
    """A message line: no wrapping inside words or numbers, no colour guessing, no markup."""
    console.print(text if isinstance(text, Text) else styled(text), highlight=False,
                  soft_wrap=True)


def progress(text: str) -> None:
    """What a slow command is doing now: on stderr, so that stdout stays the result."""
    error_console.print(text, style="dim", highlight=False, soft_wrap=True)


def emit_json(data: Any) -> None:
    """Any typed result (dataclasses, enums, dates) as JSON with codes and ISO dates."""
    from states.jsonable import jsonable

    sys.stdout.write(json_text(jsonable(data), indent=2) + "\n")


def json_text(data: Any, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent, default=str).translate(_JSON_ESCAPES)


def report_error(error: OcopError, as_json: bool) -> None:
    if as_json:
        sys.stderr.write(json_text({"error": type(error).__name__, "kind": error.kind,
                                    "message": error.message, "exit_code": error.exit_code}) + "\n")
    else:
        # Messages quote file keys such as "[[rounds]]" and what the user typed: text only.
        error_console.print(styled((f"Lỗi ({error.kind}):", "bold red"), " ", error.message),
                            highlight=False, soft_wrap=True)


def cell(value: Any) -> Text:
    """What a person reads in a table: codes as their Vietnamese label, dates as dd/mm/yyyy
    (instants in Vietnam's time), user data as plain text (never markup)."""
    if value is None:
        return Text()
    if isinstance(value, StrEnum):
        return styled(_label(value))
    if isinstance(value, datetime):
        return Text(format_local_datetime(value))
    if isinstance(value, date):
        return Text(format_date(value))
    return styled(str(value))


def label_of(kind: type[StrEnum], code: str | None) -> str:
    """A code stored as text (an event's step or state), as its label; unknown codes as is."""
    from states.vocabulary import label_or_code

    return "" if code is None else label_or_code(kind, code)


def _label(code: StrEnum) -> str:
    from states.vocabulary import label_or_code

    return label_or_code(type(code), code)


# `ocop --wide`: every column, each cell on one line, however wide the table (for a pager
# with -S or a file); set once by the global option.
WIDE = {"on": False}


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          drop: Sequence[str] = ()) -> None:
    """Rows as a table that fits the terminal: long names wrap at spaces inside their cell
    (a word longer than its column folds; nothing is cut with "…"), and rows that wrap are
    ruled apart so that each reads as one; when even that does not fit, the columns named in
    `drop` (lowest priority first) go, in that order, and a last line says which. `--wide`
    keeps every column, each cell on one line, however wide the table."""
    from ocop_cli.table_fit import column_widths, kept_columns, longest_line, longest_word

    texts = [[cell(value) for value in row] for row in rows]
    by_column = [[row[index] for row in texts] for index in range(len(columns))]
    if WIDE["on"]:
        every = list(range(len(columns)))
        grid = _grid(title, columns, texts, every, None, _wraps(columns, texts, every, 10**6))
        # A console of its own: Rich clips any print to the terminal's width.
        Console(width=max(console.width, _natural_width(grid))).print(grid, crop=False)
        return
    kept = kept_columns(columns, by_column, console.width, drop)
    widths = column_widths([longest_word(columns[i], by_column[i]) for i in kept],
                           [longest_line(columns[i], by_column[i]) for i in kept], console.width)
    ruled = widths is not None or _wraps(columns, texts, kept, console.width)
    console.print(_grid(title, columns, texts, kept, widths, ruled))
    hidden = [c for c in drop if list(columns).index(c) not in kept]
    if hidden:
        say(f"(Cửa sổ hẹp: ẩn cột {', '.join(hidden)}; xem đủ: --wide hoặc --json.)")


def _natural_width(grid: Table) -> int:
    """How wide the table is when no cell wraps."""
    from rich.measure import Measurement

    return Measurement.get(console, console.options.update_width(10**6), grid).maximum


def _grid(title: str, columns: Sequence[str], texts: list[list[Text]], kept: list[int],
          widths: list[int] | None, ruled: bool) -> Table:
    """The table: `widths` (one per kept column) when it must wrap, `ruled` between rows."""
    grid = Table(title=styled(title), title_justify="left", show_lines=ruled)
    for place, index in enumerate(kept):
        # Long words fold rather than being cut with "…": every character stays readable.
        grid.add_column(styled(columns[index]), overflow="fold",
                        width=None if widths is None else widths[place])
    for row in texts:
        grid.add_row(*(row[index] for index in kept))
    return grid


def _wraps(columns: Sequence[str], texts: list[list[Text]], kept: list[int], width: int) -> bool:
    """Whether some row takes more than one line (a cell holding a newline, or a table Rich
    must squeeze because even whole words do not fit)."""
    if any("\n" in row[index].plain for row in texts for index in kept):
        return True
    from ocop_cli.table_fit import frame, longest_line

    return sum(longest_line(columns[i], [row[i] for row in texts]) for i in kept) + frame(
        len(kept)) > width


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
