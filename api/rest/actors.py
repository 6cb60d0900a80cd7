"""``GET /api/v1/actors``, ``/actors/{id}`` and ``/actors/{id}/events`` (the event filters apply)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.problems import ProblemError
from api.rest import representations
from api.rest.events import event_list_response
from api.rest.params import read_actors, read_events
from api.rest.responses import list_response, resource_response, session_of
from db import models, slugs
from db.queries import actors as actor_queries
from db.queries.pagination import Page

__all__ = ["routes"]

MISSING = "No actor has this ID or slug."


async def list_actors(request: Request) -> Response:
    query = read_actors(request)

    async def fetch(session: AsyncSession) -> Page[models.Actor]:
        return await actor_queries.list_actors(
            session, actor_filter=query.filter, page=query.page, sort=query.sort, direction=query.direction
        )

    async def count(session: AsyncSession) -> int:
        return await actor_queries.count_actors(session, actor_filter=query.filter)

    return await list_response(request, query, fetch, count, representations.actors)


async def _load(session: AsyncSession, pk: int) -> models.Actor | None:
    return (await actor_queries.actors_by_ids(session, [pk])).get(pk)


async def _path_actor(request: Request) -> int:
    """The primary key of the actor the path's ``{id}`` names by ID or by slug; 404 for none."""
    async with session_of(request) as session:
        pk = await slugs.actor_pk(session, request.path_params["id"])
        if pk is None or await _load(session, pk) is None:
            raise ProblemError.not_found(MISSING)
    return pk


async def get_actor(request: Request) -> Response:
    pk = await _path_actor(request)
    return await resource_response(request, lambda session: _load(session, pk), representations.actors, MISSING)


async def actor_events(request: Request) -> Response:
    """The events this actor took part in (with every other actor of ``actor``, if given)."""
    pk = await _path_actor(request)
    return await event_list_response(request, read_events(request, actor_pk=pk))


routes = [
    Route(f"{representations.API_PREFIX}/actors", list_actors, methods=["GET"]),
    Route(f"{representations.API_PREFIX}/actors/{{id}}", get_actor, methods=["GET"]),
    Route(f"{representations.API_PREFIX}/actors/{{id}}/events", actor_events, methods=["GET"]),
]
