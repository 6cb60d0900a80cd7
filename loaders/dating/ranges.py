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

__all__ = ["DateRange", "a_day_within", "covered_days"]

DateRange = tuple[date, str, date, str]
"""(start, start precision, end, end precision)."""


def covered_days(dates: DateRange) -> tuple[date, date]:
    """The first and the last day that ``dates`` can mean."""
    start, _, end, end_precision = dates
    return start, last_day(end, end_precision)


def a_day_within(dates: DateRange) -> DateRange | None:
    """One day somewhere in ``dates``, as precisely as they pin it: the day itself, else the month or the
    year they lie in; None when they reach across years. A meeting held during a visit of 4 to 8 April
    was held in April, on a day not stated; giving it 4 to 8 April would say it lasted five days.

        >>> a_day_within((date(2024, 4, 4), "day", date(2024, 4, 8), "day"))  # doctest: +SKIP
        (datetime.date(2024, 4, 1), 'month', datetime.date(2024, 4, 30), 'month')
    """
    start, end = dates[0], covered_days(dates)[1]
    if start == end and dates[1] == "day":
        return dates
    if (start.year, start.month) == (end.year, end.month) and dates[1] != "year":
        return start.replace(day=1), "month", last_day(end, "month"), "month"
    if start.year == end.year:
        return date(start.year, 1, 1), "year", date(start.year, 12, 31), "year"
    return None
