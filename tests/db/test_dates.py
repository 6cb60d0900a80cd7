from __future__ import annotations

from datetime import date

import pytest

from db.dates import first_day, format_partial_date, last_day, parse_partial_date
from db.enums import DatePrecision


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        (date(2023, 6, 18), DatePrecision.DAY, "2023-06-18"),
        (date(2023, 6, 1), DatePrecision.MONTH, "2023-06"),
        (date(2023, 1, 1), DatePrecision.YEAR, "2023"),
        (None, None, None),
    ],
)
def test_format_never_adds_precision(value: date | None, precision: str | None, expected: str | None) -> None:
    assert format_partial_date(value, precision) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-06-18", (date(2023, 6, 18), DatePrecision.DAY)),
        ("2023-06", (date(2023, 6, 1), DatePrecision.MONTH)),
        ("2023", (date(2023, 1, 1), DatePrecision.YEAR)),
    ],
)
def test_parse(text: str, expected: tuple[date, DatePrecision]) -> None:
    assert parse_partial_date(text) == expected


@pytest.mark.parametrize("text", ["June 2023", "2023-13", "2023-02-30", "23"])
def test_parse_refuses_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        parse_partial_date(text)


def test_last_day() -> None:
    assert last_day(date(2024, 2, 1), DatePrecision.MONTH) == date(2024, 2, 29)
    assert last_day(date(2023, 1, 1), DatePrecision.YEAR) == date(2023, 12, 31)
    assert last_day(date(2023, 5, 10), DatePrecision.DAY) == date(2023, 5, 10)


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        pytest.param(date(2023, 6, 19), "year", date(2023, 1, 1), id="later-this-year-is-stored-as-the-year"),
        pytest.param(date(2023, 6, 19), "month", date(2023, 6, 1), id="later-this-month-as-the-month"),
        pytest.param(date(2023, 6, 19), "day", date(2023, 6, 19), id="a-day-as-itself"),
    ],
)
def test_a_stored_date_is_the_first_day_of_its_precision(value: date, precision: str, expected: date) -> None:
    assert first_day(value, precision) == expected
