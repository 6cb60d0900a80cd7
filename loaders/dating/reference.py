"""The reference date: the cleaned story and its metadata in, the day the story was written out (or None).

Relative expressions ("on Sunday", "last year", "next month") are resolved against it, so a wrong
one dates every event wrongly: with no usable evidence the value is None. Evidence, strongest first:

1. A dated dateline ("WASHINGTON, June 19 (Reuters) -"): the day of writing, given a year from the
   other evidence.
2. A publication date (declared by the input, labelled "Published …", or printed under the headline)
   is the reference, unless the story's own dates are more than a week older: then the page is a
   republication and those dates win (rule 3).
3. Anchors: explicit full dates in photo captions (not file photos), and "on <date>" in past-tense
   sentences of the two lead paragraphs; none older than a year the story names in the past tense.
   The latest anchor is a lower bound on the writing day; weekday names in past-tense news
   sentences then pick the writing day within the week after it (see ``_refine``: a story naming
   Monday over a Sunday photo was written on Monday).
4. A date in the page header (above the headline, or with no headline, like "Mon. Apr 29th, 2024")
   is usually the day the page was shown, not written: it only bounds the writing day from above.

``basis`` records which evidence was used, which was rejected, and why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from loaders.clean import ArticleMetadata
from loaders.text import find_dates, find_weekdays

__all__ = ["ReferenceDate", "resolve_reference_date"]

# A publication date this much later than the story's own dates belongs to a republication.
REPUBLICATION_GAP = timedelta(days=7)
# Words that put a sentence's dates and weekdays in the future (or the future of a past statement).
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|would|is to|are to|is due|are due|scheduled|expected to|plans? to|planning to|"
    r"set to|upcoming|next|coming|later this|to be held|ahead of)\b",
    re.IGNORECASE,
)
_FILE_PHOTO = re.compile(r"\bfile (?:photo|picture|image)\b", re.IGNORECASE)
_ON_DATE = re.compile(r"\bon\s+$", re.IGNORECASE)
_YEAR_AS_TIME = re.compile(r"\b(?:in|since|during|early|late|mid-?)\s*(?P<year>(?:19|20)\d{2})\b(?![-–/]\d)")
_QUALIFIED_WEEKDAY = re.compile(r"\b(?:last|next|this|coming|every)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")


@dataclass(frozen=True)
class ReferenceDate:
    """When the story was written (``value`` at ``precision``), and the evidence for it in ``basis``."""

    value: date | None
    precision: str | None  # "day" | "month" | "year"
    basis: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Evidence:
    kind: str
    value: date
    text: str

    def describe(self, why: str) -> dict[str, str]:
        return {"evidence": self.kind, "date": self.value.isoformat(), "text": self.text, "why": why}


def resolve_reference_date(
    cleaned_text: str, meta: ArticleMetadata, *, shared_events: Sequence[tuple[date, str]] = ()
) -> ReferenceDate:
    """The writing day of the story ``cleaned_text`` described by ``meta``; see the module docstring.

    ``shared_events`` are ``(day, description)`` pairs: days of events this story reports that other
    articles date exactly, where this story names the same weekday. Like caption dates, each is a lower
    bound on the day of writing."""
    audit = _Audit()
    upper: date | None = None
    published: _Evidence | None = None
    if meta.page_date is not None and meta.page_date_kind == "page-header":
        upper = meta.page_date
        audit.reject(
            _Evidence("header-date", upper, ""),
            "a date above the headline is usually the day the page was shown: only an upper bound",
        )
    elif meta.page_date is not None:
        published = _Evidence(f"{meta.page_date_kind or 'page'}-date", meta.page_date, "")

    anchors = _anchors(cleaned_text, meta, upper, audit)
    anchors += [_Evidence("shared-event", day, description) for day, description in shared_events]
    dateline = _dated_dateline(meta, published, anchors, upper)
    if dateline is not None:
        audit.use(dateline, "a dated dateline gives the day of writing")
        return audit.result(dateline.value, "day", "dated dateline")
    if meta.dateline_month_day is not None:
        audit.rejected.append({"evidence": "dateline", "why": "no year for the dateline's day in the other evidence"})

    latest = max(anchors, key=lambda a: a.value) if anchors else None
    if published is not None and not _republished(published, meta.page_date_precision, latest, audit):
        for anchor in anchors:
            audit.use(anchor, "consistent with the publication date")
        return audit.result(published.value, meta.page_date_precision or "day", "publication date")
    if latest is None:
        return audit.result(None, None, "no usable evidence")
    weekdays = _past_weekdays(cleaned_text, meta)
    value, moved = _refine(latest.value, weekdays, upper)
    audit.use(latest, "the latest explicit date of the story: a lower bound on the day of writing")
    for anchor in anchors:
        if anchor is not latest:
            audit.use(anchor, "an earlier anchor, consistent")
    if not moved:
        return audit.result(value, "day", "latest anchor")
    names = ", ".join(_WEEKDAY_NAMES[w] for w in sorted(weekdays))
    audit.use(_Evidence("weekdays", value, names), "past-tense weekday names put the day of writing here")
    return audit.result(value, "day", "latest anchor refined by weekdays")


class _Audit:
    """The evidence used and rejected, with reasons: the ``basis`` of a ``ReferenceDate``."""

    def __init__(self) -> None:
        self.used: list[dict[str, str]] = []
        self.rejected: list[dict[str, str]] = []

    def use(self, evidence: _Evidence, why: str) -> None:
        self.used.append(evidence.describe(why))

    def reject(self, evidence: _Evidence, why: str) -> None:
        self.rejected.append(evidence.describe(why))

    def result(self, value: date | None, precision: str | None, method: str) -> ReferenceDate:
        basis: dict[str, object] = {"method": method, "used": self.used, "rejected": self.rejected}
        return ReferenceDate(value, precision if value else None, basis)


def _republished(published: _Evidence, precision: str | None, latest: _Evidence | None, audit: _Audit) -> bool:
    """Whether the story's own dates outrank the publication date (True), or it stands (False)."""
    if latest is None:
        audit.use(published, "the publication date")
        return False
    if precision in (None, "day") and latest.value < published.value - REPUBLICATION_GAP:
        audit.reject(published, "more than a week after the story's own dates: a republication")
        return True
    if precision not in (None, "day") and _same_period(latest.value, published.value):
        audit.use(published, f"gives the {precision}; the story's own date gives the day")
        return True
    audit.use(published, "the publication date")
    return False


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _same_period(day: date, period_start: date) -> bool:
    return (day.year, day.month) == (period_start.year, period_start.month) or (
        period_start.month == 1 and period_start.day == 1 and day.year == period_start.year
    )


