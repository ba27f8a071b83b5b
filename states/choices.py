"""A coded value as a person types it: its code or its Vietnamese label, whatever the case and
diacritics. "Đã công nhận", "da cong nhan" and "certified" are one state; a label's leading words
or one of its parts will do when they name one choice only ("hộ kinh doanh" for "Hộ kinh doanh /
hộ sản xuất", "ngừng hoạt động" for "Ngừng hoạt động sản xuất, kinh doanh")."""

import re
from collections.abc import Mapping

from states.errors import InvalidInput
from states.folding import plain_words

PARTS = re.compile(r"[/(),;]")


def label_parts(label: str) -> list[str]:
    return [plain_words(label)] + [plain_words(p) for p in PARTS.split(label) if p.strip()]


def matching(text: str, choices: Mapping[str, str],
             aliases: Mapping[str, str] | None = None) -> list[str]:
    """The codes `text` names: exactly (code, label, or one of the `aliases`, whose keys are in
    `plain_words` form: "htx" for a cooperative) if any, else by the words a label starts."""
    wanted = plain_words(text)
    if not wanted:
        return []
    if aliases and wanted in aliases:
        return [aliases[wanted]]
    exact = [code for code, label in choices.items()
             if wanted in (plain_words(code), plain_words(label))]
    if exact:
        return exact
    return [code for code, label in choices.items()
            if any(part == wanted or part.startswith(wanted + " ") for part in label_parts(label))]


def choices_text(choices: Mapping[str, str]) -> str:
    return "; ".join(f"{code} ({label})" if label != code else code
                     for code, label in choices.items())


def choose(text: str, choices: Mapping[str, str], what: str, within: str = "") -> str:
    """The one code that `text` names, or a sentence listing the choices (codes and labels)."""
    found = matching(text, choices)
    if len(found) == 1:
        return found[0]
    named = {code: choices[code] for code in found} if found else choices
    problem = ("khớp nhiều lựa chọn" if found
               else f"không có trong {within}" if within else "không hợp lệ")
    raise InvalidInput(f"{what} '{text.strip()}' {problem}. Chọn một trong: {choices_text(named)}.")
