"""The evidence of when a story was written: the article, cleaned and read, in; dated ``Candidate``s out.

Three roles, by what a candidate can say about the day of writing:

- **claims** that the page was published that day: ``declared-date`` (a JSON Lines date, read either way
  round when it is a numeric date the record leaves open),
  ``html-published`` (the page's metadata), ``published-date`` (a date line labelled "Published",
  "Posted" …), ``byline-date``, ``page-date`` (an unlabelled date line under the headline) and
  ``header-date`` (above it, or on a page without one) and ``url-date`` (the day in the story's web
  address, ``/2023/07/11/``); each holds unless the story contradicts it; a date line printed without a
  year (``year_less_claims``) is settled by the caller;
- **bounds** from above: ``html-modified`` and ``modified-date`` ("Updated …"): written by then;
- **anchors** from below, days the story reports as past: ``caption-date`` (a photo of the story's
  events, not a file photo), ``text-date`` ("on June 18, 2023" in a past-tense sentence of the lead)
  and ``shared-event`` (a day other articles date an event this one names by weekday); the lead's and the
  captions' dates printed without a year (``year_less_anchor_dates``) are settled by the caller.

Anchors the story itself discounts are returned apart, each with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from loaders.clean import ArticleMetadata, PageDate
from loaders.read import RawArticle, read_declared_date
from loaders.text import MONTHS, FoundDate, find_dates, find_weekdays

__all__ = [
    "CLAIM_TRUST",
    "Candidate",
    "anchors",
    "bounds",
    "claims",
    "declared_candidate",
    "in_caption",
    "latest_past_year",
    "past_months",
    "past_weekdays",
    "sentence_at",
    "year_less_anchor_dates",
    "year_less_claims",
]

# Claims in order of trust: what the input declares, then what the page labels, then where it stands.
CLAIM_TRUST = {
    "declared-date": 5,
    "html-published": 5,
    "published-date": 4,
    "byline-date": 3,
    "url-date": 3,
    "page-date": 2,
    "header-date": 1,
}
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|would|is to|are to|is due|are due|was to|were to|was due|were due|scheduled|"
    r"expected to|plans? to|"
    r"planning to|set to|upcoming|next|coming|later this|to be held|ahead of)\b",
    re.IGNORECASE,
)
_FILE_PHOTO = re.compile(r"\bfile (?:photo|picture|image)\b", re.IGNORECASE)
_ON_DATE = re.compile(r"\bon\s+$", re.IGNORECASE)
_YEAR_AS_TIME = re.compile(r"\b(?:in|since|during|early|late|mid-?)\s*(?P<year>(?:19|20)\d{2})\b(?![-–/]\d)")
# "in February", "since March", not followed by a day or a year ("in February 2022", "in March 3rd's vote").
_BARE_MONTH = re.compile(
    r"\b(?:in|since|during|early|late)\s+(?:early\s+|late\s+|mid-)?(?P<month>January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b(?![\s,]*(?:\d|of\s+(?:19|20)\d{2}))"
)
_PAST_VERB = re.compile(
    r"\b(?:\w{2,}ed|was|were|had|did|began|met|held|took|went|came|made|left|broke|fell|won|lost|sent|signed|"
    r"spoke|told|said|saw|gave|flew)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"\b(?:is|are|will|to be)\b", re.IGNORECASE)
_QUALIFIED_WEEKDAY = re.compile(r"\b(?:last|next|this|coming|every)\s*$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"”’]?|$)")
# A day in a web address's path, as publishing systems write it: /2023/07/11/, -2023-07-11/, /20230711/.
_URL_DAY = re.compile(
    r"(?<=[/_-])(?P<year>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<month>0[1-9]|1[0-2])(?P=sep)(?P<day>0[1-9]|[12]\d|3[01])"
    r"(?=[/_.-]|$)"
)
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d{2})/(?P<month>0[1-9]|1[0-2])/(?=[^\d/])")
_URL_PATH = re.compile(r"^[a-z][a-z0-9+.-]*://[^/?#]*(?P<path>/[^?#]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A date that says something of when the story was written: its ``kind``, the days it can be
    (``readings``: two for a numeric date read either way round), its precision and its words."""

    kind: str
    readings: tuple[date, ...]
    precision: str  # "day" | "month" | "year"
    text: str = ""

    @property
    def value(self) -> date | None:
        """The one day it names (the first day at its precision), or None while it is two."""
        return self.readings[0] if len(self.readings) == 1 else None

    @property
    def trust(self) -> int:
        return CLAIM_TRUST.get(self.kind, 0)

    def settled(self, day: date) -> Candidate:
        """The candidate read as ``day``, one of its readings."""
        return replace(self, readings=(day,), precision="day")

    def coarsened(self) -> Candidate:
        """An unsettled numeric date as the year both its readings share."""
        return replace(self, readings=(date(self.readings[0].year, 1, 1),), precision="year")

    def describe(self, verdict: str, why: str) -> dict[str, str | None]:
        """The candidate as the audit trail lists it."""
        value = self.value
        return {
            "kind": self.kind,
            "date": value.isoformat() if value else None,
            "precision": self.precision if value else None,
            "text": self.text,
            "verdict": verdict,
            "why": why,
        }


