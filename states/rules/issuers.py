"""Who issued a recognition, as the certificate prints it: the ministry for 5 stars, the
district under QĐ 148 for the stars it recognises itself, otherwise the Provincial People's
Committee."""

from datetime import date

from states.rules.rulebooks import Rulebook

# The central ministry, by the day it took the name (the ministries of agriculture and of
# natural resources merged on 1/3/2025).
MINISTRIES: tuple[tuple[date, str], ...] = (
    (date(2025, 3, 1), "Bộ Nông nghiệp và Môi trường"),
    (date(1945, 1, 1), "Bộ Nông nghiệp và Phát triển nông thôn"),
)


def _of(unit_name: str) -> str:
    """ "Huyện Lục Ngạn" → "huyện Lục Ngạn", as it follows "Ủy ban nhân dân"."""
    return unit_name[:1].lower() + unit_name[1:]


def issuer(rulebook: Rulebook, stars: int, decided_on: date, unit_name: str,
           province_name: str) -> str:
    if stars >= 5:
        return next(name for since, name in MINISTRIES if decided_on >= since)
    if stars <= rulebook.local_recognition_max_stars:
        return f"Ủy ban nhân dân {_of(unit_name)}"
    return f"Ủy ban nhân dân {_of(province_name)}"
