"""Meetings held during the visits one article reports: candidates in, the same candidates out, with
the place and the days a meeting's visit gives it where its own sentence gives none.

A story of a trip tells the trip once, dated and placed ("Erdogan arrived in Athens on Thursday"), and
then what happened on it without repeating when or where ("He then went to the Maximos Mansion,
where he and Mitsotakis held talks"). A meeting held by a traveller, where the traveller went, happened
while the traveller was there: its place is the visit's place, and its days lie within the visit's.
Derived from what the article states, never guessed: a traveller with two possible visits, or two
travellers whose stays never overlap, leave the meeting as it was.

    >>> meetings_during_visits([visit, meeting])  # doctest: +SKIP
    >>> meeting.venue.name, meeting.dates  # doctest: +SKIP
    ('Washington', (date(2023, 10, 26), 'day', date(2023, 10, 26), 'day'))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from db.enums import EventKind, EventStatus
from loaders.dating import DateRange, a_day_within
from loaders.extract.candidate import EventCandidate
from loaders.kb import Place

__all__ = ["meetings_during_visits", "visits_dated_by_their_meetings", "visits_of_guests"]

# A place inferred, not stated, is trusted a little less.
_INFERRED = 0.1


def visits_of_guests(candidates: list[EventCandidate]) -> None:
    """Add the visit a meeting abroad implies: a guest met by a host in the host's own country was there
    ("the king received Chile's president at the royal palace in Madrid on Monday": the Chilean
    president visited Madrid that day), or will be, for a meeting planned or expected there; unless the
    article already tells of the guest's trip there with that status."""
    visits = [c for c in candidates if c.kind == EventKind.VISIT]
    # A meeting planned abroad implies a trip planned there ("is scheduled to meet the president in Abu Dhabi").
    implying = {EventStatus.OCCURRED, EventStatus.PLANNED, EventStatus.EXPECTED}
    for meeting in [c for c in candidates if c.kind == EventKind.MEETING and c.status in implying]:
        venue = meeting.venue
        if venue is None or venue.country is None:
            continue
        roles = {slug: (actor, role) for slug, (actor, role) in meeting.participants.items()}
        if not any(role == "host" for _, role in roles.values()):
            continue
        place = _city_or_country(venue)
        for slug, (actor, role) in roles.items():
            told = any(
                slug in v.participants
                and v.status == meeting.status
                and (v.venue is None or v.venue.agrees_with(venue))
                for v in visits
            )
            if role != "guest" or told:
                continue
            visit = replace(
                meeting,
                kind=EventKind.VISIT,
                participants={slug: (actor, "traveller")},
                venue=place,
                confidence=round(meeting.confidence - _INFERRED, 2),
                topics={},
            )
            candidates.append(visit)
            visits.append(visit)


def visits_dated_by_their_meetings(candidates: Sequence[EventCandidate]) -> None:
    """Date an undated visit by the one day of a meeting its traveller holds there, told in the same
    sentence with the same status ("flies on to Lima, where she meets the president on Saturday"): the
    traveller was there that day. A day, not the span: the stay may be longer."""
    for visit in [c for c in candidates if c.kind == EventKind.VISIT and c.dates is None and c.venue]:
        days = {
            meeting.dates
            for meeting in candidates
            if meeting.kind == EventKind.MEETING
            and meeting.dates is not None
            and meeting.quote_start == visit.quote_start
            and meeting.status == visit.status
            and visit.people <= meeting.people
            and _held_there(meeting, visit.venue)
        }
        if len(days) == 1:
            visit.dates = days.pop()
            visit.confidence = round(visit.confidence - _INFERRED, 2)


def _city_or_country(place: Place) -> Place:
    """Where a visit to ``place`` was to: the city of a building, else the place itself."""
    return place.parent if place.kind == "building" and place.parent is not None else place


def meetings_during_visits(candidates: Sequence[EventCandidate]) -> None:
    """Date each undated meeting by the days all its travellers were where it was held, then place each
    unplaced meeting where its participants' one visit took them. Dating comes first, so that a meeting
    no sentence places is dated only where a host of the visited country takes part."""
    visits = [c for c in candidates if c.kind == EventKind.VISIT and c.status == EventStatus.OCCURRED and c.venue]
    meetings = [c for c in candidates if c.kind == EventKind.MEETING and c.status == EventStatus.OCCURRED]
    for meeting in meetings:
        if meeting.dates is None:
            _date(meeting, visits)
    for meeting in meetings:
        if meeting.venue is None:
            _place(meeting, visits)


def _place(meeting: EventCandidate, visits: Sequence[EventCandidate]) -> None:
    """Wang's meetings with Blinken, in a story of Wang's Washington trip, were in Washington."""
    destinations = {visit.venue.slug: visit.venue for visit in visits if visit.venue and visit.people & meeting.people}
    if len(destinations) == 1:
        meeting.venue = next(iter(destinations.values()))
        meeting.confidence = round(meeting.confidence - _INFERRED, 2)


def _date(meeting: EventCandidate, visits: Sequence[EventCandidate]) -> None:
    """The days every traveller among the meeting's people was at the place of the meeting: each
    traveller's one dated visit there, intersected. A meeting with no place needs a host of the
    visited country among its people (a talk with Ukraine's president, in a story of a trip to Kyiv),
    so that a talk elsewhere is not taken for one of the trip."""
    spans: list[DateRange] = []
    for traveller in meeting.people:
        # An undated trip there is the same trip told again ("his first visit to Greece since 2017"),
        # or one the article cannot date: either way it gives no days.
        there = [v for v in visits if traveller in v.participants and _held_there(meeting, v.venue) and v.dates]
        if len({v.dates for v in there}) > 1:
            return  # two trips there, or two days of one: which one is not stated
        if any(v.travel_day for v in there):
            return  # the day of the journey is the first of the stay, not the days it lasted
        spans.extend(v.dates for v in there if v.dates is not None)
    days = _intersection(spans) if spans else None
    within = a_day_within(days) if days is not None else None
    if within is not None:
        meeting.dates = within
        meeting.confidence = round(meeting.confidence - _INFERRED, 2)


def _held_there(meeting: EventCandidate, destination: Place | None) -> bool:
    """Whether the meeting can have been held at ``destination``: its place lies inside it or holds it,
    or is in no one country (a sea, a continent); unplaced, a person of that country must take part."""
    if destination is None:
        return False
    if meeting.venue is None:
        return any(actor.country == destination.country for actor, _ in meeting.participants.values())
    return meeting.venue.agrees_with(destination)


def _intersection(spans: Sequence[DateRange]) -> DateRange | None:
    """The days every span covers; None when they share none."""
    start = max(spans, key=lambda span: span[0])
    end = min(spans, key=lambda span: span[2])
    if start[0] > end[2]:
        return None
    return start[0], start[1], end[2], end[3]
