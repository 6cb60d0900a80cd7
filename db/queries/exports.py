"""Reading whole lists for export, in batches: events (with the same filter as the APIs' lists),
actors, venues and articles, each in primary-key order, a batch of rows at a time, so an export of a
large database holds one batch in memory, never the whole list.

Each batch is one keyset query (``id > last id``, ``LIMIT``) and, for events, one look-up each of
the batch's participants' names and topics' slugs.

    >>> async for batch in event_records(session, event_filter=EventFilter(kinds=["meeting"])):  # doctest: +SKIP
    ...     print(batch[0].title, batch[0].participants)
    Blinken meets Wang ('Antony Blinken', 'Wang Yi')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.dates import format_partial_date
from db.queries.among import among, id_list
from db.queries.event_filter import EventFilter, bind, conditions
from db.queries.tables import ACTORS, ARTICLES, EVENT_TOPICS, EVENTS, PARTICIPANTS, TOPICS, VENUES

__all__ = [
    "BATCH_SIZE",
    "EventRecord",
    "actor_records",
    "article_records",
    "count_unplaced_events",
    "event_records",
    "venue_records",
]

BATCH_SIZE = 500

_VENUE = VENUES.alias("venue")
_PARENT = VENUES.alias("parent_venue")
# Where an event took place on a map: its venue's point, or, for a venue without one (a building the
# gazetteer knows only by name), the point of the place it lies in.
_PLACED = _VENUE.c.latitude.is_not(None) & _VENUE.c.longitude.is_not(None)
_LATITUDE = case((_PLACED, _VENUE.c.latitude), else_=_PARENT.c.latitude)
_LONGITUDE = case((_PLACED, _VENUE.c.longitude), else_=_PARENT.c.longitude)


@dataclass(frozen=True)
class EventRecord:
    """One event, flat: dates as ISO text at their precision, participants' names and topics' slugs."""

    id: int
    title: str
    kind: str
    status: str
    start: str | None
    end: str | None
    confidence: float
    venue_id: int | None
    venue: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    participants: tuple[str, ...]
    topics: tuple[str, ...]


def _located(query: Select[Any]) -> Select[Any]:
    return query.outerjoin(_VENUE, _VENUE.c.id == EVENTS.c.venue_id).outerjoin(
        _PARENT, _PARENT.c.id == _VENUE.c.parent_id
    )


def _event_batches_query(event_filter: EventFilter) -> tuple[Select[Any], dict[str, Any]]:
    shape, params = bind(event_filter)
    columns = (
        EVENTS.c.id,
        EVENTS.c.title,
        EVENTS.c.kind,
        EVENTS.c.status,
        EVENTS.c.start_date,
        EVENTS.c.start_precision,
        EVENTS.c.end_date,
        EVENTS.c.end_precision,
        EVENTS.c.confidence,
        EVENTS.c.venue_id,
        _VENUE.c.name.label("venue_name"),
        func.coalesce(_VENUE.c.country, _PARENT.c.country).label("country"),
        _LATITUDE.label("latitude"),
        _LONGITUDE.label("longitude"),
    )
    return _located(select(*columns)).where(*conditions(shape)), params


async def count_unplaced_events(session: AsyncSession, *, event_filter: EventFilter) -> int:
    """How many events pass ``event_filter`` without a point on a map (a GeoJSON export leaves them out)."""
    shape, params = bind(event_filter)
    query = _located(select(func.count()).select_from(EVENTS)).where(
        *conditions(shape), (_LATITUDE.is_(None)) | (_LONGITUDE.is_(None))
    )
    return int(await session.scalar(query, params) or 0)


async def _labels_by_event(
    session: AsyncSession, ids: list[int], *, link: ColumnElement[int], label: ColumnElement[str]
) -> dict[int, list[str]]:
    """Each event's labels in order (its participants' names, its topics' slugs): ``link`` is the column
    of a table of ``event_id`` rows that names the ``id`` of the row of ``label``'s table."""
    links, labels = link.table, label.table
    query = (
        select(links.c.event_id, label)
        .join(labels, labels.c.id == link)
        .where(among(links.c.event_id, ids))
        .order_by(links.c.event_id, label)
    )
    found: dict[int, list[str]] = defaultdict(list)
    for event_id, value in await session.execute(query):
        found[event_id].append(value)
    return found


