"""The one place every "now" comes from, so tests and replays (`--today`) can set it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from states.errors import InvalidInput
from states.vocabulary import LOCAL_TZ

# The days anyone may type: earlier than OCOP (2018) by far, or beyond the century, is a typo;
# and date arithmetic near year 9999 overflows.
FIRST_DAY = date(1990, 1, 1)
LAST_DAY = date(2100, 12, 31)

# A replayed day acts as if the officer typed at 09:00 local time: inside office hours,
# and the same instant on every run so replays are reproducible.
REPLAY_TIME_OF_DAY = time(9, 0)


@dataclass(frozen=True)
class Clock:
    fixed_today: date | None = None
    fixed_now: datetime | None = None  # finer than a day, for retry and lease timing

    def now(self) -> datetime:
        if self.fixed_now is not None:
            return self.fixed_now.astimezone(UTC)
        if self.fixed_today is None:
            return datetime.now(UTC)
        return datetime.combine(self.fixed_today, REPLAY_TIME_OF_DAY, LOCAL_TZ).astimezone(UTC)

    def today(self) -> date:
        return local_date(self.now())


def out_of_range(day: date) -> str | None:
    """Why a typed day cannot be meant (None when it can)."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"ngày {day:%d/%m/%Y} nằm ngoài khoảng {FIRST_DAY.year}–{LAST_DAY.year}"


def meant_day(day: date, refuse: Callable[[str], Exception] = ValueError) -> date:
    """The day, if one can be meant; else `refuse(why)` is raised (ValueError suits pydantic's
    validators: the settings' OCOP_TODAY and the plans' dates)."""
    problem = out_of_range(day)
    if problem:
        raise refuse(problem)
    return day


def checked_day(day: date, what: str = "Ngày") -> date:
    return meant_day(day, lambda problem: InvalidInput(f"{what}: {problem}."))


def checked_year(year: int, what: str = "Năm") -> int:
    if not FIRST_DAY.year <= year <= LAST_DAY.year:
        raise InvalidInput(f"{what} {year} nằm ngoài khoảng {FIRST_DAY.year}–{LAST_DAY.year}.")
    return year


def real_now() -> datetime:
    """The wall clock, whatever the business date: when a row was really written (audit)."""
    return datetime.now(UTC)


def local_date(instant: datetime) -> date:
    return instant.astimezone(LOCAL_TZ).date()


def end_of_local_day(day: date) -> datetime:
    """The UTC instant at which a local calendar day is over (midnight that follows it)."""
    return datetime.combine(day + timedelta(days=1), time(0), LOCAL_TZ).astimezone(UTC)


def last_local_day_before(instant: datetime) -> date:
    """Inverse of end_of_local_day: the local day that ends at `instant`."""
    return local_date(instant - timedelta(microseconds=1))


def format_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def format_local_datetime(instant: datetime | None) -> str:
    if instant is None:
        return ""
    return instant.astimezone(LOCAL_TZ).strftime("%d/%m/%Y %H:%M")
