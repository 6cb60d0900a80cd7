"""One article's extraction: its parse and resolved actors in; its events, each with its topics, and
the article's topics out (``ArticleExtraction``).

    >>> extraction = extract_article(doc, mentions, dateline="Seoul", resolve_date=resolve)  # doctest: +SKIP
    >>> [event.title() for event in extraction.events]  # doctest: +SKIP
    ['Fumio Kishida visits Seoul', 'Meeting of Fumio Kishida and Yoon Suk Yeol in Seoul']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from db.enums import EventKind, EventStatus
from loaders.extract.events import DateResolver, EventCandidate, extract_events
from loaders.extract.topics import TopicMatcher
from loaders.kb import Gazetteer, Place
from loaders.resolve import ActorMention

__all__ = ["ArticleExtraction", "extract_article"]


@dataclass
class ArticleExtraction:
    """Everything the earlier stages found in one article."""

    mentions: list[ActorMention] = field(default_factory=list)
    events: list[EventCandidate] = field(default_factory=list)
    topics: dict[str, list[str]] = field(default_factory=dict)
    dateline_country: str | None = None
    """ISO code of the dateline's place ("BEIJING —"), where the story was filed."""


def extract_article(
    doc: Doc,
    mentions: list[ActorMention],
    *,
    dateline: str | None,
    resolve_date: DateResolver,
    written_on: date | None = None,
) -> ArticleExtraction:
    """The events ``doc`` reports, each with the topics of its sentence and the next, and the topics
    of the whole article; ``dateline`` is the city the story was filed from, as printed, and
    ``written_on`` the day the story was written, when known."""
    gazetteer, matcher = Gazetteer.load(), TopicMatcher.load()
    events = extract_events(doc, mentions, gazetteer=gazetteer, resolve_date=resolve_date)
    if written_on is not None:
        _plans_after_the_day_of_writing(events, written_on)
    text = doc.text
    for event in events:
        following = text[event.quote_end : event.quote_end + 400].split(". ")[0]
        event.topics = matcher.topics_of(event.quote + " " + following)
    place = gazetteer.lookup(dateline) if dateline else None
    if place is not None:
        _place_arrivals_at_the_dateline(events, place)
    return ArticleExtraction(
        mentions=mentions,
        events=events,
        topics=matcher.topics_of(text),
        dateline_country=place.country if place else None,
    )


def _plans_after_the_day_of_writing(events: list[EventCandidate], written_on: date) -> None:
    """An event the story dates after the day it was written had not happened yet: whatever the tense
    of the words around it ("formal talks the following day"), it was planned then."""
    for event in events:
        if event.status == EventStatus.OCCURRED and event.dates is not None and event.dates[0] > written_on:
            event.status = EventStatus.PLANNED


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
