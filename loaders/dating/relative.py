"""Relative date phrases resolved against a reference date: a phrase in, ``(start, end, precision)`` out.

    >>> from loaders.dating.reference import ReferenceDate
    >>> resolve_relative_date("on Saturday and Sunday", ReferenceDate(date(2023, 9, 17), "day"))
    (datetime.date(2023, 9, 16), datetime.date(2023, 9, 17), 'day')

``start``–``end`` is the window the phrase names (one day, two days, a month, part of a month, a
year); ``precision`` is what a reader may claim ("day", "month", "year"). A week has no precision of
its own, so "last week" gives its seven days at month precision (year when it straddles months).

Conventions of news writing: a bare weekday ("on Sunday") is the latest such day up to the reference
(the story reports what happened), unless ``tense="future"``; a bare month ("in May") is the latest
such month not after the reference's month, or the next one in the future tense; a day of a month
without a year ("on June 18") is the nearest such day unless the tense is given. None when the
reference is unknown, when it is too coarse for the phrase (a weekday needs a day), or when the
phrase is vague ("in the coming weeks", "recently"). Phrases with a year ("in May 2023") need no
reference.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal, Protocol

from loaders.text import MONTHS, WEEKDAYS

__all__ = ["Reference", "resolve_relative_date"]

Resolved = tuple[date, date, str]
_RANK = {"day": 0, "month": 1, "year": 2}
_FUTURE = re.compile(r"\b(?:will|shall|would|next|coming|upcoming|tomorrow|later|scheduled|planned|due)\b")
_OPENERS = frozenset(
    (
        *("on", "in", "during", "at", "over", "from", "since", "by", "until", "through", "last", "next", "this"),
        "between",
        *("coming", "early", "mid", "late", "earlier", "later", "the", "yesterday", "today", "tomorrow"),
    )
)
_FILLERS = re.compile(r"^(?:(?:on|in|during|at|over|from|since|by|until|of|through|for|between)\s+)+")

_WD = "|".join(sorted((w for w in WEEKDAYS if len(w) > 3), key=len, reverse=True))
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_WEEKDAY_PHRASE = re.compile(
    rf"^(?:(?:early|late|later|earlier)\s+)?(?:(?P<q>last|this|next|coming|past)\s+)?(?P<a>{_WD})s?(?:\s+(?:morning|afternoon|evening|night))?"
    rf"(?:\s*(?:and|to|through|thru|until|till|-|–)\s*(?:(?:last|this|next)\s+)?(?P<b>{_WD}))?$"
)
_WEEKEND = re.compile(r"^(?:(?P<q>last|this|next|coming|past|the)\s+)?weekend$")
_MONTH_PHRASE = re.compile(
    rf"^(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of|end|beginning|start)"
    rf"\s+)?(?:(?P<q>last|this|next|coming|past)\s+)?(?P<m>{_MON})\.?(?:\s+(?P<y>(?:19|20)\d{{2}}))?"
    r"(?:\s+(?:of\s+)?(?P<yq>last|this|next)\s+year)?$"
)
_MONTH_DAY = re.compile(
    # "June 3 to 5", and "June 3 to June 5" (the month repeated)
    rf"^(?P<m>{_MON})\.?\s+(?P<d>\d{{1,2}}){_ORD}(?:\s*(?:-|–|to|and|through)\s*(?:(?P=m)\.?\s+)?(?P<d2>\d{{1,2}}){_ORD})?"
    rf"(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?$"
)
_DAY_MONTH = re.compile(
    rf"^(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}(?:\s*(?:-|–|to|and)\s*(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?"
    rf"(?P<m>{_MON})\.?(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?$"
)
# "next month", "later this week", "at the end of the month" ("the" is the reference's own, as "this").
_PERIOD = re.compile(
    r"^(?:(?P<part>earlier|later|early|mid|late|the end of|the beginning of|the start of|the middle of|end|"
    r"beginning|start)\s+(?:in\s+|of\s+)?)?(?:(?P<q>last|this|next|the)\s+)(?P<unit>week|month|year)$"
)
_AGO = re.compile(
    r"^(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>day|week|fortnight|month|year)s?\s+ago$"
)
# "on the 20th": a day of a month the phrase does not name.
_DAY_OF_MONTH = re.compile(r"^(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)$")
# "the first week of July", "the last week of next month" is not read: only a month's name.
_WEEK_OF = re.compile(
    rf"^(?:the\s+)?(?P<n>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+(?P<month>(?:{_MON})\.?"
    r"(?:\s+(?:19|20)\d{2})?)$"
)
_WEEK_NUMBER = {"first": 0, "second": 1, "third": 2, "fourth": 3}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_NUMBERS |= {"eight": 8, "nine": 9, "ten": 10}


class Reference(Protocol):
    """Anything with a reference ``value`` and its ``precision`` (``ReferenceDate`` is one)."""

    @property
    def value(self) -> date | None: ...

    @property
    def precision(self) -> str | None: ...


def resolve_relative_date(
    expression: str, reference: Reference, *, tense: Literal["past", "future"] | None = None
) -> Resolved | None:
    """The window named by ``expression`` ("on Sunday", "next month", "in May") seen from ``reference``.

    ``tense`` is "past" or "future" when the caller knows the tense of the sentence; otherwise words of
    the phrase decide ("next", "coming", "will" are future) and the news default is the past. Words
    before the date phrase are skipped ("said on Friday" reads as "on Friday").
    """
    phrase = " ".join(re.sub(r"[^\w\s\-–]", " ", expression.lower()).replace("mid-", "mid ").split())
    future = tense == "future" or (tense is None and bool(_FUTURE.search(phrase)))
    words = phrase.split()
    # Longest trailing part first: "Saturday and Sunday" before "Sunday", "will meet on Friday" as "Friday".
    # A shorter part must open like a date phrase ("on …", "last …"): "talks may" is no month of May.
    starts = [i for i, word in enumerate(words) if i == 0 or word in _OPENERS]
    candidates = [c for i in starts if (c := _FILLERS.sub("", " ".join(words[i:])))]
    for candidate in candidates:
        explicit = _explicit(candidate)
        if explicit is not None:
            return explicit
    ref, precision = reference.value, reference.precision
    if ref is None or precision not in _RANK:
        return None
    for candidate in candidates:
        for needs, handler in _HANDLERS:
            found = handler(candidate, ref, future=future, tense=tense)
            if found is not None:
                # A reference known only to the month cannot place "on Sunday"; to the year, "in May".
                need = needs if needs != "ago" else found[2]
                return found if _RANK[precision] <= _RANK[need] else None
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _part(part: str | None, year: int, month: int) -> tuple[date, date]:
    """Early, mid or late in a month (first, middle, last ten days), else the whole month."""
    end = _month_end(year, month)
    if part in ("early", "the beginning of", "the start of", "beginning", "start"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "the middle of"):
        return date(year, month, 11), date(year, month, 20)
    if part in ("late", "the end of", "end"):
        return date(year, month, 21), end
    return date(year, month, 1), end


def _explicit(phrase: str) -> Resolved | None:
    """Phrases that carry their year: "May 2023", "June 18, 2023", "2023"."""
    if re.fullmatch(r"(?:19|20)\d{2}", phrase):
        year = int(phrase)
        return date(year, 1, 1), date(year, 12, 31), "year"
    month = _MONTH_PHRASE.match(phrase)
    if month is not None and month.group("y") and not month.group("q"):
        year, number = int(month.group("y")), MONTHS[month.group("m")]
        start, end = _part(month.group("part"), year, number)
        return start, end, "month"
    day = _MONTH_DAY.match(phrase) or _DAY_MONTH.match(phrase)
    if day is not None and day.group("y"):
        return _day_range(int(day.group("y")), MONTHS[day.group("m")], day.group("d"), day.group("d2"))
    return None


def _day_range(year: int, month: int, first: str, last: str | None) -> Resolved | None:
    try:
        start = date(year, month, int(first))
        end = date(year, month, int(last)) if last else start
    except ValueError:
        return None
    return (start, end, "day") if end >= start else None


def _days(phrase: str, ref: date, **_: object) -> Resolved | None:
    shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "the day before yesterday": -2}
    shift |= {"this morning": 0, "this afternoon": 0, "this evening": 0, "the day after tomorrow": 2}
    if phrase not in shift:
        return None
    day = ref + timedelta(days=shift[phrase])
    return day, day, "day"


def _latest(weekday: int, until: date, *, strictly: bool = False) -> date:
    back = (until.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return until - timedelta(days=back)


def _earliest(weekday: int, since: date, *, strictly: bool = False) -> date:
    ahead = (weekday - since.weekday()) % 7
    if strictly and ahead == 0:
        ahead = 7
    return since + timedelta(days=ahead)


def _weekdays(phrase: str, ref: date, *, future: bool, **_: object) -> Resolved | None:
    match = _WEEKDAY_PHRASE.match(phrase)
    weekend = _WEEKEND.match(phrase)
    if match is not None:
        qualifier, first = match.group("q"), WEEKDAYS[match.group("a")]
        last = WEEKDAYS[match.group("b")] if match.group("b") else first
    elif weekend is not None:
        qualifier, first, last = weekend.group("q"), 5, 6
    else:
        return None
    if qualifier == "this":
        # The occurrence in the reference's own Monday-to-Sunday week.
        monday = ref - timedelta(days=ref.weekday())
        start = monday + timedelta(days=first)
        return start, _earliest(last, start), "day"
    if qualifier in ("next", "coming") or (future and qualifier not in ("last", "past")):
        start = _earliest(first, ref, strictly=qualifier == "next")
        return start, _earliest(last, start), "day"
    end = _latest(last, ref, strictly=qualifier in ("last", "past"))
    return _latest(first, end), end, "day"


def _months(phrase: str, ref: date, *, future: bool, **_: object) -> Resolved | None:
    match = _MONTH_PHRASE.match(phrase)
    if match is None or match.group("y"):
        return None
    month, qualifier = MONTHS[match.group("m")], match.group("q")
    if match.group("yq") is not None:
        if qualifier is not None:
            return None  # "next June last year" says two things
        year = ref.year + {"last": -1, "this": 0, "next": 1}[match.group("yq")]  # "June last year"
    elif qualifier == "this":
        year = ref.year
    elif qualifier in ("next", "coming") or (future and qualifier not in ("last", "past")):
        strictly = qualifier == "next"
        year = ref.year if (month > ref.month or (month == ref.month and not strictly)) else ref.year + 1
    else:
        strictly = qualifier in ("last", "past")
        year = ref.year if (month < ref.month or (month == ref.month and not strictly)) else ref.year - 1
    start, end = _part(match.group("part"), year, month)
    return start, end, "month"


def _month_days(phrase: str, ref: date, *, tense: str | None, **_: object) -> Resolved | None:
    match = _MONTH_DAY.match(phrase) or _DAY_MONTH.match(phrase)
    if match is None or match.group("y"):
        return None
    month = MONTHS[match.group("m")]
    options = [
        r
        for year in (ref.year - 1, ref.year, ref.year + 1)
        if (r := _day_range(year, month, match.group("d"), match.group("d2"))) is not None
    ]
    if tense == "past":
        options = [r for r in options if r[0] <= ref]
        return max(options, default=None)
    if tense == "future":
        options = [r for r in options if r[1] >= ref]
        return min(options, default=None)
    return min(options, key=lambda r: abs((r[0] - ref).days), default=None)


def _window(start: date, end: date) -> Resolved:
    if (start.year, start.month) == (end.year, end.month):
        return start, end, "month"
    return start, end, "year"


def _weeks(phrase: str, ref: date, **_: object) -> Resolved | None:
    match = _PERIOD.match(phrase)
    if match is None or match.group("unit") != "week":
        return None
    monday = ref - timedelta(days=ref.weekday())
    qualifier, part = _this(match.group("q")), match.group("part")
    if qualifier == "last":
        monday -= timedelta(days=7)
    elif qualifier == "next":
        monday += timedelta(days=7)
    sunday = monday + timedelta(days=6)
    if qualifier == "this" and part == "earlier":
        return _window(monday, ref)
    if qualifier == "this" and part == "later":
        return _window(_after(ref, sunday), sunday)
    return _window(monday, sunday)


def _month_periods(phrase: str, ref: date, **_: object) -> Resolved | None:
    match = _PERIOD.match(phrase)
    if match is None or match.group("unit") != "month":
        return None
    qualifier, part = _this(match.group("q")), match.group("part")
    by = {"this": 0, "next": 1}.get(qualifier, -1)
    year, month = _shift_month(ref.year, ref.month, by)
    if qualifier == "this" and part == "earlier":
        return date(year, month, 1), ref, "month"
    if qualifier == "this" and part == "later":
        return _after(ref, _month_end(year, month)), _month_end(year, month), "month"
    start, end = _part(part, year, month)
    return start, end, "month"


def _ago(phrase: str, ref: date, **_: object) -> Resolved | None:
    ago = _AGO.match(phrase)
    if ago is None:
        return None
    count = int(ago.group("n")) if ago.group("n").isdigit() else _NUMBERS[ago.group("n")]
    unit = ago.group("unit")
    if unit in ("week", "fortnight"):
        # The week that many weeks back, Monday to Sunday, as "last week" is: no day of it is claimed.
        weeks = count * (2 if unit == "fortnight" else 1)
        monday = ref - timedelta(days=ref.weekday() + 7 * weeks)
        return _window(monday, monday + timedelta(days=6))
    if unit == "year":
        return date(ref.year - count, 1, 1), date(ref.year - count, 12, 31), "year"
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, -count)
        return date(year, month, 1), _month_end(year, month), "month"
    day = ref - timedelta(days=count)
    return day, day, "day"


def _years(phrase: str, ref: date, **_: object) -> Resolved | None:
    match = _PERIOD.match(phrase)
    if match is None or match.group("unit") != "year":
        return None
    qualifier, part = _this(match.group("q")), match.group("part")
    year = ref.year + {"this": 0, "next": 1}.get(qualifier, -1)
    if qualifier == "this" and part == "earlier":
        return date(year, 1, 1), ref, "year"
    if qualifier == "this" and part == "later":
        return _after(ref, date(year, 12, 31)), date(year, 12, 31), "year"
    if part in ("early", "the beginning of", "the start of", "beginning", "start"):
        return date(year, 1, 1), date(year, 4, 30), "year"
    if part in ("late", "the end of", "end"):
        return date(year, 9, 1), date(year, 12, 31), "year"
    return date(year, 1, 1), date(year, 12, 31), "year"


def _after(ref: date, last: date) -> date:
    """The day after the reference, where "later this week/month/year" begins (the reference on its last
    day): what is told as later had not happened when the story was written."""
    return min(ref + timedelta(days=1), last)


def _this(qualifier: str) -> str:
    """ "The month" is the reference's own, as "this month" is."""
    return "this" if qualifier == "the" else qualifier


