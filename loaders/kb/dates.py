"""Dates of reduced precision: a YAML value in, the widest day it allows and its precision out."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from loaders.kb.models import Precision

__all__ = ["parse_date"]

_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_date(value: object, *, end: bool) -> tuple[date | None, Precision]:
    """A YAML date, ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or null in; the widest day it allows and its precision out.

    A start is widened to the first day of its month or year, an end to the last, so ``held_on`` never
    excludes a day the source allows.
    """
    if value is None:
        return None, "day"
    if isinstance(value, datetime):
        raise ValueError(f"date {value!r} carries a time of day; give a date")
    if isinstance(value, date):
        return value, "day"
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    match = _DATE.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return (date(year, 12, 31) if end else date(year, 1, 1)), "year"
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1), "month"
        return date(year, month, day), "day"
    except ValueError as exc:
        raise ValueError(f"date {value!r} does not exist") from exc