def _of(kind: str, found: FoundDate, text: str) -> Candidate | None:
    if found.year is None:
        return None
    if found.day is None:
        return Candidate(kind, (date(found.year, found.month, 1),), "month", text)
    return Candidate(kind, found.readings, "day", text)


def claims(raw: RawArticle, meta: ArticleMetadata) -> list[Candidate]:
    """Every claim of a publication day: declared by the input, or printed by the page."""
    found: list[Candidate] = []
    if raw.published is not None:
        kind = "html-published" if raw.origin == "html" else "declared-date"
        found.append(Candidate(kind, (raw.published,), "day", f"declared by the {raw.origin} input"))
    elif (declared := declared_candidate(raw)) is not None and declared.readings:
        found.append(declared)
    for page_date in meta.page_dates:
        if page_date.modified:
            continue
        candidate = _of(_claim_kind(page_date), page_date.found, page_date.text)
        if candidate is not None:
            found.append(candidate)
    if (in_url := _url_date(raw.url)) is not None:
        found.append(in_url)
    return found


def declared_candidate(raw: RawArticle) -> Candidate | None:
    """The publication date the input declares but could not pin to one day (``raw.declared_date``): its
    readings (two for a numeric date either way round, none for a value that is no date)."""
    if raw.declared_date is None:
        return None
    key, _, value = raw.declared_date.partition(": ")
    readings = read_declared_date(key, value).readings
    return Candidate("declared-date", readings, "day", f"declared by the {raw.origin} input as {raw.declared_date}")


def year_less_claims(meta: ArticleMetadata) -> list[tuple[str, PageDate]]:
    """The page's date lines printed without a year ("Fri 3 March 09.15 GMT"), each with the kind of
    claim it makes once a year is settled."""
    return [
        (_claim_kind(d), d)
        for d in meta.page_dates
        if not d.modified and d.found.year is None and d.found.day is not None and not d.found.ambiguous
    ]


def _url_date(url: str | None) -> Candidate | None:
    """The day (or month) a web address's path prints, as a claim of publication."""
    path = _URL_PATH.match(url or "")
    if path is None:
        return None
    if (day := _URL_DAY.search(path["path"])) is not None:
        try:
            found = date(int(day["year"]), int(day["month"]), int(day["day"]))
        except ValueError:
            return None
        return Candidate("url-date", (found,), "day", url or "")
    if (month := _URL_MONTH.search(path["path"])) is not None:
        return Candidate("url-date", (date(int(month["year"]), int(month["month"]), 1),), "month", url or "")
    return None


def _claim_kind(page_date: PageDate) -> str:
    if page_date.label is not None:
        return "published-date"
    return {"byline": "byline-date", "page": "page-date"}.get(page_date.place, "header-date")


def bounds(raw: RawArticle, meta: ArticleMetadata) -> list[Candidate]:
    """Dates the page was last changed: the story was written by then."""
    found: list[Candidate] = []
    if raw.modified is not None and raw.modified != raw.published:
        found.append(Candidate("html-modified", (raw.modified,), "day", "declared by the html input"))
    for page_date in meta.page_dates:
        if page_date.modified and (candidate := _of("modified-date", page_date.found, page_date.text)):
            found.append(candidate)
    return found


def in_caption(meta: ArticleMetadata, start: int) -> bool:
    return any(c.start <= start < c.end for c in meta.captions)


def sentence_at(text: str, start: int) -> tuple[int, str]:
    """The sentence around offset ``start`` (its start offset and text)."""
    marks = (". ", "? ", "! ", ".\u201d ", '." ', "\n")
    found = (text.rfind(mark, 0, start) for mark in marks)
    begin = max([0, *(at + 1 for at in found if at >= 0)])
    begin += len(text[begin:start]) - len(text[begin:start].lstrip('\u201d" '))
    match = _SENTENCE.match(text, begin)
    return begin, match.group(0) if match else text[begin:]


def anchors(text: str, meta: ArticleMetadata) -> tuple[list[Candidate], list[tuple[Candidate, str]]]:
    """Days the story reports as past (caption dates, "on <date>" in the lead's past tense), and the
    dates it discounts with the reason: file photos, future tense, background outside the lead, dates
    that are not the day of an event, and dates older than a year the story names in the past tense."""
    latest_year = latest_past_year(text, meta)
    kept: list[Candidate] = []
    discounted: list[tuple[Candidate, str]] = []
    for candidate, reason in [*_caption_dates(meta), *_lead_dates(text, meta)]:
        if reason is not None:
            discounted.append((candidate, reason))
        elif latest_year is not None and candidate.readings[-1].year < latest_year:
            discounted.append((candidate, f"the story mentions {latest_year} in the past tense: it is later"))
        else:
            kept.append(candidate)
    return kept, discounted


