"""Explicit calendar dates written in English news text, found with regular expressions.

Text in, ``FoundDate``s out (offsets, year, month, day, and the weekday printed next to the date).
Deterministic and offline. Shared by cleaning (is this line a date?), metadata (page and caption
dates) and the reference date (which dates anchor the story in time).

    >>> [d.value for d in find_dates("They met on June 18, 2023 in Beijing.")]
    [datetime.date(2023, 6, 18)]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "DateLine",
    "FoundDate",
    "find_dates",
    "find_weekdays",
    "parse_date_line",
]

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}


def _alternation(names: dict[str, int]) -> str:
    # Capitalised or upper case only: "may", "march" and "sun" in lower case are ordinary words.
    words = sorted(names, key=len, reverse=True)
    return "|".join([w.capitalize() for w in words] + [w.upper() for w in words])


_MONTH = rf"(?P<mon>{_alternation(MONTHS)})"
_WEEKDAY = rf"(?:(?P<wd>{_alternation(WEEKDAYS)})\.?,?\s+)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"

_PATTERNS = (
    # Wednesday, February 28, 2024 | Mon. Apr 29th, 2024 | June 18 (no year)
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\.?\s+{_DAY}(?![\d:])(?:,?\s+{_YEAR})?\b"),
    # 28 February 2024 | Monday 19 June | 19th of June, 2023
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}\b\.?(?:,?\s+{_YEAR})?\b"),
    # June 2023
    re.compile(rf"\b{_MONTH}\.?,?\s+{_YEAR}\b"),
    # 2023-06-18
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
)


@dataclass(frozen=True)
class FoundDate:
    """An explicit date in a text: ``text[start:end]``, with the parts it names (year may be missing)."""

    start: int
    end: int
    month: int
    year: int | None = None
    day: int | None = None
    weekday: int | None = None

    @property
    def value(self) -> date | None:
        """The calendar day, when year, month and day are all printed."""
        if self.year is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)

    @property
    def precision(self) -> str | None:
        """ "day" or "month" when a year is printed, else None (a day without a year is not a date yet)."""
        if self.year is None:
            return None
        return "day" if self.day is not None else "month"


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if day is None:
        return True
    # February 29 is allowed without a year: it exists in some years.
    last = calendar.monthrange(year, month)[1] if year is not None else calendar.monthrange(2000, month)[1]
    return 1 <= day <= last


def find_dates(text: str) -> list[FoundDate]:
    """Every explicit date in ``text`` (longest match wins where patterns overlap), in text order."""
    found: list[FoundDate] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["mon"].lower()]
            year = int(groups["year"]) if groups.get("year") else None
            day = int(groups["day"]) if groups.get("day") else None
            if not _valid(year, month, day):
                continue
            weekday = WEEKDAYS[groups["wd"].lower()] if groups.get("wd") else None
            found.append(FoundDate(match.start(), match.end(), month, year, day, weekday))
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


@dataclass(frozen=True)
class DateLine:
    """A line that holds nothing but a date (and maybe a label and a time)."""

    found: FoundDate | None  # None: a date in a calendar we do not read (e.g. Hijri "17 Shaban 1445")
    label: str | None  # "Published", "Updated", … when the line says which date it is


_LABEL = re.compile(
    r"^(?P<label>(?:first\s+)?published|posted|updated|last\s+updated|modified|date|dated|released)"
    r"(?:\s+(?:on|at))?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
# What may follow a date on a date line: a time, a time zone, "ago" counters are not dates.
_TIME = (
    r"(?:at\s+)?\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[apAP]\.?[mM]\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5})(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?"
)
# What may stand around a date on a date line: a time and a time zone, and separators.
_ZONE = r"\(?(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?\)?"
_TIME_TAIL = re.compile(rf"^[\s,|•·/–—-]*(?:{_TIME}|{_ZONE})?[\s,|•·]*$")
_TIME_HEAD = re.compile(rf"^{_TIME}[\s,|•·/–—-]*")
# A day, a month name we do not know, and a year out of the Gregorian range we read: another calendar.
_OTHER_CALENDAR = re.compile(r"^\d{1,2}\s+[A-Z][\w'‘’-]+(?:\s+[A-Z][\w'‘’-]+)?,?\s+1[3-5]\d{2}(?:\s*(?:AH|H))?$")


def parse_date_line(line: str) -> DateLine | None:
    """The date of a line that is only a date ("Wednesday, February 28, 2024", "Published: June 19, 2023 10:02 GMT")."""
    text = line.strip()
    label_match = _LABEL.match(text)
    label = None
    if label_match is not None:
        label = " ".join(label_match.group("label").split()).capitalize()
        text = text[label_match.end() :]
    head = _TIME_HEAD.match(text)  # "4:12 PM GMT, November 14, 2023"
    if head is not None:
        text = text[head.end() :]
    if _OTHER_CALENDAR.match(text):
        return DateLine(None, label)
    dates = find_dates(text)
    if not dates or dates[0].start != 0 or dates[0].year is None:
        return None
    if not _TIME_TAIL.match(text[dates[0].end :]):
        return None
    return DateLine(dates[0], label)
