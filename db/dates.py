"""Dates of reduced precision: a calendar date plus how much of it the evidence gives.

>>> format_partial_date(date(2023, 6, 1), "month")
'2023-06'
>>> parse_partial_date("2023")
(datetime.date(2023, 1, 1), 'year')
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from db.enums import DatePrecision

__all__ = ["first_day", "format_partial_date", "last_day", "parse_partial_date"]

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def first_day(value: date, precision: str | None) -> date:
    """The first day of the year or month ``value`` lies in at ``precision`` (``value`` itself for a day):
    what a stored date of that precision holds, so that it sorts where it prints ("2023" before "2023-06-19")."""
    if precision == DatePrecision.YEAR:
        return date(value.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def format_partial_date(value: date | None, precision: str | None) -> str | None:
    """ISO 8601 text no more precise than ``precision``: '2023', '2023-06' or '2023-06-18'."""
    if value is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def parse_partial_date(text: str) -> tuple[date, DatePrecision]:
    """The first day ``text`` covers and its precision; raises ``ValueError`` on anything else."""
    match = _PARTIAL.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an ISO date of year, month or day precision: {text!r}")
    year, month, day = match.groups()
    if day is not None:
        return date(int(year), int(month), int(day)), DatePrecision.DAY
    if month is not None:
        return date(int(year), int(month), 1), DatePrecision.MONTH
    return date(int(year), 1, 1), DatePrecision.YEAR


def last_day(value: date, precision: str) -> date:
    """The last day a partial date covers: the end of its year or month, or the day itself."""
    if precision == DatePrecision.YEAR:
        return date(value.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return value
