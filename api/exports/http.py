"""Exports of events over HTTP: ``GET /api/v1/events.geojson``, ``.csv`` and ``.ndjson``, and ``GET
/api/v1/events`` asked for one of those media types by ``Accept`` (``application/geo+json``,
``text/csv``, ``application/x-ndjson``). They take the filters of ``GET /api/v1/events`` and stream
every event that passes, in ID order, a batch at a time.

A GeoJSON export leaves out events without a place on a map; how many it left out is counted first
and sent in the ``Unplaced-Events`` header.

    GET /api/v1/events.geojson?topic=taiwan
    200 application/geo+json; Unplaced-Events: 3
    {"type":"FeatureCollection","features":[{"type":"Feature","id":"RXZlbnQ6MQ",…}]}
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

from api.accept import qualities
from api.exports.formats import MEDIA_TYPES, Format, Kind, write
from api.exports.rows import export_rows
from api.rest.params import read_event_filter
from api.rest.representations import API_PREFIX
from api.rest.responses import session_of
from db.queries.event_filter import EventFilter
from db.queries.exports import count_unplaced_events

__all__ = ["UNPLACED_HEADER", "export_format_of", "export_response", "routes"]

UNPLACED_HEADER = "Unplaced-Events"

# Media types a client may ask /events for, each with the format that answers it.
_ACCEPTED = {
    "application/json": None,
    "application/geo+json": Format.GEOJSON,
    "text/csv": Format.CSV,
    "application/x-ndjson": Format.NDJSON,
}


def export_format_of(request: Request) -> Format | None:
    """The export format ``Accept`` prefers to JSON, or ``None`` for the JSON page (also when it names
    none of the four, or only ``*/*``): of the media types it names with the highest ``q``, the first."""
    best: tuple[float, Format | None] = (0.0, None)
    for media_type, quality in qualities(request.headers.get("accept")).items():
        if media_type in _ACCEPTED and quality > best[0]:
            best = (quality, _ACCEPTED[media_type])
    return best[1]


async def _text(request: Request, fmt: Format, event_filter: EventFilter) -> AsyncIterator[bytes]:
    api_base = str(request.base_url).rstrip("/") + API_PREFIX
    async with session_of(request) as session:
        async for chunk in write(fmt, Kind.EVENTS, export_rows(session, Kind.EVENTS, event_filter, api_base)):
            yield chunk.encode()


async def export_response(request: Request, fmt: Format) -> Response:
    """Every event passing the filters of ``request``'s query, streamed in ``fmt``."""
    event_filter = read_event_filter(request)
    headers = {}
    if fmt is Format.GEOJSON:
        async with session_of(request) as session:
            headers[UNPLACED_HEADER] = str(await count_unplaced_events(session, event_filter=event_filter))
    elif fmt is Format.CSV:
        headers["Content-Disposition"] = 'attachment; filename="events.csv"'
    return StreamingResponse(_text(request, fmt, event_filter), media_type=MEDIA_TYPES[fmt], headers=headers)


def _route(fmt: Format) -> Route:
    async def endpoint(request: Request) -> Response:
        return await export_response(request, fmt)

    return Route(f"{API_PREFIX}/events.{fmt.value}", endpoint, methods=["GET"], name=f"events_{fmt.value}")


routes = [_route(Format.GEOJSON), _route(Format.CSV), _route(Format.NDJSON)]
