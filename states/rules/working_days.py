"""Vietnamese working days: weekends and public holidays (Tết included) are off."""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any


class WorkingCalendar:
    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
    ) -> None:
        # Provinces add the Government's yearly bridge days (e.g. the longer Tết break) here.
        self._public_holidays: Any = None
        self._extra_off = frozenset(extra_days_off)
        self._extra_on = frozenset(extra_working_days)
        self._between_cache: dict[tuple[date, date], int] = {}

    def is_working_day(self, day: date) -> bool:
        if day in self._extra_on:
            return True
        if day in self._extra_off or day.weekday() >= 5:
            return False
        if self._public_holidays is None:
            # Imported on first use: commands that never count days start faster.
            from holidays.countries.vietnam import Vietnam

            self._public_holidays = Vietnam()  # type: ignore[no-untyped-call]
        return day not in self._public_holidays

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (negative counts go back)."""
        step = 1 if count >= 0 else -1
        remaining = abs(count)
        day = start
        while remaining:
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        # Sweeps ask this for many dossiers sharing few distinct dates.
        key = (start, end)
        if key not in self._between_cache:
            self._between_cache[key] = self._count(start, end)
        return self._between_cache[key]

    def _count(self, start: date, end: date) -> int:
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )
