"""The story's lead: what its first dated sentence says happened, on which day, between whom and
where; and the events the rest of the story tells of that episode without repeating its day.

A news story says in its lead who did what, where and when ("Chancellor Olaf Scholz pressed Xi Jinping
in Beijing on Tuesday …"), and then tells the same episode without the day ("The two men spent the
morning together at the Diaoyutai State Guesthouse"). A meeting the story reports without a date of
its own, between people of the lead, at the lead's place or none, is of the lead's day. Derived from
the story's structure, not guessed: a meeting with a date phrase of its own, one placed elsewhere and
one told in the past perfect ("had held talks", before the episode) are left as they are; a lead that
names two days, or fewer than two people, dates nothing.

    >>> gazetteer = Gazetteer.load()  # doctest: +SKIP
    >>> first = list(doc.sents)[:LEAD_SENTENCES]  # doctest: +SKIP
    >>> lead = find_lead(first, mentions, resolve_date=resolve, gazetteer=gazetteer, dateline=None)  # doctest: +SKIP
    >>> lead.day, sorted(lead.people), lead.place.name  # doctest: +SKIP
    ((date(2024, 4, 16), 'day', date(2024, 4, 16), 'day'), ['olaf-scholz', 'xi-jinping'], 'Beijing')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from db.enums import EventKind, EventStatus
from loaders.dating import DateRange
from loaders.extract.candidate import EventCandidate
from loaders.extract.clauses import in_main_clause
from loaders.extract.events import DateResolver
from loaders.extract.narrative import days_named
from loaders.extract.venues import find_places, introduced_as_place
from loaders.kb import Gazetteer, Place
from loaders.resolve import ActorMention

__all__ = ["Lead", "date_the_lead_episode", "find_lead"]

# A date inferred from the story's structure is trusted less than one its sentence states.
_INFERRED = 0.1


@dataclass(frozen=True)
class Lead:
    """The episode the story's lead reports: its one day, the people it names and its place."""

    day: DateRange
    people: frozenset[str]
    place: Place | None


def find_lead(
    sentences: Sequence[Span],
    mentions: Sequence[ActorMention],
    *,
    resolve_date: DateResolver,
    gazetteer: Gazetteer,
    dateline: Place | None,
) -> Lead | None:
    """The first of ``sentences`` (the story's first ``LEAD_SENTENCES``) whose main clause names one past
    day, as a ``Lead``; its place is the one place its main clause names, else the dateline's. None when
    none names a day, or the first that does names two."""
    for sentence in sentences:
        days = days_named(sentence, resolve_date)
        if not days:
            continue
        if len(days) > 1:
            return None
        people = frozenset(
            m.actor.slug
            for m in mentions
            if m.actor.kind == "person" and sentence.start_char <= m.start < sentence.end_char
        )
        places = [
            p
            for span, p in find_places(sentence, gazetteer)
            if in_main_clause(span, sentence) and introduced_as_place(span, "meeting")
        ]
        place = _shared_place(places) if places else dateline
        if places and place is None:
            return None  # an episode in two countries: no one place to tell it by
        return Lead(day=days.pop(), people=people, place=place)
    return None


def date_the_lead_episode(events: Sequence[EventCandidate], lead: Lead) -> None:
    """Give the lead's day to each undated meeting held between two or more of its people, at its place
    or at none: the episode the lead reports, told again without its day. One told with no place at all
    takes the lead's place too ("After talks between the two leaders …" in Ankara)."""
    if len(lead.people) < 2:
        return
    for event in events:
        if event.kind != EventKind.MEETING or event.status != EventStatus.OCCURRED:
            continue
        if event.dates is not None or event.date_phrase is not None or event.told_as_earlier:
            continue
        if len(event.people & lead.people) < 2:
            continue
        if event.venue is not None and lead.place is not None and not event.venue.agrees_with(lead.place):
            continue
        event.dates = lead.day
        event.confidence = round(event.confidence - _INFERRED, 2)
        if event.venue is None and lead.place is not None:
            event.venue = lead.place


def _shared_place(places: Sequence[Place]) -> Place | None:
    """The smallest place holding all of ``places`` ("at the Presidential Complex in Ankara": Turkey, where
    the complex is only known to lie; "in Nairobi, Kenya": Nairobi); None when they lie in no one place."""
    # A place in no one country (a continent, a sea) neither narrows the episode down nor contradicts it.
    places = [place for place in places if place.country] or places
    shared = [p for p in (places[0], *Gazetteer.ancestors(places[0])) if all(q.lies_within(p) for q in places)]
    return shared[0] if shared else None
