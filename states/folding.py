"""Text as people type it, compared without case or diacritics: "Gà đồi" is found by "ga doi".
Plain functions every layer may use (the schema's column defaults too)."""

import re
import unicodedata
from functools import lru_cache

NOT_WORD = re.compile(r"[\W_]+")


# A list repeats its units, groups and types on every row: folding each once saves ~1 s per
# 100,000 rows.
@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case, without diacritics (đ → d), words separated by one space."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@lru_cache(maxsize=4096)
def plain_words(text: str) -> str:
    """Folded, punctuation as spaces: how a heading or a choice is compared whatever its case,
    diacritics or marks ("Số QĐ (*)" → "so qd", "E-mail" → "e mail")."""
    return " ".join(NOT_WORD.sub(" ", fold(text)).split())
