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
    from states.views.jsonable import jsonable

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
    if code is None:
        return ""
    try:
        return _label(kind(code))
    except ValueError:
        return code


def _label(code: StrEnum) -> str:
    from states.vocabulary import LABELS

    return LABELS.get(type(code), {}).get(code, str(code))


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    grid = Table(title=styled(title), title_justify="left")
    for column in columns:
        grid.add_column(styled(column))
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
