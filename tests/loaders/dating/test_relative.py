"""Relative date phrases seen from a reference date."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest

from loaders.dating import ReferenceDate, resolve_relative_date

SUNDAY = ReferenceDate(date(2023, 9, 17), "day")


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Sunday", None, (date(2023, 9, 17), date(2023, 9, 17), "day")),
        ("said on Friday", None, (date(2023, 9, 15), date(2023, 9, 15), "day")),
        ("on Saturday and Sunday", None, (date(2023, 9, 16), date(2023, 9, 17), "day")),
        ("at the weekend", None, (date(2023, 9, 16), date(2023, 9, 17), "day")),
        ("last Sunday", None, (date(2023, 9, 10), date(2023, 9, 10), "day")),
        ("next Friday", None, (date(2023, 9, 22), date(2023, 9, 22), "day")),
        ("on Tuesday", "future", (date(2023, 9, 19), date(2023, 9, 19), "day")),
        ("yesterday", None, (date(2023, 9, 16), date(2023, 9, 16), "day")),
        ("in May", None, (date(2023, 5, 1), date(2023, 5, 31), "month")),
        ("in November", None, (date(2022, 11, 1), date(2022, 11, 30), "month")),
        ("in November", "future", (date(2023, 11, 1), date(2023, 11, 30), "month")),
        ("a summit in San Francisco in November", "future", (date(2023, 11, 1), date(2023, 11, 30), "month")),
        ("in late August", None, (date(2023, 8, 21), date(2023, 8, 31), "month")),
        ("in mid-June", None, (date(2023, 6, 11), date(2023, 6, 20), "month")),
        ("earlier this month", None, (date(2023, 9, 1), date(2023, 9, 17), "month")),
        ("next month", None, (date(2023, 10, 1), date(2023, 10, 31), "month")),
        ("last month", None, (date(2023, 8, 1), date(2023, 8, 31), "month")),
        ("last week", None, (date(2023, 9, 4), date(2023, 9, 10), "month")),
        ("last year", None, (date(2022, 1, 1), date(2022, 12, 31), "year")),
        ("earlier this year", None, (date(2023, 1, 1), date(2023, 9, 17), "year")),
        ("two years ago", None, (date(2021, 1, 1), date(2021, 12, 31), "year")),
        ("on June 18", None, (date(2023, 6, 18), date(2023, 6, 18), "day")),
        ("June 18-19", None, (date(2023, 6, 18), date(2023, 6, 19), "day")),
        ("in May 2021", None, (date(2021, 5, 1), date(2021, 5, 31), "month")),
        ("between September 11 and 13", None, (date(2023, 9, 11), date(2023, 9, 13), "day")),
        ("on the 20th", "future", (date(2023, 9, 20), date(2023, 9, 20), "day")),
        ("on the 20th", "past", (date(2023, 8, 20), date(2023, 8, 20), "day")),
        ("on the 31st", "past", (date(2023, 8, 31), date(2023, 8, 31), "day")),
        ("in the first week of October", "future", (date(2023, 10, 1), date(2023, 10, 7), "month")),
        ("the last week of August", None, (date(2023, 8, 25), date(2023, 8, 31), "month")),
        ("at the end of the month", "future", (date(2023, 9, 21), date(2023, 9, 30), "month")),
        ("later in the week", "future", (date(2023, 9, 17), date(2023, 9, 17), "month")),
        ("earlier in the year", None, (date(2023, 1, 1), date(2023, 9, 17), "year")),
        ("later this month", None, (date(2023, 9, 18), date(2023, 9, 30), "month")),  # after the day of writing
        ("later this year", None, (date(2023, 9, 18), date(2023, 12, 31), "year")),
        ("a fortnight ago", None, (date(2023, 8, 28), date(2023, 9, 3), "year")),  # across two months
        ("late Friday", None, (date(2023, 9, 15), date(2023, 9, 15), "day")),  # a time of a day: still the day
        ("early Tuesday", "future", (date(2023, 9, 19), date(2023, 9, 19), "day")),
        ("in March last year", None, (date(2022, 3, 1), date(2022, 3, 31), "month")),  # the month, not the year
        ("October of next year", None, (date(2024, 10, 1), date(2024, 10, 31), "month")),
        ("in June this year", "future", (date(2023, 6, 1), date(2023, 6, 30), "month")),
        ("in the coming weeks", None, None),
        ("recently", None, None),
    ],
)
def test_relative_dates(
    expression: str, tense: Literal["past", "future"] | None, expected: tuple[date, date, str] | None
) -> None:
    assert resolve_relative_date(expression, SUNDAY, tense=tense) == expected


@pytest.mark.parametrize(
    ("expression", "reference", "expected"),
    [
        ("on Sunday", ReferenceDate(None, None), None),
        ("in May", ReferenceDate(None, None), None),
        ("on Sunday", ReferenceDate(date(2023, 9, 1), "month"), None),  # too coarse for a weekday
        ("next month", ReferenceDate(date(2023, 9, 1), "month"), (date(2023, 10, 1), date(2023, 10, 31), "month")),
        ("in May", ReferenceDate(date(2023, 1, 1), "year"), None),  # too coarse for a month
        ("last year", ReferenceDate(date(2023, 1, 1), "year"), (date(2022, 1, 1), date(2022, 12, 31), "year")),
        ("on June 18, 2023", ReferenceDate(None, None), (date(2023, 6, 18), date(2023, 6, 18), "day")),
    ],
)
def test_relative_dates_need_a_fine_enough_reference(
    expression: str, reference: ReferenceDate, expected: tuple[date, date, str] | None
) -> None:
    assert resolve_relative_date(expression, reference) == expected
