"""The JSON representations of the REST API, built in one place from rows of the data layer.

Each carries the fields of its GraphQL type (same names, same opaque IDs, dates as the ``Date``
scalar writes them) plus ``links`` to itself and its related resources. Related objects appear as
references: a few identifying fields and their own links. Every function takes a whole page of rows
and looks up what hangs off them with the data layer's batch queries, so a page costs the same
number of statements for one row or a hundred.

    >>> await events(session, rows)  # doctest: +SKIP
    [{"id": "RXZlbnQ6MQ", "kind": "meeting", …, "links": {"self": "/api/v1/events/RXZlbnQ6MQ"}}]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db import models
from db.dates import format_partial_date
from db.enums import DatePrecision
from db.ids import encode_id
from db.queries import actors as actor_queries
from db.queries import articles as article_queries
from db.queries import events as event_queries
from db.queries import topics as topic_queries
from db.queries import venues as venue_queries
from db.queries.rows import ActorLike, ArticleLike, EventLike, EventRow, TopicLike, VenueLike
from db.reference_date import read_basis
from db.titles import article_title

__all__ = [
    "API_PREFIX",
    "COUNTERPART_COUNT",
    "actor_ref",
    "actors",
    "article_dating",
    "article_ref",
    "articles",
    "event_ref",
    "events",
    "href",
    "topic_ref",
    "topics",
    "venue_ref",
    "venues",
]

API_PREFIX = "/api/v1"
# As many counterparts as GraphQL's `counterparts` gives by default.
COUNTERPART_COUNT = 10
Json = dict[str, Any]

_COLLECTIONS = {"Event": "events", "Actor": "actors", "Venue": "venues", "Topic": "topics", "Article": "articles"}


def href(type_name: str, pk: int) -> str:
    """The path of one resource."""
    return f"{API_PREFIX}/{_COLLECTIONS[type_name]}/{encode_id(type_name, pk)}"


def _events_where(parameter: str, type_name: str, pk: int) -> str:
    return f"{API_PREFIX}/events?{parameter}={encode_id(type_name, pk)}"


def _day(value: Any) -> str | None:
    return format_partial_date(value, DatePrecision.DAY)


def _ids(values: Iterable[int | None]) -> list[int]:
    return sorted({value for value in values if value is not None})


def actor_ref(row: ActorLike) -> Json:
    return {
        "id": encode_id("Actor", row.id),
        "kind": row.kind,
        "name": row.name,
        "country": row.country,
        "links": {"self": href("Actor", row.id)},
    }


def venue_ref(row: VenueLike) -> Json:
    return {
        "id": encode_id("Venue", row.id),
        "kind": row.kind,
        "name": row.name,
        "city": row.city,
        "country": row.country,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "links": {"self": href("Venue", row.id)},
    }


def topic_ref(row: TopicLike) -> Json:
    return {
        "id": encode_id("Topic", row.id),
        "slug": row.slug,
        "label": row.label,
        "links": {"events": _events_where("topic", "Topic", row.id)},
    }


def event_ref(row: EventLike) -> Json:
    return {
        "id": encode_id("Event", row.id),
        "kind": row.kind,
        "title": row.title,
        "start": format_partial_date(row.start_date, row.start_precision),
        "status": row.status,
        "links": {"self": href("Event", row.id)},
    }


def article_ref(row: ArticleLike) -> Json:
    return {
        "id": encode_id("Article", row.id),
        "title": article_title(row.title, row.opening),
        "outlet": row.outlet,
        "published": _day(row.published),
        "sourcePath": row.source,
        "links": {"self": href("Article", row.id)},
    }


def article_dating(row: models.Article) -> Json:
    """An article's ``referenceDate`` (as the ``Date`` scalar writes it, or None) and
    ``referenceDateBasis`` (``{method, candidates}``, or None without a stored trail)."""
    return {
        "referenceDate": format_partial_date(row.reference_date, row.reference_date_precision or DatePrecision.DAY),
        "referenceDateBasis": _reference_date_basis(row.reference_date_basis),
    }


def _reference_date_basis(stored: object) -> Json | None:
    """The stored audit trail as ``db.reference_date`` reads it (a trail it cannot read whole answers its
    method and no candidates); each candidate carries the fields of GraphQL's ``DateCandidate`` plus its
    ``precision``."""
    basis = read_basis(stored)
    if basis is None:
        return None
    candidates = [
        {
            "kind": candidate.kind,
            "date": format_partial_date(candidate.date, candidate.precision),
            "precision": candidate.precision.value if candidate.precision is not None else None,
            "text": candidate.text,
            "verdict": candidate.verdict.value,
            "why": candidate.why,
        }
        for candidate in basis.candidates
    ]
    return {"method": basis.method, "candidates": candidates}


async def events(session: AsyncSession, rows: Sequence[EventLike]) -> list[Json]:
    """Full event representations: venue, participants, topics, parent, children and sources."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    participants = await event_queries.participants_by_event_ids(session, ids)
    topics_of = await event_queries.topics_by_event_ids(session, ids)
    evidence = await event_queries.evidence_by_event_ids(session, ids)
    children = await event_queries.children_by_parent_ids(session, ids)
    # A list's rows hold their venue and parent event (a join); rows read alone have them looked up.
    joined = [row for row in rows if isinstance(row, EventRow) and row.joined]
    venue_rows = {row.joined_venue.id: row.joined_venue for row in joined if row.joined_venue is not None}
    parents = {row.joined_parent.id: row.joined_parent for row in joined if row.joined_parent is not None}
    alone = [row for row in rows if not (isinstance(row, EventRow) and row.joined)]
    if venue_ids := _ids(row.venue_id for row in alone):
        venue_rows.update(await venue_queries.venues_by_ids(session, venue_ids))
    if parent_ids := _ids(row.parent_id for row in alone):
        parents.update(await event_queries.events_by_ids(session, parent_ids))

    def one(row: EventLike) -> Json:
        venue = venue_rows.get(row.venue_id) if row.venue_id is not None else None
        parent = parents.get(row.parent_id) if row.parent_id is not None else None
        links = {"self": href("Event", row.id)}
        if venue is not None:
            links["venue"] = href("Venue", venue.id)
        if parent is not None:
            links["parent"] = href("Event", parent.id)
        return {
            "id": encode_id("Event", row.id),
            "kind": row.kind,
            "title": row.title,
            "start": format_partial_date(row.start_date, row.start_precision),
            "end": format_partial_date(row.end_date, row.end_precision or DatePrecision.DAY),
            "datePrecision": row.start_precision if row.start_date is not None else None,
            "status": row.status,
            "confidence": row.confidence,
            "venue": venue_ref(venue) if venue is not None else None,
            "participants": [{"role": p.role, "actor": actor_ref(p.actor)} for p in participants.get(row.id, [])],
            "topics": [topic_ref(topic) for topic in topics_of.get(row.id, [])],
            "parent": event_ref(parent) if parent is not None else None,
            "children": [event_ref(child) for child in children.get(row.id, [])],
            "sources": [
                {
                    "quote": e.quote,
                    "startOffset": e.start_offset,
                    "endOffset": e.end_offset,
                    "article": article_ref(e.article),
                }
                for e in evidence.get(row.id, [])
            ],
            "links": links,
        }

    return [one(row) for row in rows]


