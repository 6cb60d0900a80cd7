"""What an article reported, as JSON: an ``ArticleExtraction`` in, a document of plain lists, strings and
numbers out, and back again, equal to what went in. Stored per article (``db.models.ArticleReport``) so
its events can be stored again in another order without spaCy (``loaders.store.replay``).

Actors and places are written once each and referred to by their index: an article names one person
in dozens of mentions and reports.

    >>> decode_extraction(encode_extraction(extraction)) == extraction  # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from db.services.actors import PositionSpec
from loaders.dating import DateRange
from loaders.extract import ArticleExtraction, EventCandidate
from loaders.kb import Place
from loaders.resolve import ActorMention, ResolvedActor

__all__ = ["decode_extraction", "encode_extraction"]


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _undate(value: Any) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _dates(dates: DateRange | None) -> list[str] | None:
    return None if dates is None else [dates[0].isoformat(), dates[1], dates[2].isoformat(), dates[3]]


def _undates(value: Any) -> DateRange | None:
    if value is None:
        return None
    start, start_precision, end, end_precision = value
    return date.fromisoformat(start), str(start_precision), date.fromisoformat(end), str(end_precision)


class _Table:
    """Distinct values, each written once, in the order first seen, by their JSON form."""

    def __init__(self) -> None:
        self.rows: list[Any] = []
        self._index: dict[str, int] = {}

    def ref(self, row: Any) -> int:
        key = json.dumps(row, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.rows)
            self.rows.append(row)
        return self._index[key]


def _place(place: Place | None, places: _Table) -> int | None:
    if place is None:
        return None
    parent = _place(place.parent, places)
    fields = [place.kind, place.name, place.slug, place.city, place.country, place.latitude, place.longitude]
    return places.ref([*fields, place.geonames_id, parent])


def _actor(actor: ResolvedActor, actors: _Table) -> int:
    positions = [[p.title, p.country, _day(p.start), _day(p.end)] for p in actor.positions]
    fields = [actor.slug, actor.kind, actor.name, actor.country, actor.description, list(actor.aliases)]
    return actors.ref([*fields, positions, actor.known, actor.gender])


def encode_extraction(extraction: ArticleExtraction) -> dict[str, Any]:
    """``extraction`` as a JSON-ready document (``decode_extraction`` reads it back)."""
    actors, places = _Table(), _Table()
    mentions = [[_actor(m.actor, actors), m.spelling, m.start, m.end, m.named] for m in extraction.mentions]
    events = [
        {
            "kind": e.kind,
            "status": e.status,
            "participants": [[key, _actor(actor, actors), role] for key, (actor, role) in e.participants.items()],
            "venue": _place(e.venue, places),
            "dates": _dates(e.dates),
            "quote": [e.quote, e.quote_start, e.quote_end],
            "confidence": e.confidence,
            "topics": e.topics,
            "status_is_stated": e.status_is_stated,
            "date_phrase": e.date_phrase,
            "travel_day": e.travel_day,
            "told_as_earlier": e.told_as_earlier,
            "plan_told_in_past": e.plan_told_in_past,
            "apart": e.apart,
        }
        for e in extraction.events
    ]
    return {
        "actors": actors.rows,
        "places": places.rows,
        "mentions": mentions,
        "events": events,
        "topics": extraction.topics,
        "dateline_country": extraction.dateline_country,
    }


def _read_places(rows: list[Any]) -> list[Place]:
    places: list[Place] = []
    for kind, name, slug, city, country, latitude, longitude, geonames_id, parent in rows:
        # A parent is always written before the places inside it (``_place``).
        up = places[parent] if parent is not None else None
        places.append(Place(kind, name, slug, city, country, latitude, longitude, geonames_id, parent=up))
    return places


def _read_actor(row: list[Any]) -> ResolvedActor:
    slug, kind, name, country, description, aliases, positions, known, gender = row
    return ResolvedActor(
        slug=slug,
        kind=kind,
        name=name,
        country=country,
        description=description,
        aliases=tuple(aliases),
        positions=tuple(PositionSpec(t, c, _undate(s), _undate(e)) for t, c, s, e in positions),
        known=known,
        gender=gender,
    )


def decode_extraction(document: dict[str, Any]) -> ArticleExtraction:
    """The ``ArticleExtraction`` that ``encode_extraction`` wrote as ``document``."""
    actors = [_read_actor(row) for row in document["actors"]]
    places = _read_places(document["places"])
    mentions = [
        ActorMention(actors[actor], spelling, start, end, named)
        for actor, spelling, start, end, named in document["mentions"]
    ]
    events = []
    for e in document["events"]:
        quote, quote_start, quote_end = e["quote"]
        events.append(
            EventCandidate(
                kind=e["kind"],
                status=e["status"],
                participants={key: (actors[actor], role) for key, actor, role in e["participants"]},
                venue=places[e["venue"]] if e["venue"] is not None else None,
                dates=_undates(e["dates"]),
                quote=quote,
                quote_start=quote_start,
                quote_end=quote_end,
                confidence=e["confidence"],
                topics={slug: list(phrases) for slug, phrases in e["topics"].items()},
                status_is_stated=e["status_is_stated"],
                date_phrase=e["date_phrase"],
                travel_day=e["travel_day"],
                told_as_earlier=e["told_as_earlier"],
                # Absent from reports kept before they were read.
                plan_told_in_past=e.get("plan_told_in_past", False),
                apart=e.get("apart", False),
            )
        )
    topics = {slug: list(phrases) for slug, phrases in document["topics"].items()}
    return ArticleExtraction(mentions, events, topics, document["dateline_country"])
