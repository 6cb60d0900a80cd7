"""Numeric dates read either way round ("11/03/2024": 11 March or 3 November), settled by evidence.

A candidate with two readings in; the one reading the evidence supports out, or the year both share
when nothing does (the coarser part that is certain). Evidence, strongest first:

1. another date of the same article within a month of exactly one reading (a caption, a dated
   sentence, another date line), or the dateline's month and day;
2. a weekday the story names: exactly one reading falls on one;
3. months the story names in the past tense without a year ("since the talks broke off in March"), which
   news style uses only for months of the current year: exactly one reading falls after all of them;
4. the era of the offices the story names: exactly one reading inside it;
5. the convention of the outlet's country (the country code of its web address): month first in the
   United States and the Philippines, day first elsewhere. The dateline's country is no evidence:
   foreign outlets print their own order wherever their reporters file from.

    >>> settle(candidate, raw=raw, meta=meta, known=[], era=Era())  # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from datetime import date, timedelta

from loaders.clean import ArticleMetadata
from loaders.dating.era import Era
from loaders.dating.evidence import Candidate
from loaders.read import RawArticle

__all__ = ["settle"]

NEAR = timedelta(days=31)
MONTH_FIRST_COUNTRIES = frozenset({"US", "PH"})
_HOST = re.compile(r"^[a-z]+://(?:[^/@]*@)?(?P<host>[^/:?#]+)", re.IGNORECASE)
# Web addresses whose last label is not a country, or not used as one by news sites.
_GENERIC_SUFFIXES = frozenset({"com", "org", "net", "info", "news", "int", "edu", "gov", "io", "co", "tv", "me"})


def settle(
    candidate: Candidate,
    *,
    raw: RawArticle,
    meta: ArticleMetadata,
    known: Sequence[Candidate],
    era: Era,
    weekdays: Collection[int] = (),
    past_months: Collection[int] = (),
) -> Candidate:
    """``candidate`` with one reading, chosen by the evidence; its year alone when none decides.
    ``known`` are the article's certain dates, ``weekdays`` the weekdays its story names, ``past_months``
    the months it names in the past tense without a year."""
    if len(candidate.readings) < 2:
        return candidate
    day_first, month_first = candidate.readings
    for reading, why in _by_other_dates(candidate, known, meta):
        return _settled(candidate, reading, why)
    on_named_weekday = [r for r in candidate.readings if r.weekday() in weekdays]
    if len(on_named_weekday) == 1:
        return _settled(
            candidate, on_named_weekday[0], f"the only reading on a weekday the story names ({on_named_weekday[0]:%A})"
        )
    after_months = [r for r in candidate.readings if all(month <= r.month for month in past_months)]
    if past_months and len(after_months) == 1:
        return _settled(candidate, after_months[0], "the only reading after the months the story names as past")
    inside = [r for r in candidate.readings if era.contains(r)]
    if era.known and len(inside) == 1:
        return _settled(candidate, inside[0], "the only reading within the era of the offices named")
    for reading, why in _by_convention(candidate, raw):
        return _settled(candidate, reading, why)
    coarse = candidate.coarsened()
    text = f"{candidate.text} (either {day_first:%d %B} or {month_first:%d %B}: only the year is certain)"
    return Candidate(coarse.kind, coarse.readings, coarse.precision, text)


def _settled(candidate: Candidate, reading: date, why: str) -> Candidate:
    settled = candidate.settled(reading)
    return Candidate(settled.kind, settled.readings, settled.precision, f"{candidate.text} (read as {reading}: {why})")


def _by_other_dates(candidate: Candidate, known: Sequence[Candidate], meta: ArticleMetadata) -> list[tuple[date, str]]:
    if meta.dateline_month_day is not None:
        month, day = meta.dateline_month_day
        matching = [r for r in candidate.readings if _near_month_day(r, month, day)]
        if len(matching) == 1:
            return [(matching[0], "within a month of the dateline's day")]
    near = [
        r
        for r in candidate.readings
        if any(abs(r - other.readings[0]) <= NEAR for other in known if other is not candidate and other.value)
    ]
    return [(near[0], "within a month of another date of the article")] if len(near) == 1 else []


def _near_month_day(reading: date, month: int, day: int) -> bool:
    for year in (reading.year - 1, reading.year, reading.year + 1):
        try:
            if abs(reading - date(year, month, day)) <= NEAR:
                return True
        except ValueError:
            continue
    return False


def _by_convention(candidate: Candidate, raw: RawArticle) -> list[tuple[date, str]]:
    """The order of the outlet's country, known from its web address. Not the dateline's: foreign
    outlets file from Washington and Manila in their own order."""
    host = _HOST.match(raw.source)
    suffix = host.group("host").rsplit(".", 1)[-1].lower() if host else ""
    if len(suffix) != 2 or suffix in _GENERIC_SUFFIXES:
        return []
    country, where = suffix.upper(), f"the outlet's address (.{suffix})"
    if country in MONTH_FIRST_COUNTRIES:
        return [(candidate.readings[1], f"month first, as in {country}, the country of {where}")]
    return [(candidate.readings[0], f"day first, as in {country}, the country of {where}")]