async def actors(session: AsyncSession, rows: Sequence[models.Actor]) -> list[Json]:
    """Full actor representations: aliases, positions and the actors met most."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    aliases = await actor_queries.aliases_by_actor_ids(session, ids)
    positions = await actor_queries.positions_by_actor_ids(session, ids)
    counterparts = await actor_queries.counterparts_by_actor_ids(session, ids)
    met_ids = _ids(c.actor_id for group in counterparts.values() for c in group[:COUNTERPART_COUNT])
    met = await actor_queries.actors_by_ids(session, met_ids)

    def one(row: models.Actor) -> Json:
        return {
            "id": encode_id("Actor", row.id),
            "kind": row.kind,
            "name": row.name,
            "country": row.country,
            "description": row.description,
            "aliases": sorted({alias.spelling for alias in aliases.get(row.id, [])} - {row.name}),
            "positions": [
                {"title": p.title, "country": p.country, "start": _day(p.start_date), "end": _day(p.end_date)}
                for p in positions.get(row.id, [])
            ],
            "counterparts": [
                {"eventCount": c.event_count, "actor": actor_ref(met[c.actor_id])}
                for c in counterparts.get(row.id, [])[:COUNTERPART_COUNT]
            ],
            "links": {"self": href("Actor", row.id), "events": f"{href('Actor', row.id)}/events"},
        }

    return [one(row) for row in rows]


async def venues(session: AsyncSession, rows: Sequence[VenueLike]) -> list[Json]:
    """Full venue representations: the place it is inside and the places directly inside it."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    parents = await venue_queries.venues_by_ids(session, _ids(row.parent_id for row in rows))
    children = await venue_queries.children_by_parent_ids(session, ids)

    def one(row: VenueLike) -> Json:
        parent = parents.get(row.parent_id) if row.parent_id is not None else None
        links = {"self": href("Venue", row.id), "events": _events_where("venue", "Venue", row.id)}
        if parent is not None:
            links["parent"] = href("Venue", parent.id)
        return {
            **venue_ref(row),
            "parent": venue_ref(parent) if parent is not None else None,
            "children": [venue_ref(child) for child in children.get(row.id, [])],
            "links": links,
        }

    return [one(row) for row in rows]


async def topics(session: AsyncSession, rows: Sequence[models.Topic]) -> list[Json]:
    """Full topic representations, with how many events are about each."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    counts = await topic_queries.event_counts_by_topic_ids(session, ids)
    return [{**topic_ref(row), "description": row.description, "eventCount": counts.get(row.id, 0)} for row in rows]


async def articles(session: AsyncSession, rows: Sequence[models.Article]) -> list[Json]:
    """Full article representations: metadata, the cleaned text, the reference date with its audit trail,
    and the events each supports."""
    ids = [row.id for row in rows]
    if not ids:
        return []
    supported = await article_queries.events_by_article_ids(session, ids)
    return [
        {
            **article_ref(row),
            "authors": list(row.authors),
            "dateline": row.dateline,
            "encoding": row.encoding,
            "text": row.text,
            **article_dating(row),
            "events": [event_ref(event) for event in supported.get(row.id, [])],
        }
        for row in rows
    ]
