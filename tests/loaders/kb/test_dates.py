"""Dates of reduced precision widen to the whole month or year they name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from loaders.kb.dates import parse_date


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        pytest.param(date(2023, 7, 25), False, (date(2023, 7, 25), "day"), id="yaml-date"),
        pytest.param("2023-07-25", True, (date(2023, 7, 25), "day"), id="text-day"),
        pytest.param("2023-01", False, (date(2023, 1, 1), "month"), id="month-start"),
        pytest.param("2024-02", True, (date(2024, 2, 29), "month"), id="month-end-leap-year"),
        pytest.param("2023-02", True, (date(2023, 2, 28), "month"), id="month-end"),
        pytest.param(2017, False, (date(2017, 1, 1), "year"), id="year-start"),
        pytest.param(2025, True, (date(2025, 12, 31), "year"), id="year-end"),
        pytest.param(None, True, (None, "day"), id="open"),
    ],
)
def test_parse_date(value: object, end: bool, expected: tuple[date | None, str]) -> None:
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(datetime(2023, 1, 1, 12, 0, tzinfo=UTC), "carries a time of day", id="datetime"),
        pytest.param("2023-02-30", "does not exist", id="no-such-day"),
        pytest.param("23-01", "is not YYYY, YYYY-MM or YYYY-MM-DD", id="short-year"),
        pytest.param(True, "is not YYYY, YYYY-MM or YYYY-MM-DD", id="boolean"),
    ],
)
def test_parse_date_refuses(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(value, end=False)