def _in_caption(meta: ArticleMetadata, start: int) -> bool:
    return any(c.start <= start < c.end for c in meta.captions)


def _sentence_at(text: str, start: int) -> tuple[int, str]:
    """The sentence around offset ``start`` (start offset and text)."""
    # After the last sentence end before ``start`` (or a paragraph break).
    marks = (". ", "? ", "! ", ".\u201d ", '." ', "\n")
    found = (text.rfind(mark, 0, start) for mark in marks)
    begin = max([0, *(at + 1 for at in found if at >= 0)])
    begin += len(text[begin:start]) - len(text[begin:start].lstrip('\u201d" '))
    match = _SENTENCE.match(text, begin)
    return begin, match.group(0) if match else text[begin:]


def _anchors(text: str, meta: ArticleMetadata, upper: date | None, audit: _Audit) -> list[_Evidence]:
    """Dates that tell when the story happened: caption dates, and "on <date>" in the lead's past tense.

    Rejected (with the reason in the audit): file photos, dates in future-tense sentences, dates
    outside the lead (background), dates after the page's own date, and dates older than a year the
    story itself mentions in the past tense (the story is later than they are).
    """
    latest_year = _latest_past_year(text, meta)
    anchors = []
    for anchor in _caption_dates(meta, audit) + _lead_dates(text, meta, audit):
        if upper is not None and anchor.value > upper:
            audit.reject(anchor, "after the page's own date")
        elif latest_year is not None and latest_year > anchor.value.year:
            audit.reject(anchor, f"the story mentions {latest_year} in the past tense: it is later")
        else:
            anchors.append(anchor)
    return anchors


def _caption_dates(meta: ArticleMetadata, audit: _Audit) -> list[_Evidence]:
    found = []
    for caption in meta.captions:
        if caption.date is None:
            continue
        evidence = _Evidence("caption-date", caption.date, caption.text)
        if _FILE_PHOTO.search(caption.text):
            audit.reject(evidence, "a file photo: taken before the story")
        else:
            found.append(evidence)
    return found


def _lead_dates(text: str, meta: ArticleMetadata, audit: _Audit) -> list[_Evidence]:
    starts = [0, *(m.end() for m in re.finditer(r"\n\n", text))]
    story_starts = [p for p in starts if not _in_caption(meta, p)]
    lead_end = story_starts[2] if len(story_starts) > 2 else len(text)
    found = []
    for date_found in find_dates(text):
        value = date_found.value
        if value is None or _in_caption(meta, date_found.start):
            continue
        begin, sentence = _sentence_at(text, date_found.start)
        evidence = _Evidence("text-date", value, sentence.strip())
        if _FUTURE.search(text[begin : date_found.start]):
            audit.reject(evidence, "in a future-tense sentence")
        elif date_found.start >= lead_end:
            audit.reject(evidence, "outside the lead: may be background")
        elif not _ON_DATE.search(text[max(0, date_found.start - 4) : date_found.start]):
            audit.reject(evidence, "not the day of an event ('on <date>'): may be background")
        else:
            found.append(evidence)
    return found


def _latest_past_year(text: str, meta: ArticleMetadata) -> int | None:
    """The latest year the story names as a time ("in 2023", "since 2019") outside future-tense sentences."""
    years = []
    for match in _YEAR_AS_TIME.finditer(text):
        begin, _sentence = _sentence_at(text, match.start())
        if not _in_caption(meta, match.start()) and not _FUTURE.search(text[begin : match.start()]):
            years.append(int(match.group("year")))
    return max(years, default=None)


def _past_weekdays(text: str, meta: ArticleMetadata) -> set[int]:
    """Weekdays named in past or present-tense news sentences, outside captions ("said on Friday")."""
    days: set[int] = set()
    for start, _end, weekday in find_weekdays(text):
        if _in_caption(meta, start):
            continue
        if _QUALIFIED_WEEKDAY.search(text[max(0, start - 12) : start]):
            continue  # "last Friday", "next Monday": not the plain days of the story's week
        begin, _sentence = _sentence_at(text, start)
        if _FUTURE.search(text[begin:start]):
            continue
        days.add(weekday)
    return days


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


def _dated_dateline(
    meta: ArticleMetadata, published: _Evidence | None, anchors: list[_Evidence], upper: date | None
) -> _Evidence | None:
    """The dateline's month and day in the year the other evidence points to (within two weeks of it)."""
    if meta.dateline_month_day is None:
        return None
    month, day = meta.dateline_month_day
    near = [published.value] if published is not None else [a.value for a in anchors]
    if not near and upper is not None:
        near = [upper]
    for reference in near:
        for year in (reference.year - 1, reference.year, reference.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if abs((candidate - reference).days) <= 14 and (upper is None or candidate <= upper):
                return _Evidence("dateline-date", candidate, meta.dateline or "")
    return None
