"""When a story can have been written, from the offices it gives the people it names.

"Chancellor Angela Merkel" was written while Merkel was chancellor. Each known person named
with an office (just before the name, or in an apposition after it: "Merkel, Germany's
chancellor,") gives the terms in which they held it; the story's era is when every such pairing held at
once. Historical mentions ("former", "then-", "the late") say nothing of the present and are skipped.
A pairing in a sentence that gives its own past time ("the foreign minister flew to Lima in May 2019")
is of that time: the story was written after the term began, not necessarily during it.

    >>> era = story_era("Chancellor Angela Merkel met President Barack Obama.", KnowledgeBase.load())  # doctest: +SKIP
    >>> era.contains(date(2015, 5, 19)), era.contains(date(2019, 5, 19))  # doctest: +SKIP
    (True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from loaders.kb import KnowledgeBase, find_offices, spelling_pattern
from loaders.text import find_dates

__all__ = ["Era", "story_era"]

# Titles are used a little before a term starts and reports lag its end.
_SLACK = timedelta(days=7)
_HISTORICAL = re.compile(r"\b(?:former|then|ex|late|erstwhile|one-time|onetime|past|previous)\W*$", re.IGNORECASE)
_BETWEEN_AT = re.compile(r"[\s,]{1,3}")
_APPOSITION = re.compile(r"^,\s+(?:(?:the|a|[A-Z][\w.]*(?:['’]s)?)\s+){0,3}$")
# A year as the time of the sentence's event ("in 2019", "during 2021", "in March 2019" is a date).
_YEAR_AS_TIME = re.compile(r"\b(?:in|during|back in)\s+(?:(?:early|late|mid-?)\s*)?(?:19|20)\d{2}\b(?![-–/]\d)")
_ELECT = re.compile(r"^[\s-]*(?:elect|designate|nominee)\b", re.IGNORECASE)

Interval = tuple[date, date]


@dataclass(frozen=True)
class Era:
    """The days the story can have been written in, as intervals (empty: nothing is known), and why."""

    intervals: tuple[Interval, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def known(self) -> bool:
        return bool(self.intervals)

    def contains(self, day: date) -> bool:
        """Whether ``day`` is in the era (always, when nothing is known)."""
        return not self.intervals or any(start <= day <= end for start, end in self.intervals)

    def overlaps(self, first: date, last: date) -> bool:
        """Whether any day from ``first`` to ``last`` is in the era (always, when nothing is known)."""
        return not self.intervals or any(start <= last and first <= end for start, end in self.intervals)

    def years(self) -> range:
        """The years the era spans (empty when nothing is known)."""
        if not self.intervals:
            return range(0)
        return range(min(s for s, _ in self.intervals).year, max(e for _, e in self.intervals).year + 1)


def story_era(text: str, kb: KnowledgeBase, *, today: date | None = None) -> Era:
    """The era of the story ``text``: when all the offices it gives known people were held together.
    Contradictory pairings (the knowledge base or the story is wrong) leave the era unknown."""
    last_day = today or date.today()  # noqa: DTZ011 - a term still running runs to the loader's today
    era: list[Interval] | None = None
    reasons: list[str] = []
    for name, spelling, role, dated in _named_with_offices(text, kb):
        person = kb.person_by_name(name)
        terms = [
            (
                position.start - _SLACK if position.start else date.min,
                last_day + _SLACK if dated else (position.end or last_day) + _SLACK,
            )
            for position in (person.positions if person else ())
            if position.role == role
        ]
        if not terms:
            continue
        era = terms if era is None else _intersect(era, terms)
        reasons.append(f"{spelling} as {role}" + (" (at a time the sentence dates: or after)" if dated else ""))
        if not era:
            return Era()
    return Era(tuple(sorted(era or ())), tuple(dict.fromkeys(reasons)))


def _named_with_offices(text: str, kb: KnowledgeBase) -> list[tuple[str, str, str, bool]]:
    """(known name, spelling, role, dated) for each known person the text names beside an office: just
    after it ("Chancellor Angela Merkel") or just before it, in apposition ("Merkel, Germany's
    chancellor,"); a past office ("former", "then-", "-elect") says nothing of the time of writing. Only the
    few words around each office are searched for a name. ``dated``: the sentence gives its own time with
    a year ("in March 2019", "on 4 May 2021"), so the office is held then, not necessarily now."""
    names = spelling_pattern(kb)
    found: list[tuple[str, str, str, bool]] = []
    for start, end, role in find_offices(kb, text):
        if _HISTORICAL.search(text[max(0, start - 20) : start]) or _ELECT.match(text[end:]):
            continue
        gap = _BETWEEN_AT.match(text, end)
        after = names.match(text, gap.end()) if gap else None
        before = [
            m for m in names.finditer(text, max(0, start - 80), start) if _APPOSITION.match(text[m.end() : start])
        ]
        for match in [after] if after else before[-1:]:
            person = kb.person_by_name(match.group())
            if person is not None:
                found.append((person.name, match.group(), role, _dated_sentence(text, start)))
    return found


def _dated_sentence(text: str, at: int) -> bool:
    """Whether the sentence around offset ``at`` gives a time with a year, other than a start ("since
    2019" runs to the present)."""
    begin = max((text.rfind(mark, 0, at) for mark in (". ", "\n")), default=-1) + 1
    ends = [end for mark in (". ", "\n") if (end := text.find(mark, at)) >= 0]
    sentence = text[begin : min(ends, default=len(text))]
    if _YEAR_AS_TIME.search(sentence):
        return True
    return any(found.year is not None and found.precision != "year" for found in find_dates(sentence))


def _intersect(one: list[Interval], other: list[Interval]) -> list[Interval]:
    found = []
    for a_start, a_end in one:
        for b_start, b_end in other:
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start <= end:
                found.append((start, end))
    return found
