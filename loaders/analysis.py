"""The per-article stages around spaCy: ``prepare`` (clean, metadata, reference date) before
annotation, and ``analyse`` (resolve actors, extract events, assign topics) after it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from spacy.tokens import Doc

from db.enums import EventKind
from db.services.articles import content_hash
from loaders.clean import CleanedText, clean_text
from loaders.events import DateRange, EventCandidate, extract_events
from loaders.gazetteer import Gazetteer, Place
from loaders.kb import KnowledgeBase
from loaders.metadata import ArticleMetadata, extract_metadata
from loaders.read import RawArticle
from loaders.reference_date import ReferenceDate, resolve_reference_date, resolve_relative_date
from loaders.resolve import resolve_actors
from loaders.store import ArticleExtraction
from loaders.topics import TopicMatcher

__all__ = ["PreparedArticle", "analyse", "prepare", "resolve_recent_period"]

PUBLISHED_KINDS = frozenset({"declared", "published"})


@dataclass(frozen=True)
class PreparedArticle:
    """An article cleaned and dated, ready for annotation."""

    raw: RawArticle
    cleaned: CleanedText
    metadata: ArticleMetadata
    reference: ReferenceDate

    @property
    def text(self) -> str:
        return self.cleaned.text

    @property
    def content_hash(self) -> str:
        return content_hash(self.raw.text)

    def article_fields(self) -> dict[str, Any]:
        """Keyword arguments for ``db.services.articles.create``."""
        return {
            "source": self.raw.source,
            "raw_text": self.raw.text,
            "text": self.cleaned.text,
            "title": self.metadata.title,
            "outlet": self.metadata.outlet,
            # A date in the page header may be the day the page was viewed or republished, not published.
            "published": self.metadata.page_date if self.metadata.page_date_kind in PUBLISHED_KINDS else None,
            "authors": list(self.metadata.authors),
            "dateline": self.metadata.dateline,
            "reference_date": self.reference.value,
            "reference_date_basis": _jsonable(self.reference.basis),
        }


def _jsonable(value: object) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def prepare(raw: RawArticle, *, shared_events: Sequence[tuple[date, str]] = ()) -> PreparedArticle:
    """Clean ``raw``, read its metadata and choose the date its relative expressions refer to
    (``shared_events``: see ``resolve_reference_date``)."""
    cleaned = clean_text(raw.text)
    metadata = extract_metadata(
        raw.text,
        cleaned,
        declared_title=raw.title,
        declared_outlet=raw.outlet,
        declared_published=raw.published,
        declared_authors=raw.authors,
    )
    reference = resolve_reference_date(cleaned.text, metadata, shared_events=shared_events)
    return PreparedArticle(raw, cleaned, metadata, reference)


def analyse(article: PreparedArticle, doc: Doc) -> ArticleExtraction:
    """Actors, events and topics of one annotated article."""
    kb, gazetteer, matcher = KnowledgeBase.load(), Gazetteer.load(), TopicMatcher.load()
    mentions = resolve_actors(
        doc,
        kb,
        reference=article.reference.value,
        excluded_names=(*article.metadata.authors, *article.metadata.credited_names),
    )

    def resolve_date(expression: str, tense: Literal["past", "future"]) -> DateRange | None:
        resolved = resolve_relative_date(expression, article.reference, tense=tense)
        if resolved is None:
            return resolve_recent_period(expression, article.reference)
        start, end, precision = resolved
        return start, precision, end, precision

    events = extract_events(doc, mentions, gazetteer=gazetteer, resolve_date=resolve_date)
    text = doc.text
    for event in events:
        following = text[event.quote_end : event.quote_end + 400].split(". ")[0]
        event.topics = matcher.topics_of(event.quote + " " + following)
    dateline = gazetteer.lookup(article.metadata.dateline) if article.metadata.dateline else None
    if dateline is not None:
        _place_arrivals_at_the_dateline(events, dateline)
    return ArticleExtraction(
        mentions=mentions,
        events=events,
        topics=matcher.topics_of(text),
        dateline_country=dateline.country if dateline else None,
    )


def _place_arrivals_at_the_dateline(events: list[EventCandidate], dateline: Place) -> None:
    """A visit the story names no place for, by a foreigner, in a story filed from a city ("SEOUL —
    Kishida, who arrived on Sunday …"), was to that city: the wire convention of the dateline."""
    if dateline.kind != "city" or dateline.country is None:
        return
    for event in events:
        travellers = [actor for actor, _ in event.participants.values()]
        foreign = travellers and all(a.country is not None and a.country != dateline.country for a in travellers)
        if event.kind == EventKind.VISIT and event.venue is None and foreign:
            event.venue = dateline
            event.confidence = round(event.confidence - 0.1, 2)


_SAME_DAY = re.compile(r"^(?:later|earlier)\s+(?:in|on)\s+the\s+day$|^(?:later|earlier)\s+that\s+day$|^today$", re.I)
_RECENT = re.compile(r"^(?:over|in|during|for)?\s*the\s+(?:past|last)\s+(\w+)\s+(day|week|month|year)s?$", re.I)
_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 0,
    "few": 0,
}


def resolve_recent_period(expression: str, reference: ReferenceDate) -> DateRange | None:
    """Periods that end on the reference day: "later in the day" is that day; "over the past six
    months" the months up to it (at month precision, no finer than the words)."""
    if reference.value is None or reference.precision != "day":
        return None
    day = reference.value
    text = expression.strip()
    if _SAME_DAY.match(text):
        return day, "day", day, "day"
    match = _RECENT.match(text)
    if match is None:
        return None
    count = int(match.group(1)) if match.group(1).isdigit() else _NUMBERS.get(match.group(1).lower(), 0)
    if count <= 0:
        return None
    unit = match.group(2).lower()
    if unit in {"day", "week"}:
        start = day - timedelta(days=count * (7 if unit == "week" else 1))
        return start, "day", day, "day"
    if unit == "month":
        months = day.year * 12 + day.month - 1 - count
        return date(months // 12, months % 12 + 1, 1), "month", date(day.year, day.month, 1), "month"
    return date(day.year - count, 1, 1), "year", date(day.year, 1, 1), "year"
