"""A day printed without a year ("Fri 3 March", "on Monday, October 9", "SOCHI, Sept 4 -"), settled in one year.

Pages print the year-less day in date lines, captions, datelines and the lead; which year it means
follows from the rest of the article, strongest first:

1. a certain date of the same article (another claim, a caption, a dated sentence) within two weeks
   of it in exactly one year;
2. the year of an anniversary the story marks ("the 40th anniversary of the 1985 accord"), unless
   the weekday printed with the day or the era says otherwise;
3. the era of the offices the story names (``loaders.dating.era``), after the latest year it speaks
   of in the past tense and not after the page's own upper bound: exactly one year of it in which the
   day falls on the weekday printed with it (or, for a date printed without one, on a weekday the
   story names, where the caller allows that).

Nothing else decides: a date no single year fits stays unsettled, with the reason.

    >>> in_one_year(5, 18, weekday=3, era=era)  # doctest: +SKIP
    YearLess(day=datetime.date(2023, 5, 18), why='the one year in which it falls on a Thursday, while …')
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from loaders.dating.era import Era

__all__ = ["NEAR", "YearLess", "in_one_year"]

# A year-less day this close to a certain date of the article is read in that date's year.
NEAR = timedelta(days=14)
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class YearLess:
    """The settled day (None when no single year fits) and why."""

    day: date | None
    why: str


def in_one_year(
    month: int,
    day: int,
    *,
    weekday: int | None,
    era: Era,
    named: Collection[int] = (),
    near: Sequence[date] = (),
    upper: date | None = None,
    latest_year: int | None = None,
    anniversary: tuple[int, str] | None = None,
) -> YearLess:
    """``month``/``day`` in the one year the evidence allows; see the module docstring.

    ``weekday`` is the one printed with the day, ``named`` the weekdays the story names (used when none
    is printed; empty: the era alone cannot settle a day printed without its weekday), ``near`` the
    article's certain dates, ``upper`` the last day the story can have been written, ``latest_year`` the
    latest year it speaks of in the past tense and ``anniversary`` the year an anniversary it marks gives,
    with its words."""
    for reference in near:
        close = [d for y in (reference.year - 1, reference.year, reference.year + 1) if (d := _day(y, month, day))]
        close = [d for d in close if abs(d - reference) <= NEAR and (upper is None or d <= upper)]
        if len(close) == 1:
            return YearLess(close[0], f"within two weeks of {reference.isoformat()}, a date of the same article")
    if anniversary is not None:
        year, words = anniversary
        marked = _day(year, month, day)
        fits = marked is not None and (weekday is None or marked.weekday() == weekday) and era.contains(marked)
        if fits and marked and (upper is None or marked <= upper) and (latest_year is None or year >= latest_year):
            return YearLess(marked, f"in {year}, the year of the {words}")
    if not era.known:
        return YearLess(None, "printed without a year, and nothing in the story gives one")
    weekdays = {weekday} if weekday is not None else set(named)
    days = [d for y in era.years() if (d := _day(y, month, day)) and era.contains(d)]
    days = [d for d in days if (upper is None or d <= upper) and (latest_year is None or d.year >= latest_year)]
    fitting = [d for d in days if d.weekday() in weekdays]
    if len(fitting) != 1:
        return YearLess(None, "printed without a year, and no single year of the era fits its weekday")
    names = _WEEKDAY_NAMES[fitting[0].weekday()]
    return YearLess(fitting[0], f"the one year in which it falls on a {names}, while {'; '.join(era.reasons)}")


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
