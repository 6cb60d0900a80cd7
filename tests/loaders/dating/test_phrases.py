"""Date phrases of events, and periods that end on the reference day."""

from __future__ import annotations

from datetime import date
from typing import Literal

import pytest

from loaders.dating import ReferenceDate, resolve_date_phrase
from loaders.dating.phrases import resolve_recent_period

JUNE_18 = ReferenceDate(date(2023, 6, 18), "day")


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        pytest.param(
            "over the past six months",
            (date(2022, 12, 1), "month", date(2023, 6, 1), "month"),
            id="months-at-month-precision",
        ),
        pytest.param(
            "the last 6 months", (date(2022, 12, 1), "month", date(2023, 6, 1), "month"), id="months-in-digits"
        ),
        pytest.param(
            "in the last two weeks", (date(2023, 6, 4), "day", date(2023, 6, 18), "day"), id="weeks-at-day-precision"
        ),
        pytest.param("over the past three years", (date(2020, 1, 1), "year", date(2023, 1, 1), "year"), id="years"),
        pytest.param("later in the day", (date(2023, 6, 18), "day", date(2023, 6, 18), "day"), id="later-in-the-day"),
        pytest.param("Earlier that day", (date(2023, 6, 18), "day", date(2023, 6, 18), "day"), id="earlier-that-day"),
        pytest.param("over the past few years", None, id="vague-count"),
        pytest.param("recently", None, id="no-period"),
    ],
)
def test_recent_periods_end_on_the_reference_day(expression: str, expected: tuple[date, str, date, str] | None) -> None:
    assert resolve_recent_period(expression, JUNE_18) == expected


@pytest.mark.parametrize(
    "reference",
    [
        pytest.param(ReferenceDate(date(2023, 6, 1), "month"), id="reference-known-to-the-month"),
        pytest.param(ReferenceDate(None, None), id="no-reference"),
    ],
)
def test_recent_periods_need_a_reference_day(reference: ReferenceDate) -> None:
    assert resolve_recent_period("later in the day", reference) is None
    assert resolve_recent_period("over the past six months", reference) is None


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        pytest.param("on Sunday", "past", (date(2023, 6, 18), "day", date(2023, 6, 18), "day"), id="a-weekday"),
        pytest.param("in November", "future", (date(2023, 11, 1), "month", date(2023, 11, 30), "month"), id="ahead"),
        pytest.param(
            "over the past six months", "past", (date(2022, 12, 1), "month", date(2023, 6, 1), "month"), id="recent"
        ),
        pytest.param("in the coming weeks", "future", None, id="vague"),
    ],
)
def test_a_date_phrase_names_a_range_seen_from_the_reference(
    expression: str, tense: Literal["past", "future"], expected: tuple[date, str, date, str] | None
) -> None:
    assert resolve_date_phrase(expression, JUNE_18, tense=tense) == expected
