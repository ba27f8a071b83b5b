"""A council's result is the average of its members' totals, each out of 100."""

import re
from collections.abc import Sequence

from states.errors import InvalidInput
from states.typed_text import split_items

# A member's total as typed: digits, a decimal point and digits; no spaces inside (a list
# "6 2,5 8" is not 62 and 58), no exponents, no "nan".
MEMBER_TOTAL = re.compile(r"\d{1,3}(\.\d{1,2})?")


def parse_member_totals(typed: str | Sequence[str]) -> list[float]:
    parts = split_items(typed, "Điểm các thành viên") if typed else []
    if not parts:
        raise InvalidInput("Cần ít nhất một điểm thành viên hội đồng: vd. 62,58,60.", fields=("members",))
    for part in parts:
        if not MEMBER_TOTAL.fullmatch(part):
            raise InvalidInput(f"Điểm '{part}' không phải là một số (vd. 62 hoặc 62.5).")
    return [float(part) for part in parts]


def council_average(totals: list[float]) -> float:
    if not totals:
        raise InvalidInput("Cần ít nhất một điểm thành viên hội đồng.")
    for total in totals:
        if not 0 <= total <= 100:
            raise InvalidInput(f"Điểm {total:g} nằm ngoài khoảng 0–100.")
    return round(sum(totals) / len(totals), 2)
