"""What a chart is made of, whatever it shows: rectangles, marks, words, a legend and the
same numbers as a table, so that one SVG template draws every chart and one test can check
that each chart says what its table says."""

from dataclasses import dataclass, field

# Print-safe colours, readable in greyscale and by the common colour-blindnesses (a blue
# ramp; orange against teal for "expiring" against "received").
STAR_COLOURS = {3: "#9ecae1", 4: "#4292c6", 5: "#08306b", 2: "#d9d9d9", 1: "#f0f0f0"}
HEAT_COLOURS = ("#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
LATE = "#c62828"
EXPIRING = "#e6550d"
RECEIVED = "#31a354"
DUE = "#3182bd"
INK = "#263238"


@dataclass(frozen=True)
class Box:
    """One rectangle; `value` is the number it stands for, `href` where a click leads."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    tip: str  # the <title> a pointer or a screen reader gets
    value: int
    series: str = ""
    href: str | None = None
    outline: str | None = None
    caption: str = ""  # the number written inside, when the box is big enough
    # Where the same number stands in the chart's table: its row's first cell and its heading.
    row: str = ""
    column: str = ""


@dataclass(frozen=True)
class Words:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start | middle | end
    size: int = 11
    bold: bool = False
    colour: str = INK
    turn: int = 0  # degrees, for crowded axis labels


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str = "#b0bec5"
    dashed: bool = False
    width: float = 1


@dataclass(frozen=True)
class Key:
    """An entry of the legend."""

    label: str
    fill: str
    outline: str | None = None


@dataclass(frozen=True)
class TableView:
    """The chart's numbers as rows, for screen readers and for print."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str | int, ...], ...]
    hrefs: tuple[tuple[str | None, ...], ...] = ()  # where a cell leads, row by row


@dataclass(frozen=True)
class Chart:
    code: str  # stars | heatmap | due | renewals: the element ids and tests use it
    title: str
    description: str  # what the picture says, in a sentence or two (<desc>)
    unit: str  # what the numbers count, e.g. "sản phẩm"
    width: int
    height: int
    table: TableView
    legend: tuple[Key, ...] = ()
    boxes: tuple[Box, ...] = ()
    words: tuple[Words, ...] = ()
    lines: tuple[Line, ...] = ()
    notes: tuple[str, ...] = field(default=())


def nice_top(largest: int) -> int:
    """The top of a count axis: the smallest 1, 2 or 5 × 10^n at or above `largest` (≥ 1)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= largest:
                return step * factor
        step *= 10


def ticks(top: int) -> list[int]:
    """Five gridlines from 0 to `top` (fewer, in whole numbers, for a small top)."""
    parts = min(top, 5) or 1
    return sorted({round(top * n / parts) for n in range(parts + 1)})


def count_axis(top: int, left: float, bottom: float, height: float, right: float,
               title: str) -> tuple[list[Words], list[Line]]:
    """Gridlines with their numbers on the left, and the axis title above them."""
    words = [Words(left - 6, bottom - height * t / top + 4, f"{t:,}".replace(",", "."), "end",
                   10) for t in ticks(top)]
    lines = [Line(left, bottom - height * t / top, right, bottom - height * t / top,
                  "#eceff1" if t else "#90a4ae") for t in ticks(top)]
    words.append(Words(left - 6, bottom - height - 14, title, "start", 10, colour="#546e7a"))
    return words, lines
