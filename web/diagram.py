"""The state diagram as server-rendered SVG: boxes for the states, arrows for the steps of the
machine's own STEPS table, each box with its live count and how many are late."""

from dataclasses import dataclass

from states.lifecycle.machine import STEPS
from states.oversight.dashboard import Cell
from states.vocabulary import State, label

# Where each state sits (column, row): the evaluation path runs left to right along row 0,
# side exits below it. Only the placement is chosen here; the arrows come from STEPS.
PLACES: dict[State, tuple[int, int]] = {
    State.REGISTERED: (0, 0), State.RENEWAL: (0, 2),
    State.DISTRICT_INSPECTED: (1, 0), State.WITHDRAWN: (1, 3),
    State.DISTRICT_SCORED: (2, 0), State.RETURNED: (2, 2),
    State.PROVINCIAL_REVIEW: (3, 0), State.NOT_RECOGNISED: (3, 3),
    State.CENTRAL_REVIEW: (4, 1), State.CERTIFIED: (5, 0),
    State.EXPIRED: (5, 2), State.REVOKED: (4, 3),
}
BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 170, 64, 40, 46, 10


@dataclass(frozen=True)
class Box:
    state: State
    x: int
    y: int
    lines: list[str]
    count: int
    overdue: int


@dataclass(frozen=True)
class Arrow:
    source: State
    dest: State
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: list[Box]
    arrows: list[Arrow]


def _wrap(text: str, width: int = 24) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:2]


def _edge(a: Box, b: Box) -> tuple[float, float, float, float]:
    """From the border of box a towards box b (centre to centre, clipped to the boxes)."""
    ax, ay = a.x + BOX_W / 2, a.y + BOX_H / 2
    bx, by = b.x + BOX_W / 2, b.y + BOX_H / 2
    dx, dy = bx - ax, by - ay
    scale = max(abs(dx) / (BOX_W / 2), abs(dy) / (BOX_H / 2)) or 1
    return ax + dx / scale, ay + dy / scale, bx - dx / scale, by - dy / scale


def diagram(counts: dict[State, Cell]) -> Diagram:
    boxes = {s: Box(s, MARGIN + c * (BOX_W + GAP_X), MARGIN + r * (BOX_H + GAP_Y),
                    _wrap(label(s)), counts.get(s, Cell(0, 0)).count,
                    counts.get(s, Cell(0, 0)).overdue)
             for s, (c, r) in PLACES.items()}
    pairs = dict.fromkeys((source, step.dest) for step in STEPS for source in step.sources
                          if source != step.dest)
    arrows = [Arrow(a, b, *_edge(boxes[a], boxes[b])) for a, b in pairs]
    columns = max(c for c, _ in PLACES.values()) + 1
    rows = max(r for _, r in PLACES.values()) + 1
    return Diagram(2 * MARGIN + columns * BOX_W + (columns - 1) * GAP_X,
                   2 * MARGIN + rows * BOX_H + (rows - 1) * GAP_Y, list(boxes.values()), arrows)
