"""The date phrase of an event in, the ``DateRange`` it names seen from the reference date out.

``resolve_date_phrase`` reads relative phrases ("on Sunday", "next month", "in May": see
``loaders.dating.relative``) and periods that end on the reference day ("later in the day", "over the
past six months"); None when the phrase names no date the reference can place.

    >>> june_18 = ReferenceDate(date(2023, 6, 18), "day")
    >>> resolve_date_phrase("over the past six months", june_18, tense="past")  # doctest: +SKIP
    (datetime.date(2022, 12, 1), 'month', datetime.date(2023, 6, 1), 'month')
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from loaders.dating.ranges import DateRange
from loaders.dating.reference import ReferenceDate
from loaders.dating.relative import resolve_relative_date

__all__ = ["resolve_date_phrase", "resolve_recent_period"]


def resolve_date_phrase(
    expression: str, reference: ReferenceDate, *, tense: Literal["past", "future"] | None = None
) -> DateRange | None:
    """The days ``expression`` names seen from ``reference``, at the precision its words allow."""
    resolved = resolve_relative_date(expression, reference, tense=tense)
    if resolved is None:
        return resolve_recent_period(expression, reference)
    start, end, precision = resolved
    return start, precision, end, precision


_SAME_DAY = re.compile(r"^(?:later|earlier)\s+(?:in|on)\s+the\s+day$|^(?:later|earlier)\s+that\s+day$|^today$", re.I)
_RECENT = re.compile(r"^(?:over|in|during|for)?\s*the\s+(?:past|last)\s+(\w+)\s+(day|week|month|year)s?$", re.I)
_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 0,
    "few": 0,
}


def resolve_recent_period(expression: str, reference: ReferenceDate) -> DateRange | None:
    """Periods that end on the reference day: "later in the day" is that day; "over the past six
    months" the months up to it (at month precision, no finer than the words)."""
    if reference.value is None or reference.precision != "day":
        return None
    day = reference.value
    text = expression.strip()
    if _SAME_DAY.match(text):
        return day, "day", day, "day"
    match = _RECENT.match(text)
    if match is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS.get(match.group(1).lower(), 0)
    if count <= 0:
        return None
    unit = match.group(2).lower()
    if unit in {"day", "week"}:
        start = day - timedelta(days=count * (7 if unit == "week" else 1))
        return start, "day", day, "day"
    if unit == "month":
        months = day.year * 12 + day.month - 1 - count
        return date(months // 12, months % 12 + 1, 1), "month", date(day.year, day.month, 1), "month"
    return date(day.year - count, 1, 1), "year", date(day.year, 1, 1), "year"
