"""How a table fits a terminal: which columns stay, and how wide each one is.

Rich, left alone, shrinks the widest columns evenly when a table is too wide, and then folds
a short date ("10/10/201" over "9 09:00") as readily as a long name. Here each kept column
gets at least its longest word, and the room left goes to the columns that want the most, so
that only the long names wrap, at spaces."""

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

# A token longer than this (an e-mail address, a URL, a server's error) folds whatever room it
# gets: no column is dropped, and no other column squeezed, to keep it whole.
LONGEST_KEPT_WORD = 24
# Each column costs its border and one space either side; the table's right border is 1 more.
COLUMN_FRAME = 3


def longest_word(heading: str, cells: Sequence[Text]) -> int:
    values = [heading, *(cell.plain for cell in cells)]
    longest = max((cell_len(word) for value in values for word in value.split()), default=1)
    return min(longest, LONGEST_KEPT_WORD)


def longest_line(heading: str, cells: Sequence[Text]) -> int:
    values = [heading, *(cell.plain for cell in cells)]
    return max((cell_len(line) for value in values for line in value.splitlines()), default=1)


def frame(columns: int) -> int:
    return COLUMN_FRAME * columns + 1


def kept_columns(headings: Sequence[str], columns: Sequence[Sequence[Text]], width: int,
                 drop: Sequence[str]) -> list[int]:
    """The columns that stay: all, unless no word could then be read whole; then those named
    in `drop` go, in that order, until the rest fit (or nothing more may go)."""
    kept = list(range(len(headings)))
    for victim in drop:
        if sum(longest_word(headings[i], columns[i]) for i in kept) + frame(len(kept)) <= width:
            break
        kept.remove(list(headings).index(victim))
    return kept


def column_widths(least: Sequence[int], most: Sequence[int], width: int) -> list[int] | None:
    """Each column's width (without its frame) for a table `width` wide, or None when the
    table fits as it is (every cell on one line) or cannot fit without breaking words."""
    room = width - frame(len(least))
    if sum(most) <= room or sum(least) > room:
        return None
    widths = list(least)
    spare = room - sum(least)
    # Fair shares of the room left, the columns that lack least served first: a heading or a
    # date that lacks a few characters gets them all, and the long names share the rest.
    lacking = sorted(range(len(widths)), key=lambda i: most[i] - least[i])
    for served, index in enumerate(lacking):
        share = min(most[index] - least[index], spare // (len(lacking) - served))
        widths[index] += share
        spare -= share
    return widths