def _day_of_month(phrase: str, ref: date, *, future: bool, **_: object) -> Resolved | None:
    """ "On the 20th": the latest 20th up to the reference, or the next one in the future tense."""
    match = _DAY_OF_MONTH.match(phrase)
    if match is None:
        return None
    number = int(match.group("d"))
    for by in (0, 1, 2) if future else (0, -1, -2):
        year, month = _shift_month(ref.year, ref.month, by)
        if number <= calendar.monthrange(year, month)[1]:
            day = date(year, month, number)
            if (day >= ref) if future else (day <= ref):
                return day, day, "day"
    return None


def _week_of_month(phrase: str, ref: date, *, future: bool, tense: str | None, **_: object) -> Resolved | None:
    """ "The first week of July": its first seven days (the last week: its last seven), at month precision."""
    match = _WEEK_OF.match(phrase)
    if match is None:
        return None
    month_phrase = match.group("month")
    month = _explicit(month_phrase) or _months(month_phrase, ref, future=future, tense=tense)
    if month is None:
        return None
    first, last = month[0], month[1]
    if match.group("n") in ("last", "final"):
        return last - timedelta(days=6), last, "month"
    start = first + timedelta(days=7 * _WEEK_NUMBER[match.group("n")])
    return start, start + timedelta(days=6), "month"


# Each handler with the reference precision it needs ("ago": the unit of the phrase decides).
_HANDLERS: tuple[tuple[str, Callable[..., Resolved | None]], ...] = (
    ("day", _days),
    ("day", _weekdays),
    ("month", _months),
    ("month", _month_days),
    ("day", _weeks),
    ("month", _month_periods),
    ("year", _years),
    ("ago", _ago),
    ("day", _day_of_month),
    ("month", _week_of_month),
)
