"""Explicit calendar dates as English news writes them: text in, ``FoundDate``s out.

One grammar for every stage. It reads month names ("June 18, 2023", "18 June 2023", "Sept. 4",
"the 19th of June", "June 2023"), day ranges within a month ("Oct. 13 to 15", "8–9 July 2023"), ISO
dates ("2023-06-18", also with a time), numeric dates in any of the orders outlets print
("11/03/2024", "05.10.2023", "2023/09/13", "12/4/23"), East Asian marked dates ("2023年8月19日"), and
archive stamps ("12-Apr-2023", "Apr 12 '23");
a two-digit year is read as ``strptime`` reads it. A weekday printed beside a date is kept.

Numeric dates are read day-first unless that is impossible; where both orders give a real day and
nothing printed beside the date settles it, the ``FoundDate`` is ``ambiguous``: its ``value`` is
None and ``readings`` holds both days, for the caller to settle with other evidence.

    >>> [d.value for d in find_dates("They met on June 18, 2023 in Beijing.")]
    [datetime.date(2023, 6, 18)]
    >>> [d.readings for d in find_dates("Posted 11/03/2024")]
    [(datetime.date(2024, 3, 11), datetime.date(2024, 11, 3))]
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, replace
from datetime import date

from loaders.text.languages import foreign_months, foreign_weekdays

__all__ = ["MONTHS", "WEEKDAYS", "FoundDate", "find_dates", "find_weekdays", "is_weekday_name"]

MONTHS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(calendar.month_name) if name},
    **{name.lower(): number for number, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
WEEKDAYS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(calendar.day_name)},
    **{name.lower(): number for number, name in enumerate(calendar.day_abbr)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}


def _alternation(names: dict[str, int], *, any_case: bool) -> str:
    words = [re.escape(word) for word in sorted(names, key=len, reverse=True)]
    if any_case:
        return "|".join(words)
    # Capitalised or upper case only: "may", "march" and "sun" in lower case are ordinary words.
    return "|".join([w.capitalize() for w in words] + [w.upper() for w in words])


def _patterns(*, any_case: bool) -> tuple[re.Pattern[str], ...]:
    month = rf"(?P<mon>{_alternation(MONTHS, any_case=any_case)})\.?"
    weekday = rf"(?:(?P<wd>{_alternation(WEEKDAYS, any_case=any_case)})\.?,?\s+)?"
    return _month_name_patterns(month, weekday, any_case=any_case) + _numeric_patterns(weekday)


@functools.cache
def _foreign_patterns() -> tuple[re.Pattern[str], ...]:
    """Dates with the month named in another language ("jeudi 25 août 2022", "3. mart 2024", "25 de agosto
    de 2022"), for page furniture: built on first use, from ``loaders.text.languages``."""
    month = rf"(?P<mon>{_alternation(foreign_months(), any_case=True)})\.?"
    weekday = rf"(?:(?P<wd>{_alternation({**WEEKDAYS, **foreign_weekdays()}, any_case=True)})\.?,?\s+)?"
    return _month_name_patterns(month, weekday, any_case=True, foreign=True)


def _month_name_patterns(
    month: str, weekday: str, *, any_case: bool, foreign: bool = False
) -> tuple[re.Pattern[str], ...]:
    year = r"(?P<year>(?:19|20)\d{2})"
    short_year = r"(?P<yy>\d{2})"
    ordinal = r"(?:st|nd|rd|th)?"
    day = rf"(?P<day>\d{{1,2}}){ordinal}"
    # "18-19", "13 to 15", "20 and 21": a range of days within one month.
    last_day = rf"(?:\s*(?:-|–|—|to|through|and)\s*(?P<last>\d{{1,2}}){ordinal})?"
    flags = re.IGNORECASE if any_case else 0
    dot, de = (r"\.?", r"(?:de\s+)?") if foreign else ("", "")
    # Apr 12 '23, 12 Apr '23 (a two-digit year after an apostrophe)
    short = rf"\b{weekday}{month}\s+{day},?\s+['’]{short_year}\b", rf"\b{weekday}{day}\s+{month},?\s+['’]{short_year}\b"
    return tuple(
        re.compile(pattern, flags)
        for pattern in (
            # Wednesday, February 28, 2024 | Mon. Apr 29th, 2024 | Oct. 13 to 15 | June 18 (no year)
            rf"\b{weekday}{month}\s+{day}{last_day}(?![\d:])(?:,?\s+{year})?\b",
            # 28 February 2024 | Monday 19 June | 19th of June, 2023 | 8–9 July (elsewhere: 3. mart 2024, 25 de agosto
            # de 2022)
            rf"\b{weekday}(?:the\s+)?{day}{dot}{last_day}\s+(?:of\s+)?{de}{month}(?:,?\s+{de}{year})?\b",
            # 3. November 2023 (the day with a period, as German and Nordic sites print it; with its year only)
            *([] if foreign else [rf"\b{weekday}{day}\.\s+{month}\s+{year}\b"]),
            # June 2023
            rf"\b{month},?\s+{year}\b",
            # 12-Apr-2023, 12-Apr-23 (date stamps of archives and blogs)
            rf"(?<![\w./-]){weekday}{day}-{month}-(?:{year}|{short_year})(?![\w-])",
            *short,
        )
    )


def _numeric_patterns(weekday: str) -> tuple[re.Pattern[str], ...]:
    year = r"(?P<year>(?:19|20)\d{2})"
    short_year = r"(?P<yy>\d{2})"
    return tuple(
        re.compile(pattern)
        for pattern in (
            # 2023-06-18, 2023-06-18T10:02:00Z
            rf"\b{weekday}{year}-(?P<mnum>\d{{2}})-(?P<day2>\d{{2}})(?=\b|T)",
            # 2023/09/13, 2023.09.13 (year first: always month then day)
            rf"(?<![\w./-]){weekday}{year}(?P<sep>[./])(?P<mnum2>\d{{1,2}})(?P=sep)(?P<day3>\d{{1,2}})(?![\d])",
            # 2023年8月19日, 2023년 8월 19일 (Chinese, Japanese and Korean sites: year, month and day each marked)
            rf"(?<!\d){year}\s*[年년]\s*(?P<mnum2>\d{{1,2}})\s*[月월]\s*(?P<day3>\d{{1,2}})\s*[日일]",
            # 11/03/2024, 05.10.2023, 5-10-2023 (day and month in an order the outlet chooses)
            rf"(?<![\w./-]){weekday}(?P<a>\d{{1,2}})(?P<sep2>[./-])(?P<b>\d{{1,2}})(?P=sep2){year}(?![\d]|\.\d)",
            # 12/4/23 (a two-digit year, after slashes only: "1.2.23" is a version; either order; a sentence's
            # full stop may follow)
            rf"(?<![\w./-]){weekday}(?P<a>\d{{1,2}})(?P<sep2>/)(?P<b>\d{{1,2}})/{short_year}(?![\d/-]|\.\w)",
        )
    )


_PRINTED = _patterns(any_case=False)
_ANY_CASE = _patterns(any_case=True)


@dataclass(frozen=True)
class FoundDate:
    """An explicit date in a text: ``text[start:end]``, with the parts it names (year may be missing).

    ``last_day`` ends a range within the month ("June 18-19"). ``ambiguous`` marks a numeric date
    whose day and month may be either way round ("11/03/2024"): ``month``/``day`` hold the day-first
    reading, ``readings`` both, and ``value`` is None until the caller settles it (``settled``)."""

    start: int
    end: int
    month: int
    year: int | None = None
    day: int | None = None
    weekday: int | None = None
    last_day: int | None = None
    ambiguous: bool = False
    numeric: bool = False

    @property
    def value(self) -> date | None:
        """The calendar day (the first of a range), when year, month and day are printed and certain."""
        if self.year is None or self.day is None or self.ambiguous:
            return None
        return date(self.year, self.month, self.day)

    @property
    def precision(self) -> str | None:
        """ "day" or "month" when a year is printed, else None (a day without a year is not a date yet);
        an ambiguous numeric date is certain only to the year."""
        if self.year is None:
            return None
        if self.ambiguous:
            return "year"
        return "day" if self.day is not None else "month"

    @property
    def readings(self) -> tuple[date, ...]:
        """Every day this date can be: one, or two for an ambiguous numeric date (day-first first)."""
        if self.year is None or self.day is None:
            return ()
        first = date(self.year, self.month, self.day)
        return (first, date(self.year, self.day, self.month)) if self.ambiguous else (first,)

    def settled(self, day: date) -> FoundDate:
        """This date read as ``day``, one of its ``readings``."""
        if day not in self.readings:
            raise ValueError(f"{day} is not a reading of this date")
        return replace(self, month=day.month, day=day.day, ambiguous=False)


def _century(two_digits: int) -> int:
    """The year a two-digit year names, by the POSIX convention of ``strptime``'s ``%y``: 69-99 are
    1969-1999, 00-68 are 2000-2068."""
    return two_digits + (1900 if two_digits >= 69 else 2000)


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    # February 29 is allowed without a year: it exists in some years.
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last


def _from_match(match: re.Match[str]) -> FoundDate | None:
    groups = {key: value for key, value in match.groupdict().items() if value is not None}
    weekday = _weekday_number(groups["wd"]) if "wd" in groups else None
    year = int(groups["year"]) if "year" in groups else _century(int(groups["yy"])) if "yy" in groups else None
    if "a" in groups:
        return _numeric(match, int(groups["a"]), int(groups["b"]), year, weekday)
    month = _month_number(groups["mon"]) if "mon" in groups else int(groups.get("mnum") or groups["mnum2"])
    day_text = groups.get("day") or groups.get("day2") or groups.get("day3")
    day = int(day_text) if day_text else None
    last = int(groups["last"]) if "last" in groups else None
    if not _valid(year, month, day) or (last is not None and (day is None or not day < last <= 31)):
        return None
    if last is not None and not _valid(year, month, last):
        return None
    if weekday is not None and year is not None and day is not None and date(year, month, day).weekday() != weekday:
        weekday = None  # a weekday that does not fit the date is another day's, not this one's
    numeric = "mnum2" in groups or "mnum" in groups
    return FoundDate(match.start(), match.end(), month, year, day, weekday, last, numeric=numeric)


def _month_number(name: str) -> int:
    word = name.lower().rstrip(".")
    return MONTHS.get(word) or foreign_months()[word]


def _weekday_number(name: str) -> int:
    word = name.lower().rstrip(".")
    return WEEKDAYS[word] if word in WEEKDAYS else foreign_weekdays()[word]


def is_weekday_name(word: str) -> bool:
    """Whether ``word`` names a weekday, in English or another language ("Çarşamba" after a Turkish date)."""
    name = word.strip().lower().rstrip(".")
    return name in WEEKDAYS or name in foreign_weekdays()


def _numeric(match: re.Match[str], first: int, second: int, year: int | None, weekday: int | None) -> FoundDate | None:
    """``first/second/year``: day-first when it can be, month-first when it must be; both when either can."""
    day_first, month_first = _valid(year, second, first), _valid(year, first, second)
    if year is not None and weekday is not None:
        day_first = day_first and date(year, second, first).weekday() == weekday
        month_first = month_first and date(year, first, second).weekday() == weekday
    if not day_first and not month_first:
        return None
    ambiguous = day_first and month_first and first != second
    month, day = (second, first) if day_first else (first, second)
    return FoundDate(match.start(), match.end(), month, year, day, weekday, ambiguous=ambiguous, numeric=True)


def find_dates(text: str, *, any_case: bool = False, foreign: bool = False) -> list[FoundDate]:
    """Every explicit date in ``text`` (the longest match where patterns overlap), in text order.

    With ``any_case``, month and weekday names count in lower case too: for phrases already known to
    be dates (a tagger's DATE entity), where "may 18" is a day of May. With ``foreign``, month names of
    other languages count as well (``loaders.text.languages``): for page furniture, where a site prints
    its own language around an English story."""
    found: list[FoundDate] = []
    patterns = _ANY_CASE if any_case else _PRINTED
    for pattern in (*patterns, *_foreign_patterns()) if foreign else patterns:
        for match in pattern.finditer(text):
            candidate = _from_match(match)
            if candidate is not None:
                found.append(candidate)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[FoundDate] = []
    for candidate in found:
        if kept and candidate.start < kept[-1].end:
            continue
        kept.append(candidate)
    return kept


_WEEKDAY_WORD = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:['’]s)?\b")


def find_weekdays(text: str) -> list[tuple[int, int, int]]:
    """Full weekday names in ``text`` as ``(start, end, weekday)``, Monday being 0 ("Sundays" is not one)."""
    return [(m.start(), m.end(), WEEKDAYS[m.group(1).lower()]) for m in _WEEKDAY_WORD.finditer(text)]
