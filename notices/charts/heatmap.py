"""Dossiers by unit and state as a heat map, the latest units first."""

from collections.abc import Callable, Sequence

from notices.charts.shapes import HEAT_COLOURS, INK, LATE, Box, Chart, Key, TableView, Words
from states.oversight.dashboard import UnitRow
from states.vocabulary import State, label

NAME_WIDTH, CELL_W, CELL_H, HEAD = 190, 64, 18, 96
# Where a cell leads: the worklist's filters ({"state": …, "unit": …}, or {"unit": …,
# "overdue": "1"}) → its address; a unit's name leads to its own page ({"page": unit code}).
Link = Callable[[dict[str, str]], str]


def by_lateness(rows: Sequence[UnitRow]) -> list[UnitRow]:
    """Most overdue dossiers first, then most dossiers, then by name."""
    return sorted(rows, key=lambda r: (-sum(c.overdue for c in r.cells.values()), -r.total,
                                       r.unit_name))


def shade(count: int, largest: int) -> str:
    """One of five shades: 0, then four equal steps up to the largest count."""
    if count <= 0 or largest <= 0:
        return HEAT_COLOURS[0]
    return HEAT_COLOURS[min(4, 1 + (4 * (count - 1)) // largest)]


def heatmap_chart(rows: Sequence[UnitRow], states: Sequence[State], link: Link | None) -> Chart:
    ordered = [r for r in by_lateness(rows) if r.total]
    largest = max((c.count for r in ordered for c in r.cells.values()), default=0)
    boxes: list[Box] = []
    words = [Words(NAME_WIDTH + CELL_W * k + 10, HEAD - 6, label(s), "start", 10, turn=-35)
             for k, s in enumerate(states)]
    for n, row in enumerate(ordered):
        y = HEAD + n * CELL_H
        late = sum(c.overdue for c in row.cells.values())
        words.append(Words(NAME_WIDTH - 6, y + 13, row.unit_name + (f" ({late})" if late else ""),
                           "end", 10, bold=bool(late), colour=LATE if late else INK))
        for k, state in enumerate(states):
            cell = row.cells.get(state)
            count, overdue = (cell.count, cell.overdue) if cell else (0, 0)
            boxes.append(Box(
                NAME_WIDTH + k * CELL_W + 1, y + 1, CELL_W - 2, CELL_H - 2, shade(count, largest),
                f"{row.unit_name}, {label(state)}: {count} hồ sơ"
                + (f", {overdue} quá hạn" if overdue else ""), count, state.value,
                href=link({"state": state.value, "unit": row.unit_code}) if link and count else None,
                outline=LATE if overdue else None,
                caption=(f"{count}" + (f" ({overdue})" if overdue else "")) if count else "",
                row=row.unit_name, column=label(state)))
    return Chart(
        "heatmap", "Hồ sơ theo đơn vị và trạng thái",
        f"Bản đồ nhiệt: mỗi hàng một đơn vị ({len(ordered)} đơn vị có hồ sơ), đơn vị có nhiều hồ "
        "sơ quá hạn nhất ở trên; ô càng đậm càng nhiều hồ sơ, viền đỏ: có hồ sơ quá hạn (số trong "
        "ngoặc). Chọn một ô để xem danh sách hồ sơ.",
        "hồ sơ", NAME_WIDTH + CELL_W * len(states) + 90, HEAD + CELL_H * len(ordered) + 8,
        _table(ordered, states, link), _legend(largest), tuple(boxes), tuple(words))


def _table(ordered: list[UnitRow], states: Sequence[State], link: Link | None) -> TableView:
    rows: list[tuple[str | int, ...]] = []
    hrefs: list[tuple[str | None, ...]] = []
    for r in ordered:
        late = sum(c.overdue for c in r.cells.values())
        rows.append((r.unit_name, *(_count(r, s) for s in states), late, r.total))
        hrefs.append((link({"page": r.unit_code}) if link else None,
                      *(link({"state": s.value, "unit": r.unit_code})
                              if link and _count(r, s) else None for s in states),
                      link({"unit": r.unit_code, "overdue": "1"}) if link and late else None,
                      None))
    return TableView(("Đơn vị", *(label(s) for s in states), "Quá hạn", "Tổng"), tuple(rows),
                     tuple(hrefs))


def _count(row: UnitRow, state: State) -> int:
    cell = row.cells.get(state)
    return cell.count if cell else 0


def _legend(largest: int) -> tuple[Key, ...]:
    steps = [HEAT_COLOURS[k] for k in range(1, 5)]
    bounds = [1 + (largest * k + 3) // 4 for k in range(4)] + [largest + 1]
    keys = [Key(f"{bounds[k]}–{bounds[k + 1] - 1} hồ sơ" if bounds[k + 1] - 1 > bounds[k]
                else f"{bounds[k]} hồ sơ", steps[k])
            for k in range(4) if bounds[k] <= bounds[k + 1] - 1]
    return (*keys, Key("Có hồ sơ quá hạn", "#ffffff", LATE))
