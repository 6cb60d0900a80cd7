"""One article's extraction: its parse and resolved actors in; its events, each with its topics, and
the article's topics out (``ArticleExtraction``).

    >>> extraction = extract_article(doc, mentions, dateline="Seoul", resolve_date=resolve)  # doctest: +SKIP
    >>> [event.title() for event in extraction.events]  # doctest: +SKIP
    ['Fumio Kishida visits Seoul', 'Meeting of Fumio Kishida and Yoon Suk Yeol in Seoul']
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from db.enums import EventKind, EventStatus
from loaders.extract.during import meetings_during_visits, visits_dated_by_their_meetings, visits_of_guests
from loaders.extract.events import DateResolver, EventCandidate, extract_events
from loaders.extract.lead import date_the_lead_episode, find_lead
from loaders.extract.narrative import LEAD_SENTENCES
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
    place = gazetteer.lookup(dateline) if dateline else None
    events = extract_events(doc, mentions, gazetteer=gazetteer, resolve_date=resolve_date, filed_from=place)
    if written_on is not None:
        _plans_after_the_day_of_writing(events, written_on)
    text = doc.text
    for event in events:
        following = text[event.quote_end : event.quote_end + 400].split(". ")[0]
        event.topics = matcher.topics_of(event.quote + " " + following)
    first = list(itertools.islice(doc.sents, LEAD_SENTENCES))  # the lead, read by two rules below
    if place is not None:
        _place_arrivals_at_the_dateline(events, place)
        if written_on is not None and _lead_is_of_the_day(first, written_on, resolve_date):
            _date_the_story_at_the_dateline(events, place, written_on)
    # The lead's episode first: a meeting its people hold, told without a day or place, is of its day and
    # place; then a meeting takes the days and place of its trip, where the trip gives them.
    lead = find_lead(first, mentions, resolve_date=resolve_date, gazetteer=gazetteer, dateline=place)
    if lead is not None:
        date_the_lead_episode(events, lead)
    meetings_during_visits(events)
    visits_dated_by_their_meetings(events)
    visits_of_guests(events)
    return ArticleExtraction(
        mentions=mentions,
        events=events,
        topics=matcher.topics_of(text),
        dateline_country=place.country if place else None,
    )


def _plans_after_the_day_of_writing(events: list[EventCandidate], written_on: date) -> None:
    """An event the story dates after the day it was written had not happened yet: whatever the tense
    of the words around it ("formal talks the following day"), it was planned then. A plan for such a
    day that the story tells in the past tense ("she was to fly on to Lima next week") no longer held
    when it was written: put off."""
    for event in events:
        if event.dates is None or event.dates[0] <= written_on:
            continue
        if event.status == EventStatus.OCCURRED:
            event.status = EventStatus.PLANNED
        if event.status == EventStatus.PLANNED and event.plan_told_in_past:
            event.status = EventStatus.POSTPONED


def _lead_is_of_the_day(first: Sequence[Span], day: date, resolve_date: DateResolver) -> bool:
    """Whether the story's lead reports what happened on ``day``, the day it was written: a date phrase
    of its first sentences names that day ("Putin told Erdogan on Monday …")."""
    for sentence in first:
        for ent in sentence.ents:
            if ent.label_ == "DATE" and resolve_date(ent.text, "past") == (day, "day", day, "day"):
                return True
    return False


def _date_the_story_at_the_dateline(events: list[EventCandidate], dateline: Place, day: date) -> None:
    """A story filed from a city on the day its lead reports happened there: what it tells of as held
    in that city, with no date of its own, happened that day ("SOCHI — Putin told Erdogan on Monday …
    The two leaders held talks at Putin's residence"). The wire convention of the dated lead."""
    if dateline.kind != "city":
        return
    for event in events:
        in_the_city = event.venue is not None and any(place.slug == dateline.slug for place in _chain(event.venue))
        if event.dates is None and event.status == EventStatus.OCCURRED and in_the_city:
            event.dates = (day, "day", day, "day")
            event.confidence = round(event.confidence - 0.1, 2)


def _chain(place: Place) -> list[Place]:
    chain = [place]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    return chain


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
