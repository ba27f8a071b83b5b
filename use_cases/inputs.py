"""Turning what a person typed (CLI options, web forms, API fields) into values, with messages
they understand."""

from collections.abc import Sequence
from datetime import date, datetime

from states.clock import checked_day
from states.errors import InvalidInput
from states.typed_text import split_items

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def parse_day(text: str, what: str = "Ngày") -> date:
    for fmt in DATE_FORMATS:
        try:
            day = datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
        return checked_day(day, what)
    raise InvalidInput(f"{what} '{text}' không hợp lệ: dùng dạng YYYY-MM-DD hoặc dd/mm/yyyy.")


def parse_points(points: float | None, members: str | Sequence[str] | None) -> list[float]:
    from states.rules.scoring import parse_member_totals

    members = members or None  # an option never given (an empty list) is not given
    if (points is None) == (members is None):
        raise InvalidInput("Cần đúng một trong hai: điểm trung bình hoặc điểm từng thành viên hội đồng.",
                           fields=("points", "members"))
    return [points] if points is not None else parse_member_totals(members or [])


def split_codes(values: Sequence[str] | None, what: str) -> list[str]:
    """Codes given as "a,b", as a repeated option, or both (--add, --remove)."""
    return split_items(values, what)


def split_names(text: str, what: str = "Người kiểm tra") -> list[str]:
    """Names given as "An, Bình": strictly, as every list (an empty item between commas is a
    typo); nothing typed is no names."""
    return split_items(text, what) if text.strip() else []
