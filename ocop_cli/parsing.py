"""Turning what an officer types into values: the same parsers as the web forms and the API."""

from enum import StrEnum

from states.choices import choices_text
from use_cases.inputs import parse_day, parse_points, split_codes, split_names

__all__ = ["choices_help", "parse_day", "parse_points", "split_codes", "split_names"]

TYPED_EITHER_WAY = "Gõ mã hoặc tên, không phân biệt hoa thường, có dấu hay không."


def choices_help(kind: type[StrEnum], before: str = "") -> str:
    """The help of an option that takes a code (parsed by `parse_code`): every code with its
    label, since either may be typed."""
    from states.vocabulary import LABELS

    listed = choices_text(LABELS.get(kind) or {code: code for code in kind})
    return f"{before + ' ' if before else ''}{listed}. {TYPED_EITHER_WAY}"
