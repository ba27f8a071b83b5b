"""Text as people type it, compared without case or diacritics: "Gà đồi" is found by "ga doi",
and "Cty TNHH Tư vấn ABC" is the same firm as "Công ty TNHH tư vấn ABC". Plain functions every
layer may use (the schema's column defaults too)."""

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

# Multi-word legal forms and the one short form each folds to. Longest first, so that
# "cong ty co phan" becomes "cty cp", not "cty co phan".
LEGAL_FORMS: tuple[tuple[str, str], ...] = (
    ("cong ty trach nhiem huu han", "cty tnhh"),
    ("cong ty co phan", "cty cp"),
    ("trach nhiem huu han", "tnhh"),
    ("mot thanh vien", "mtv"),
    ("hop tac xa", "htx"),
    ("cong ty", "cty"),
    ("co phan", "cp"),
)
# A single token written for a whole legal form: "CTCP ABC" = "Công ty cổ phần ABC".
TOKEN_FORMS = {"ctcp": "cty cp", "ctytnhh": "cty tnhh"}


def organisation_key(name: str) -> str:
    """The key two spellings of one organisation share: folded, without punctuation, legal
    forms (Công ty / Cty, TNHH, Cổ phần / CP, Hợp tác xã / HTX) written one way."""
    # Dots join ("A.B.C" is "ABC"); any other punctuation separates words.
    words = [TOKEN_FORMS.get(w, w)
             for w in NOT_WORD.sub(" ", fold(name).replace(".", "")).split()]
    # Padded with spaces so that a form matches whole words only ("cp" inside "cpanel" stays).
    text = f" {' '.join(words)} "
    for long, short in LEGAL_FORMS:
        text = text.replace(f" {long} ", f" {short} ")
    return " ".join(text.split())
