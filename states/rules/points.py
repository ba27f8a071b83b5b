"""Council points as people read them, the same everywhere (terminal, pages, letters, sheets):
the Vietnamese decimal comma and at most two decimals, 61,33 and 76."""

from decimal import ROUND_DOWN, Decimal


def _cut(value: float) -> Decimal:
    # Cut, not rounded: an average of 49.996 must not read "50" beside "< 50".
    return Decimal(repr(float(value))).quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def format_points(value: float) -> str:
    return f"{_cut(value):f}".rstrip("0").rstrip(".").replace(".", ",")


def points_number(value: float) -> float:
    """Points for a spreadsheet cell: still a number, with the two decimals people read."""
    return float(_cut(value))
