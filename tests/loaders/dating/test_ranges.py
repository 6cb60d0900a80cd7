"""Date ranges of reduced precision: the days they cover, and one day somewhere within them."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.dating import DateRange, a_day_within, covered_days


def test_a_month_covers_its_days() -> None:
    assert covered_days((date(2023, 6, 1), "month", date(2023, 6, 1), "month")) == (date(2023, 6, 1), date(2023, 6, 30))


@pytest.mark.parametrize(
    ("dates", "within"),
    [
        pytest.param(
            (date(2024, 4, 7), "day", date(2024, 4, 7), "day"),
            (date(2024, 4, 7), "day", date(2024, 4, 7), "day"),
            id="one-day",
        ),
        pytest.param(
            (date(2024, 4, 4), "day", date(2024, 4, 8), "day"),
            (date(2024, 4, 1), "month", date(2024, 4, 30), "month"),
            id="days-of-one-month",
        ),
        pytest.param(
            (date(2024, 4, 28), "day", date(2024, 5, 2), "day"),
            (date(2024, 1, 1), "year", date(2024, 12, 31), "year"),
            id="across-months",
        ),
        pytest.param(
            (date(2024, 2, 1), "month", date(2024, 2, 1), "month"),
            (date(2024, 2, 1), "month", date(2024, 2, 29), "month"),
            id="a-month",
        ),
        pytest.param((date(2023, 12, 30), "day", date(2024, 1, 2), "day"), None, id="across-years"),
    ],
)
def test_a_day_within_is_as_precise_as_the_range_pins_it(dates: DateRange, within: DateRange | None) -> None:
    assert a_day_within(dates) == within
