"""Explicit dates in text, and lines that are only a date."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.text import find_dates, find_weekdays, parse_date_line


def test_explicit_dates_in_text() -> None:
    text = "Talks on Monday, June 19, 2023 followed a visit on 3 March 2022 and plans for May 2024 and June 20."
    found = find_dates(text)
    assert [(d.value, d.precision) for d in found] == [
        (date(2023, 6, 19), "day"),
        (date(2022, 3, 3), "day"),
        (None, "month"),
        (None, None),
    ]
    assert found[0].weekday == 0
    assert text[found[0].start : found[0].end] == "Monday, June 19, 2023"
    assert (found[3].month, found[3].day, found[3].year) == (6, 20, None)
    assert find_dates("He may visit in march.") == []
    assert find_weekdays("Sunday's talks, not Sundays.") == [(0, 8, 6)]


@pytest.mark.parametrize(
    ("line", "value", "label"),
    [
        ("Wednesday, February 28, 2024", date(2024, 2, 28), None),
        ("Mon. Apr 29th, 2024", date(2024, 4, 29), None),
        ("Published: June 19, 2023 10:02 AM GMT", date(2023, 6, 19), "Published"),
        ("Updated 2023-06-20", date(2023, 6, 20), "Updated"),
    ],
)
def test_date_lines(line: str, value: date, label: str | None) -> None:
    parsed = parse_date_line(line)
    assert parsed is not None
    assert parsed.found is not None
    assert (parsed.found.value, parsed.label) == (value, label)


def test_lines_that_are_not_date_lines() -> None:
    assert parse_date_line("Talks on June 19, 2023 went well") is None
    assert parse_date_line("Updated 3 hours ago") is None
    other = parse_date_line("17 Shaban 1445")
    assert other is not None
    assert other.found is None  # a date, in a calendar not read here
