"""A council's result is the average of its members' totals, each out of 100."""

from states.errors import InvalidInput


def parse_member_totals(text: str) -> list[float]:
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise InvalidInput("Cần ít nhất một điểm thành viên hội đồng, ví dụ: --members 62,58,60")
    totals = []
    for part in parts:
        try:
            totals.append(float(part.replace(" ", "")))
        except ValueError:
            raise InvalidInput(f"Điểm '{part}' không phải là số.") from None
    return totals


def council_average(totals: list[float]) -> float:
    if not totals:
        raise InvalidInput("Cần ít nhất một điểm thành viên hội đồng.")
    for total in totals:
        if not 0 <= total <= 100:
            raise InvalidInput(f"Điểm {total:g} nằm ngoài khoảng 0–100.")
    return round(sum(totals) / len(totals), 2)