async def _batches(
    session: AsyncSession,
    query: Select[Any],
    key: Any,
    params: dict[str, Any],
    batch_size: int,
) -> AsyncIterator[Sequence[Any]]:
    """The rows of ``query`` in order of ``key``, ``batch_size`` at a time, each batch its own query."""
    last: int | None = None
    while True:
        page = query.order_by(key).limit(batch_size)
        if last is not None:
            page = page.where(key > last)
        rows = (await session.execute(page, params)).all()
        if not rows:
            return
        yield rows
        if len(rows) < batch_size:
            return
        last = rows[-1].id


async def event_records(
    session: AsyncSession, *, event_filter: EventFilter, batch_size: int = BATCH_SIZE
) -> AsyncIterator[list[EventRecord]]:
    """The events passing ``event_filter`` (every event by default), in batches, in ID order."""
    query, params = _event_batches_query(event_filter)
    async for rows in _batches(session, query, EVENTS.c.id, params, batch_size):
        ids = id_list(row.id for row in rows)
        names = await _labels_by_event(session, ids, link=PARTICIPANTS.c.actor_id, label=ACTORS.c.name)
        slugs = await _labels_by_event(session, ids, link=EVENT_TOPICS.c.topic_id, label=TOPICS.c.slug)
        yield [
            EventRecord(
                id=row.id,
                title=row.title,
                kind=row.kind,
                status=row.status,
                start=format_partial_date(row.start_date, row.start_precision),
                end=format_partial_date(row.end_date, row.end_precision),
                confidence=row.confidence,
                venue_id=row.venue_id,
                venue=row.venue_name,
                country=row.country,
                latitude=row.latitude,
                longitude=row.longitude,
                participants=tuple(names.get(row.id, ())),
                topics=tuple(slugs.get(row.id, ())),
            )
            for row in rows
        ]


def _plain(table: FromClause, *names: str) -> Select[Any]:
    return select(*(table.c[name] for name in names))


async def actor_records(session: AsyncSession, *, batch_size: int = BATCH_SIZE) -> AsyncIterator[list[dict[str, Any]]]:
    """Every actor (``id``, ``name``, ``slug``, ``kind``, ``country``), in batches, in ID order."""
    query = _plain(ACTORS, "id", "name", "slug", "kind", "country")
    async for rows in _batches(session, query, ACTORS.c.id, {}, batch_size):
        yield [dict(row._mapping) for row in rows]


async def venue_records(session: AsyncSession, *, batch_size: int = BATCH_SIZE) -> AsyncIterator[list[dict[str, Any]]]:
    """Every venue (``id``, ``name``, ``slug``, ``kind``, ``city``, ``country``, ``latitude``,
    ``longitude``, ``parent_id``), in batches, in ID order."""
    names = ("id", "name", "slug", "kind", "city", "country", "latitude", "longitude", "parent_id")
    async for rows in _batches(session, _plain(VENUES, *names), VENUES.c.id, {}, batch_size):
        yield [dict(row._mapping) for row in rows]


async def article_records(
    session: AsyncSession, *, batch_size: int = BATCH_SIZE
) -> AsyncIterator[list[dict[str, Any]]]:
    """Every article (``id``, ``title``, ``outlet``, ``published`` as ISO text, ``source``,
    ``authors``), in batches, in ID order."""
    query = _plain(ARTICLES, "id", "title", "outlet", "published", "source", "authors")
    async for rows in _batches(session, query, ARTICLES.c.id, {}, batch_size):
        yield [{**row._mapping, "published": row.published.isoformat() if row.published else None} for row in rows]
