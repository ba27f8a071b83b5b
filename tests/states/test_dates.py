"""Calendar edge cases: month ends, leap days, Tết and other holidays in working-day counts."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from states.clock import end_of_local_day, last_local_day_before
from states.rules.certificates import expiry_date
from states.rules.working_days import WorkingCalendar

CAL = WorkingCalendar()


@pytest.mark.parametrize(("recognised", "expires"), [
    (date(2019, 8, 31), date(2022, 8, 31)),
    (date(2020, 2, 29), date(2023, 2, 28)),
    (date(2021, 2, 28), date(2024, 2, 28)),
    (date(2019, 3, 31), date(2022, 3, 31)),
    (date(2021, 5, 31), date(2024, 5, 31)),
    (date(2022, 1, 1), date(2025, 1, 1)),
])
def test_certificate_lasts_36_months_with_month_ends_clamped(recognised: date,
                                                              expires: date) -> None:
    assert expiry_date(recognised, 36) == expires


def test_tet_2022_is_not_a_working_day() -> None:
    # Tết Nhâm Dần: 31/01 – 04/02/2022 were public holidays.
    for day in range(31, 32):
        assert not CAL.is_working_day(date(2022, 1, day))
    for day in range(1, 5):
        assert not CAL.is_working_day(date(2022, 2, day))
    assert CAL.is_working_day(date(2022, 1, 28))
    assert CAL.is_working_day(date(2022, 2, 7))


def test_working_days_skip_tet_and_weekends() -> None:
    # Friday 28/01/2022 + 1 working day: the weekend and Tết week are skipped → Monday 07/02.
    assert CAL.add_working_days(date(2022, 1, 28), 1) == date(2022, 2, 7)
    assert CAL.working_days_between(date(2022, 1, 28), date(2022, 2, 7)) == 1


def test_national_day_and_reunification_day() -> None:
    assert not CAL.is_working_day(date(2022, 9, 1))
    assert not CAL.is_working_day(date(2022, 9, 2))
    assert CAL.add_working_days(date(2022, 8, 31), 1) == date(2022, 9, 5)
    assert not CAL.is_working_day(date(2022, 5, 2))  # 30/4 observed


def test_province_extra_days_off_and_make_up_days() -> None:
    cal = WorkingCalendar(extra_days_off=[date(2022, 1, 28)],
                          extra_working_days=[date(2022, 1, 29)])
    assert not cal.is_working_day(date(2022, 1, 28))
    assert cal.is_working_day(date(2022, 1, 29))  # a Saturday worked to make up the bridge day


def test_leap_day_counts_as_a_working_day() -> None:
    assert CAL.is_working_day(date(2024, 2, 29))
    assert CAL.add_working_days(date(2024, 2, 28), 1) == date(2024, 2, 29)


@given(st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)),
       st.integers(min_value=0, max_value=60))
def test_adding_then_counting_working_days_round_trips(start: date, count: int) -> None:
    end = CAL.add_working_days(start, count)
    assert CAL.working_days_between(start, end) == count
    assert count == 0 or CAL.is_working_day(end)
    assert CAL.add_working_days(end, -count) <= start


@given(st.dates(min_value=date(2019, 1, 1), max_value=date(2030, 12, 31)))
def test_end_of_local_day_round_trips(day: date) -> None:
    assert last_local_day_before(end_of_local_day(day)) == day
