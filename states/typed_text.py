"""Text as a person typed it, made safe to keep: composed (NFC) and stripped, without the
characters nobody sees (controls, zero-width, bidi marks) that would make "admin\u200b" look
like "admin". Names, codes and identifiers follow this everywhere (CLI, web, imports); plain
functions, so that every layer, storage included, may use them."""

import re
import unicodedata
from collections.abc import Sequence

from states.errors import InvalidInput

# Cc controls, Cf format (zero-width space and joiners, bidi marks and overrides, BOM, soft
# hyphen), Cs/Co/Cn surrogates, private use and unassigned, Zl/Zp line and paragraph separators.
UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# What a note typed over several lines may keep.
LINE_BREAKS = frozenset("\n\r\t")


def unseen_character(text: str, lines: bool = False) -> str | None:
    """The first character of `text` that a reader cannot see, by its code point ("U+200B";
    None when clean)."""
    for character in text:
        if lines and character in LINE_BREAKS:
            continue
        if unicodedata.category(character) in UNSEEN_CATEGORIES:
            return f"U+{ord(character):04X}"
    return None


def typed_text(value: str, what: str, limit: int | None = None, lines: bool = False) -> str:
    """`value` composed and stripped; refused (bad input, naming `what`) when empty, when it
    holds an unseen character, or when longer than `limit` characters."""
    text = unicodedata.normalize("NFC", value).strip()
    unseen = unseen_character(text, lines)
    if unseen:
        raise InvalidInput(f"{what} chứa ký tự điều khiển hoặc ký tự ẩn ({unseen}): hãy gõ lại.")
    if not text:
        raise InvalidInput(f"{what} không được để trống.")
    if limit is not None and len(text) > limit:
        raise InvalidInput(f"{what} dài {len(text)} ký tự, tối đa {limit} ký tự.")
    return text


def typed_name(value: str, what: str, limit: int | None = None) -> str:
    """A name, code or number: typed_text with at least one letter or digit (not only marks)."""
    text = typed_text(value, what, limit)
    if not any(character.isalnum() for character in text):
        raise InvalidInput(f"{what} '{text}' phải có ít nhất một chữ cái hoặc chữ số.")
    if _stacked_marks(text):
        raise InvalidInput(f"{what} có dấu chồng lên dấu: hãy gõ lại.")
    return text


def _stacked_marks(text: str) -> bool:
    """A letter carrying the same mark twice, or more than two marks: Vietnamese writes at most
    a vowel mark and a tone ("ệ"); more only disguises a name ("admiń́")."""
    marks: list[str] = []
    for character in unicodedata.normalize("NFD", text) + " ":
        if unicodedata.combining(character):
            marks.append(character)
            continue
        if len(marks) > 2 or len(set(marks)) < len(marks):
            return True
        marks = []
    return False


def optional_name(value: str | None, what: str, limit: int | None = None) -> str | None:
    """typed_name, where nothing typed (None) stays nothing; blank is still refused."""
    return None if value is None else typed_name(value, what, limit)


def split_items(values: str | Sequence[str] | None, what: str) -> list[str]:
    """A list as it may be typed: one value with commas (or semicolons), the option repeated,
    or both ("62,58" --members 64). An empty item ("62,,58") is a typo, not nothing."""
    texts = [values] if isinstance(values, str) else list(values or [])
    items: list[str] = []
    for text in texts:
        parts = [part.strip() for part in re.split(r"[,;]", text)]
        if any(not part for part in parts):
            raise InvalidInput(f"{what} '{text}' có mục trống: các mục cách nhau bởi một dấu phẩy.")
        items.extend(parts)
    return items


def name_key(text: str) -> str:
    """How two names of one user or producer compare: composed, case folded ("Admin" with a
    decomposed accent is the same as "admin" with a composed one)."""
    return unicodedata.normalize("NFC", text).casefold().strip()
