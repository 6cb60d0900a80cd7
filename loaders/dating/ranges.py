"""Date ranges of reduced precision: how every stage after dating holds the date of an event.

A ``DateRange`` is ``(start, start precision, end, end precision)``; each precision is "day",
"month" or "year", and a bound at month precision stands for its whole month ("2023-06" is
``date(2023, 6, 1)`` at "month").

    >>> covered_days((date(2023, 6, 1), "month", date(2023, 6, 1), "month"))  # doctest: +SKIP
    (datetime.date(2023, 6, 1), datetime.date(2023, 6, 30))
"""

from __future__ import annotations

from datetime import date

from db.dates import last_day

__all__ = ["DateRange", "covered_days"]

DateRange = tuple[date, str, date, str]
"""(start, start precision, end, end precision)."""


def covered_days(dates: DateRange) -> tuple[date, date]:
    """The first and the last day that ``dates`` can mean."""
    start, _, end, end_precision = dates
    return start, last_day(end, end_precision)
