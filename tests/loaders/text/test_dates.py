"""Explicit dates in text: month names, ranges, ISO and numeric dates in either order."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.text import find_dates, find_weekdays


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
    ("text", "expected"),
    [
        pytest.param("Sept. 4, 2023", (date(2023, 9, 4), None), id="abbreviation-with-period"),
        pytest.param("Sept 4 2023", (date(2023, 9, 4), None), id="abbreviation-without-period"),
        pytest.param("the 19th of June, 2023", (date(2023, 6, 19), None), id="ordinal-of"),
        pytest.param("Oct. 13 to 15, 2023", (date(2023, 10, 13), 15), id="range-to"),
        pytest.param("8–9 July 2023", (date(2023, 7, 8), 9), id="range-day-first"),
        pytest.param("June 18-19, 2023", (date(2023, 6, 18), 19), id="range-hyphen"),
        pytest.param("2023-06-18T10:02:00Z", (date(2023, 6, 18), None), id="iso-with-time"),
        pytest.param("2023/09/13", (date(2023, 9, 13), None), id="year-first-slashes"),
        pytest.param("2023.09.13", (date(2023, 9, 13), None), id="year-first-dots"),
        pytest.param("19/02/2022", (date(2022, 2, 19), None), id="day-first-when-it-must-be"),
        pytest.param("12/31/2023", (date(2023, 12, 31), None), id="month-first-when-it-must-be"),
        pytest.param("Mon 11/03/2024", (date(2024, 3, 11), None), id="a-weekday-settles-the-order"),
        pytest.param("FRIDAY 14 MARCH 2025", (date(2025, 3, 14), None), id="capitals"),
        pytest.param("12-Apr-2023", (date(2023, 4, 12), None), id="archive-stamp"),
        pytest.param("12-Apr-23", (date(2023, 4, 12), None), id="archive-stamp-short-year"),
        pytest.param("Apr 12 '23", (date(2023, 4, 12), None), id="apostrophe-year"),
        pytest.param("12 April ’98", (date(1998, 4, 12), None), id="apostrophe-year-last-century"),
        pytest.param("19/2/22", (date(2022, 2, 19), None), id="short-year-day-first-when-it-must-be"),
        pytest.param("2023年8月19日 07:42", (date(2023, 8, 19), None), id="japanese-chinese-marked"),
        pytest.param("2023년 8월 19일", (date(2023, 8, 19), None), id="korean-marked"),
        pytest.param("3. November 2023", (date(2023, 11, 3), None), id="day-with-period"),
        pytest.param("27/4/23.", (date(2023, 4, 27), None), id="short-year-before-a-full-stop"),
    ],
)
def test_forms_of_dates(text: str, expected: tuple[date, int | None]) -> None:
    (found,) = find_dates(text)
    assert (found.value, found.last_day) == expected
    assert text.startswith(text[found.start : found.end])


def test_a_numeric_date_either_way_round_stays_ambiguous() -> None:
    (found,) = find_dates("Posted 05.10.2023.")
    assert found.ambiguous
    assert found.value is None
    assert found.precision == "year"
    assert found.readings == (date(2023, 10, 5), date(2023, 5, 10))
    assert found.settled(date(2023, 5, 10)).value == date(2023, 5, 10)
    with pytest.raises(ValueError, match="not a reading"):
        found.settled(date(2023, 1, 1))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("release v1.2.2023", id="version-number"),
        pytest.param("scored 3/4 of the votes", id="fraction"),
        pytest.param("30/02/2023", id="no-such-day"),
        pytest.param("June 31, 2023", id="no-such-day-named"),
        pytest.param("he may 5 times", id="lower-case-may"),
        pytest.param("release 1.2.23", id="version-with-a-short-year"),
    ],
)
def test_what_is_not_a_date(text: str) -> None:
    assert find_dates(text) == []


def test_tagged_phrases_may_be_lower_case() -> None:
    (found,) = find_dates("may 18", any_case=True)
    assert (found.month, found.day) == (5, 18)


def test_a_count_after_a_date_is_no_year() -> None:
    (found,) = find_dates("on 12 April 23 people died")
    assert (found.month, found.day, found.year) == (4, 12, None)
