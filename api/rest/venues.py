"""``GET /api/v1/venues`` and ``GET /api/v1/venues/{id}``."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.rest import representations
from api.rest.params import path_pk, read_venues
from api.rest.responses import list_response, resource_response
from db import models
from db.queries import venues as venue_queries
from db.queries.pagination import Page
from db.queries.rows import VenueRow

__all__ = ["routes"]


async def list_venues(request: Request) -> Response:
    query = read_venues(request)

    async def fetch(session: AsyncSession) -> Page[models.Venue]:
        return await venue_queries.list_venues(
            session, venue_filter=query.filter, page=query.page, sort=query.sort, direction=query.direction
        )

    async def count(session: AsyncSession) -> int:
        return await venue_queries.count_venues(session, venue_filter=query.filter)

    return await list_response(request, query, fetch, count, representations.venues)


async def get_venue(request: Request) -> Response:
    pk = path_pk(request, "Venue")

    async def load(session: AsyncSession) -> VenueRow | None:
        return (await venue_queries.venues_by_ids(session, [pk])).get(pk)

    return await resource_response(request, load, representations.venues, "No venue has this ID.")


routes = [
    Route(f"{representations.API_PREFIX}/venues", list_venues, methods=["GET"]),
    Route(f"{representations.API_PREFIX}/venues/{{id}}", get_venue, methods=["GET"]),
]
