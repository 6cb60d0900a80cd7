"""The reference date: an article, cleaned and read, in; the day its story was written out (or None).

Relative expressions ("on Sunday", "last year", "next month") are resolved against it, so a wrong one
dates every event wrongly: without evidence that holds, the value is None. The decision is taken over
every candidate (``loaders.dating.evidence``), and ``basis`` lists them all with the verdict on each:

1. Numeric dates read either way round are settled by other evidence: a date of the same article
   within a month of one reading, the convention of the dateline's or the outlet's country (month
   first in the United States, day first elsewhere), or the era; else only their year is certain.
2. A claim of publication (declared, labelled, in the byline, under or above the headline), the most
   trusted first, is the reference unless the story contradicts it: its own dates are more than a
   week older (a republication), a year it names in the past tense is later, or the offices it gives
   known people were not held then (``loaders.dating.era``). Position alone never rejects a date.
3. A dated dateline ("WASHINGTON, June 19 (Reuters) -") gives the day of writing. Its year, like that
   of any day printed without one (a date line "Fri 3 March", a caption's "on Monday, October 9"), is
   settled by ``loaders.dating.year_less``: from a date of the article within two weeks of it, or else
   the one year of the era in which it falls on the weekday printed with it (or one the story names).
4. Without a claim that holds, the latest anchor (a caption's date, "on <date>" in the lead) is a lower
   bound, refined by the weekdays the story names (``_refine``), below the dates the page was
   changed or republished.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from loaders.clean import ArticleMetadata
from loaders.dating.anniversary import anniversary_year
from loaders.dating.era import Era, story_era
from loaders.dating.evidence import (
    CLAIM_TRUST,
    Candidate,
    anchors,
    bounds,
    claims,
    declared_candidate,
    in_caption,
    latest_past_year,
    past_months,
    past_weekdays,
    sentence_at,
    year_less_anchor_dates,
    year_less_claims,
)
from loaders.dating.ranges import covered_days
from loaders.dating.settle import settle
from loaders.dating.year_less import in_one_year
from loaders.kb import KnowledgeBase
from loaders.read import RawArticle

__all__ = ["ReferenceDate", "resolve_reference_date"]

# A publication date this much later than the story's own dates belongs to a republication.
REPUBLICATION_GAP = timedelta(days=7)
# Claims a page may print for the day it was shown rather than written: an unlabelled date line.
TENTATIVE_KINDS = frozenset({"header-date", "page-date"})
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ReferenceDate:
    """When the story was written (``value`` at ``precision``), the evidence for it in ``basis``, and the
    date the page was published (``published``, when a claim of it holds or is the page's own)."""

    value: date | None
    precision: str | None  # "day" | "month" | "year"
    basis: dict[str, object] = field(default_factory=dict)
    published: date | None = None
    tentative: bool = False
    """True when the value rests on an unlabelled date line alone, with nothing in the story to back
    it: a page may print the day it was shown, so events other articles date may still overrule it
    (``shared_events``)."""


class _Audit:
    """The candidates with their verdicts: the ``basis`` of a ``ReferenceDate``."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, date | None, str], dict[str, str | None]] = {}

    def add(self, candidate: Candidate, verdict: str, why: str) -> None:
        """Record the verdict on ``candidate``; a later verdict on the same candidate replaces the first."""
        self.entries[(candidate.kind, candidate.value, candidate.text)] = candidate.describe(verdict, why)

    def result(
        self, value: date | None, precision: str | None, method: str, published: date | None, *, tentative: bool = False
    ) -> ReferenceDate:
        order = {"chosen": 0, "consistent": 1, "rejected": 2}
        entries = sorted(self.entries.values(), key=lambda e: order.get(e["verdict"] or "", 3))
        basis: dict[str, object] = {"method": method, "candidates": entries}
        return ReferenceDate(value, precision if value else None, basis, published if value else None, tentative)


@dataclass
class _Story:
    """What the decision weighs, gathered once."""

    text: str
    meta: ArticleMetadata
    era: Era
    anchors: list[Candidate]
    latest_year: int | None
    weekdays: set[int]
    anniversary: tuple[int, str] | None


def resolve_reference_date(
    raw: RawArticle,
    text: str,
    meta: ArticleMetadata,
    *,
    shared_events: Sequence[tuple[date, str]] = (),
    kb: KnowledgeBase | None = None,
) -> ReferenceDate:
    """The writing day of the story ``text`` of ``raw``, as its metadata ``meta`` and the story itself
    show it; see the module docstring.

    ``shared_events`` are ``(day, description)`` pairs: days of events this story reports that other
    articles date exactly, where this story names the same weekday. Like caption dates, each is a lower
    bound on the day of writing."""
    audit = _Audit()
    found, discounted = anchors(text, meta)
    found += [Candidate("shared-event", (day,), "day", why) for day, why in shared_events]
    story = _Story(
        text,
        meta,
        story_era(text, kb or KnowledgeBase.load()),
        found,
        latest_past_year(text, meta),
        past_weekdays(text, meta),
        anniversary_year(text, meta),
    )
    for candidate, why in discounted:
        audit.add(candidate, "rejected", why)
    unreadable = declared_candidate(raw)
    if unreadable is not None and not unreadable.readings:
        audit.add(unreadable, "rejected", "the input declares it, but it is no date")
    printed = [*claims(raw, meta), *bounds(raw, meta)]
    months = past_months(text, meta)
    known = [c for c in [*printed, *story.anchors] if c.value is not None]

    def settled_(candidate: Candidate) -> Candidate:
        return settle(
            candidate, raw=raw, meta=meta, known=known, era=story.era, weekdays=story.weekdays, past_months=months
        )

    settled = [settled_(c) for c in printed]
    settled += _year_less_claims(story, [c.readings[0] for c in known if c.value is not None], audit)
    story.anchors = []
    for anchor in map(settled_, found):
        if anchor.precision == "day":
            story.anchors.append(anchor)
        else:
            audit.add(anchor, "rejected", "a numeric date either way round that nothing settles")
    page_claims = sorted((c for c in settled if c.kind in CLAIM_TRUST), key=lambda c: -c.trust)
    changed = [c for c in settled if c.kind not in CLAIM_TRUST]
    chosen, republished = _first_claim_that_holds(page_claims, story, audit)
    upper = min((covered_days(_range(c))[1] for c in [*changed, *republished]), default=None)
    if chosen is not None:
        upper = min(upper or date.max, covered_days(_range(chosen))[1])
    story.anchors = _below(story.anchors, upper, audit)
    for bound in changed:
        audit.add(bound, "consistent", "the page was changed then: the story was written by that day")
    published = chosen.value if chosen is not None else next((c.value for c in page_claims if c.trust >= 3), None)

    dateline = _dated_dateline(story, chosen, upper)
    if dateline is not None:
        audit.add(dateline[0], "chosen", dateline[1])
        _note_anchors(story.anchors, audit)
        if chosen is not None:
            audit.add(chosen, "consistent", "the publication date; the dateline gives the day of writing")
        return audit.result(dateline[0].readings[0], "day", "dated dateline", published)
    if chosen is not None:
        return _from_claim(chosen, story, audit, published)
    if not story.anchors:
        story.anchors = _year_less_anchors(story, upper, audit)
    if story.anchors:
        return _from_anchors(story, upper, audit, published)
    return _without_dates_of_its_own(changed, story, audit, published, claimed=bool(page_claims))


def _without_dates_of_its_own(
    changed: list[Candidate], story: _Story, audit: _Audit, published: date | None, *, claimed: bool
) -> ReferenceDate:
    """The last resorts, when no claim holds and the story dates nothing itself: the day the page was
    changed, else the year of an anniversary the story marks, else None with the reason."""
    last_change = _last_change(changed, story)
    if last_change is not None:
        audit.add(last_change, "chosen", "the page's only date that holds is when it was changed: written by then")
        return audit.result(last_change.readings[0], last_change.precision, "date of the last change", published)
    if story.anniversary is not None and _in_era(story.anniversary[0], story):
        year, words = story.anniversary
        audit.add(Candidate("anniversary", (date(year, 1, 1),), "year", words), "chosen", "the year it marks")
        return audit.result(date(year, 1, 1), "year", "year of an anniversary the story marks", None)
    reason = "every claim of a date is contradicted by the story" if claimed else "no usable evidence"
    return audit.result(None, None, reason, None)


def _in_era(year: int, story: _Story) -> bool:
    later = story.latest_year is None or year >= story.latest_year
    return later and story.era.overlaps(date(year, 1, 1), date(year, 12, 31))


def _last_change(changed: list[Candidate], story: _Story) -> Candidate | None:
    """The earliest date the page says it was changed, when the story does not contradict it."""
    for candidate in sorted(changed, key=lambda c: c.readings[0]):
        first, last = covered_days(_range(candidate))
        later_year = story.latest_year is not None and last.year < story.latest_year
        if not later_year and story.era.overlaps(first, last):
            return candidate
    return None


def _range(candidate: Candidate) -> tuple[date, str, date, str]:
    day = candidate.readings[-1]
    return day, candidate.precision, day, candidate.precision


def _first_claim_that_holds(
    claims: list[Candidate], story: _Story, audit: _Audit
) -> tuple[Candidate | None, list[Candidate]]:
    """The most trusted claim the story does not contradict, and the claims rejected as republications."""
    latest = max((a.readings[0] for a in story.anchors), default=None)
    republished: list[Candidate] = []
    chosen: Candidate | None = None
    for claim in claims:
        if chosen is not None:
            same = claim.value is not None and claim.value == chosen.value
            audit.add(claim, "consistent" if same else "rejected", "agrees" if same else "a more trusted claim holds")
            continue
        first, last = covered_days(_range(claim))
        if story.latest_year is not None and last.year < story.latest_year:
            audit.add(claim, "rejected", f"the story speaks of {story.latest_year} in the past tense: it is later")
        elif story.anniversary is not None and not first.year <= story.anniversary[0] <= last.year:
            year, words = story.anniversary
            audit.add(claim, "rejected", f"the story marks the {words}: it was written in {year}")
        elif not story.era.overlaps(first, last):
            audit.add(claim, "rejected", f"not when the story's offices were held ({'; '.join(story.era.reasons)})")
        elif latest is not None and latest < first - REPUBLICATION_GAP:
            audit.add(claim, "rejected", "more than a week after the story's own dates: a republication")
            republished.append(claim)
        else:
            chosen = claim
    return chosen, republished


def _below(anchors: list[Candidate], upper: date | None, audit: _Audit) -> list[Candidate]:
    """The anchors on or before ``upper`` (a day's slack for time zones); the others are rejected."""
    if upper is None:
        return anchors
    kept = []
    for anchor in anchors:
        if anchor.readings[0] > upper + timedelta(days=1):
            audit.add(anchor, "rejected", "after the page's own date")
        else:
            kept.append(anchor)
    return kept


def _note_anchors(anchors: list[Candidate], audit: _Audit, *, except_for: Candidate | None = None) -> None:
    for anchor in anchors:
        if anchor is not except_for:
            audit.add(anchor, "consistent", "an anchor of the story, consistent")


def _from_claim(chosen: Candidate, story: _Story, audit: _Audit, published: date | None) -> ReferenceDate:
    """The claim is the reference; a coarse one (a month, a year) takes its day from the story's latest
    anchor within it, refined by the weekdays the story names."""
    first, last = covered_days(_range(chosen))
    inside = [a for a in story.anchors if first <= a.readings[0] <= last]
    if chosen.precision != "day" and inside:
        latest = max(inside, key=lambda a: a.readings[0])
        value, _ = _refine(latest.readings[0], story.weekdays, last)
        audit.add(chosen, "consistent", f"gives the {chosen.precision}; the story's own dates give the day")
        audit.add(latest, "chosen", "the latest explicit date of the story within the publication date")
        _note_anchors(story.anchors, audit, except_for=latest)
        return audit.result(value, "day", "publication date refined by the story's dates", published)
    audit.add(chosen, "chosen", "the publication date, not contradicted by the story")
    _note_anchors(story.anchors, audit)
    tentative = chosen.kind in TENTATIVE_KINDS and not story.anchors
    return audit.result(chosen.readings[0], chosen.precision, "publication date", published, tentative=tentative)


def _from_anchors(story: _Story, upper: date | None, audit: _Audit, published: date | None) -> ReferenceDate:
    latest = max(story.anchors, key=lambda a: a.readings[0])
    value, moved = _refine(latest.readings[0], story.weekdays, upper)
    audit.add(latest, "chosen", "the latest explicit date of the story: a lower bound on the day of writing")
    _note_anchors(story.anchors, audit, except_for=latest)
    if not moved:
        return audit.result(value, "day", "latest anchor", published)
    names = ", ".join(_WEEKDAY_NAMES[w] for w in sorted(story.weekdays))
    audit.add(Candidate("weekdays", (value,), "day", names), "chosen", "past-tense weekday names put the day here")
    return audit.result(value, "day", "latest anchor refined by weekdays", published)


def _refine(anchor: date, weekdays: set[int], upper: date | None) -> tuple[date, bool]:
    """The writing day, from ``anchor`` to six days later, that best explains the weekdays named.

    Each weekday named is its latest occurrence up to the writing day. A day is scored by how far
    back before the anchor the weekdays then reach, plus 1.5 per day of delay after the anchor (photos
    and stories are mostly of the same day). Lowest score wins, the earliest on a tie: a caption of
    Sunday and a story naming Sunday and Monday give Monday; naming Thursday and Friday after a Friday
    caption gives that Friday.
    """
    if not weekdays:
        return anchor, False
    best, best_cost = anchor, float("inf")
    for offset in range(7):
        day = anchor + timedelta(days=offset)
        if upper is not None and day > upper:
            break
        latest = [day - timedelta(days=(day.weekday() - w) % 7) for w in weekdays]
        cost = max(max((anchor - d).days, 0) for d in latest) + 1.5 * offset
        if cost < best_cost:
            best, best_cost = day, cost
    return best, best != anchor


def _dated_dateline(story: _Story, chosen: Candidate | None, upper: date | None) -> tuple[Candidate, str] | None:
    """The dateline's month and day in the year the other evidence gives, with the reason: the year of
    the publication date or the story's own dates when one is near; without them, the era's one year in
    which it falls on a weekday the story names."""
    if story.meta.dateline_month_day is None:
        return None
    month, day = story.meta.dateline_month_day
    text = f"{story.meta.dateline or ''} {_month_day_text(month, day)}".strip()
    if story.meta.dateline_year is not None:
        printed = date(story.meta.dateline_year, month, day)
        if upper is not None and printed > upper + timedelta(days=1):
            return None  # after the page's own date: no day of writing
        why = "a dateline printed with its year"
        return Candidate("dateline-date", (printed,), "day", f"{text} {printed.year}"), why
    near = [chosen.readings[0]] if chosen is not None else [a.readings[0] for a in story.anchors]
    # Dates of its own that fit no year near them leave the dateline unread rather than read by the era.
    era = story.era if not near else Era()
    settled = in_one_year(
        month,
        day,
        weekday=None,
        named=story.weekdays,
        era=era,
        near=near or ([upper] if upper is not None else []),
        upper=upper,
        latest_year=story.latest_year,
        anniversary=story.anniversary,
    )
    if settled.day is None:
        return None
    why = f"a dated dateline gives the day of writing: {settled.why}"
    return Candidate("dateline-date", (settled.day,), "day", text), why


def _year_less_claims(story: _Story, near: list[date], audit: _Audit) -> list[Candidate]:
    """The page's date lines printed without a year, each in the one year the article's other dates or
    the era and the weekday printed with it allow; one no single year fits is rejected. A date line
    without its weekday is read only near another date of the article."""
    found = []
    for kind, page_date in year_less_claims(story.meta):
        printed = page_date.found
        assert printed.day is not None  # year_less_claims keeps only dates with a day
        settled = in_one_year(
            printed.month,
            printed.day,
            weekday=printed.weekday,
            era=story.era,
            near=near,
            latest_year=story.latest_year,
            anniversary=story.anniversary,
        )
        if settled.day is None:
            audit.add(Candidate(kind, (), "day", page_date.text), "rejected", settled.why)
            continue
        found.append(Candidate(kind, (settled.day,), "day", f"{page_date.text} (read as {settled.day}: {settled.why})"))
    return found


def _year_less_anchors(story: _Story, upper: date | None, audit: _Audit) -> list[Candidate]:
    """The captions' and the lead's dates printed without a year ("on Wednesday, April 12"), each in the one
    year the offices the story names allow and in which it falls on the weekday printed with it (or,
    without one, on a weekday the story names); a date no single year fits is noted and left out."""
    found = []
    for printed in year_less_anchor_dates(story.text, story.meta):
        assert printed.day is not None  # year_less_anchor_dates keeps only dates with a day
        _begin, sentence = sentence_at(story.text, printed.start)
        settled = in_one_year(
            printed.month,
            printed.day,
            weekday=printed.weekday,
            named=story.weekdays,
            era=story.era,
            upper=upper,
            latest_year=story.latest_year,
            anniversary=story.anniversary,
        )
        kind = "caption-date" if in_caption(story.meta, printed.start) else "text-date"
        if settled.day is None:
            audit.add(Candidate(kind, (), "day", sentence.strip()), "rejected", settled.why)
            continue
        candidate = Candidate(kind, (settled.day,), "day", sentence.strip())
        found.append(candidate)
        audit.add(candidate, "consistent", f"printed without a year: {settled.why}")
    return found


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day_text(month: int, day: int) -> str:
    return f"{date(2000, month, 1):%B} {day}"
