"""The rows of an export, built from the data layer's batches: public IDs in place of primary keys and
a ``url`` to each item's REST resource (under ``api_base``, the REST API's root: the server's origin
and ``/api/v1``, or the path alone), in the order of ``api.exports.formats.COLUMNS``.

    >>> async for batch in export_rows(session, Kind.EVENTS, api_base="http://localhost:8000/api/v1"):  # doctest: +SKIP
    ...     batch[0]["url"]
    'http://localhost:8000/api/v1/events/RXZlbnQ6MQ'
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.exports.formats import Kind, Row
from db.ids import encode_id
from db.queries.event_filter import EventFilter
from db.queries.exports import EventRecord, actor_records, article_records, event_records, venue_records

__all__ = ["export_rows"]

_TYPES = {Kind.EVENTS: "Event", Kind.ACTORS: "Actor", Kind.VENUES: "Venue", Kind.ARTICLES: "Article"}


def _event(record: EventRecord, api_base: str) -> Row:
    public = encode_id("Event", record.id)
    return {
        "id": public,
        "title": record.title,
        "kind": record.kind,
        "status": record.status,
        "start": record.start,
        "end": record.end,
        "confidence": record.confidence,
        "participants": list(record.participants),
        "topics": list(record.topics),
        "venue": encode_id("Venue", record.venue_id) if record.venue_id is not None else None,
        "venue_name": record.venue,
        "country": record.country,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "url": f"{api_base}/events/{public}",
    }


def _plain(kind: Kind, row: dict[str, Any], api_base: str) -> Row:
    public = encode_id(_TYPES[kind], row["id"])
    found: Row = {**row, "id": public}
    if "parent_id" in found:
        parent = found.pop("parent_id")
        found["parent"] = encode_id("Venue", parent) if parent is not None else None
    found["url"] = f"{api_base}/{kind.value}/{public}"
    return found


async def export_rows(
    session: AsyncSession, kind: Kind, event_filter: EventFilter | None = None, api_base: str = ""
) -> AsyncIterator[list[Row]]:
    """Batches of rows of ``kind``; events pass ``event_filter`` (all by default), the rest are all listed."""
    if kind is Kind.EVENTS:
        async for events in event_records(session, event_filter=event_filter or EventFilter()):
            yield [_event(record, api_base) for record in events]
        return
    source = {Kind.ACTORS: actor_records, Kind.VENUES: venue_records, Kind.ARTICLES: article_records}[kind]
    async for batch in source(session):
        yield [_plain(kind, row, api_base) for row in batch]