def _caption_dates(meta: ArticleMetadata) -> list[tuple[Candidate, str | None]]:
    found: list[tuple[Candidate, str | None]] = []
    for caption in meta.captions:
        if caption.found is None and caption.date is None:
            continue
        readings = caption.found.readings if caption.found is not None else (caption.date,)
        candidate = Candidate("caption-date", tuple(r for r in readings if r is not None), "day", caption.text)
        found.append((candidate, "a file photo: taken before the story" if _FILE_PHOTO.search(caption.text) else None))
    return found


def _lead_end(text: str, meta: ArticleMetadata) -> int:
    """Where the story's lead ends: after its first two paragraphs outside captions."""
    starts = [0, *(m.end() for m in re.finditer(r"\n\n", text))]
    story_starts = [p for p in starts if not in_caption(meta, p)]
    return story_starts[2] if len(story_starts) > 2 else len(text)


def year_less_anchor_dates(text: str, meta: ArticleMetadata) -> list[FoundDate]:
    """Days printed without a year that the story reports as those of its events: in a caption that is
    not of a file photo, in the lead's past tense after "on" ("met Sunak on Wednesday, April 12"), or in
    any past-tense sentence when printed with its weekday ("arrived late Tuesday, April 11"), in the order
    of the text. The year is for the caller to settle."""
    lead_end = _lead_end(text, meta)
    found = []
    for date_found in find_dates(text):
        if date_found.year is not None or date_found.day is None or date_found.ambiguous:
            continue
        caption = next((c for c in meta.captions if c.start <= date_found.start < c.end), None)
        if caption is not None:
            if not _FILE_PHOTO.search(caption.text):
                found.append(date_found)
            continue
        begin, _sentence = sentence_at(text, date_found.start)
        if _FUTURE.search(text[begin : date_found.start]):
            continue
        # News style gives the weekday only of days in the last week or so: such a day is recent wherever it
        # stands, where a bare date outside the lead may be background.
        on_the_day = _ON_DATE.search(text[max(0, date_found.start - 4) : date_found.start])
        if date_found.weekday is not None or (on_the_day and date_found.start < lead_end):
            found.append(date_found)
    return found


def _lead_dates(text: str, meta: ArticleMetadata) -> list[tuple[Candidate, str | None]]:
    lead_end = _lead_end(text, meta)
    found: list[tuple[Candidate, str | None]] = []
    for date_found in find_dates(text):
        if date_found.value is None or in_caption(meta, date_found.start):
            continue
        begin, sentence = sentence_at(text, date_found.start)
        candidate = Candidate("text-date", (date_found.value,), "day", sentence.strip())
        if _FUTURE.search(text[begin : date_found.start]):
            found.append((candidate, "in a future-tense sentence"))
        elif date_found.start >= lead_end:
            found.append((candidate, "outside the lead: may be background"))
        elif not _ON_DATE.search(text[max(0, date_found.start - 4) : date_found.start]):
            found.append((candidate, "not the day of an event ('on <date>'): may be background"))
        else:
            found.append((candidate, None))
    return found


def latest_past_year(text: str, meta: ArticleMetadata) -> int | None:
    """The latest year the story names as a time ("in 2023", "since 2019") outside future-tense sentences."""
    years = []
    for match in _YEAR_AS_TIME.finditer(text):
        begin, _sentence = sentence_at(text, match.start())
        if not in_caption(meta, match.start()) and not _FUTURE.search(text[begin : match.start()]):
            years.append(int(match.group("year")))
    return max(years, default=None)


def past_months(text: str, meta: ArticleMetadata) -> set[int]:
    """Months named without a year as a time in past-tense sentences outside captions ("began in
    February", "since March"): news style leaves the year out only for the current one."""
    months: set[int] = set()
    for match in _BARE_MONTH.finditer(text):
        begin, _sentence = sentence_at(text, match.start())
        before = text[max(begin, match.start() - 60) : match.start()]
        if in_caption(meta, match.start()) or _FUTURE.search(text[begin : match.start()]):
            continue
        # "since March" runs from a past month; "in March" is past only after a verb in the past tense
        # ("the talks broke off in March"), not in a timetable ("the forum is in Lima in October").
        if match.group(0).lower().startswith("since") or (_PAST_VERB.search(before) and not _PRESENT.search(before)):
            months.add(MONTHS[match.group("month").lower()])
    return months


def past_weekdays(text: str, meta: ArticleMetadata) -> set[int]:
    """Weekdays named in past or present-tense news sentences, outside captions ("said on Friday")."""
    days: set[int] = set()
    for start, _end, weekday in find_weekdays(text):
        if in_caption(meta, start):
            continue
        if _QUALIFIED_WEEKDAY.search(text[max(0, start - 12) : start]):
            continue  # "last Friday", "next Monday": not the plain days of the story's week
        begin, _sentence = sentence_at(text, start)
        if _FUTURE.search(text[begin:start]):
            continue
        days.add(weekday)
    return days
