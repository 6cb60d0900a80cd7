"""``GET /api/v1/events`` (filtered, sorted, paginated) and ``GET /api/v1/events/{id}``."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.exports.http import export_format_of, export_response
from api.rest import representations
from api.rest.params import ListQuery, path_pk, read_events
from api.rest.responses import list_response, resource_response
from db.queries import events as event_queries
from db.queries.events import EventFilter, EventSortField
from db.queries.pagination import Page
from db.queries.rows import EventRow

__all__ = ["event_list_response", "routes"]


async def event_list_response(request: Request, query: ListQuery[EventFilter, EventSortField]) -> Response:
    """A page of the events ``query`` asks for (shared with an actor's events)."""

    async def fetch(session: AsyncSession) -> Page[EventRow]:
        return await event_queries.list_events(
            session,
            event_filter=query.filter,
            page=query.page,
            sort=query.sort,
            direction=query.direction,
            counted=True,
        )

    async def count(session: AsyncSession) -> int:
        return await event_queries.count_events(session, event_filter=query.filter)

    return await list_response(request, query, fetch, count, representations.events)


async def list_events(request: Request) -> Response:
    # An `Accept` asking for GeoJSON, CSV or NDJSON gets the export of every event that passes.
    export_format = export_format_of(request)
    if export_format is not None:
        return await export_response(request, export_format)
    return await event_list_response(request, read_events(request))


async def get_event(request: Request) -> Response:
    pk = path_pk(request, "Event")

    async def load(session: AsyncSession) -> EventRow | None:
        return (await event_queries.events_by_ids(session, [pk])).get(pk)

    return await resource_response(request, load, representations.events, "No event has this ID.")


routes = [
    Route(f"{representations.API_PREFIX}/events", list_events, methods=["GET"]),
    Route(f"{representations.API_PREFIX}/events/{{id}}", get_event, methods=["GET"]),
]
