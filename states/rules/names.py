"""Comparing names as people write them: "Nguyễn Văn An" on a sign-in sheet is "nguyen van an"
in the system, and "Cty TNHH Tư vấn ABC" is the same firm as "Công ty TNHH tư vấn ABC"."""

# `fold` lives in states.folding (the schema's search columns use it too); still imported from
# here by the training and consultants' code.
from states.folding import NOT_WORD
from states.folding import fold as fold

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
