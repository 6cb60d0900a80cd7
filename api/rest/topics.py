"""``GET /api/v1/topics``: the taxonomy, with how many events are about each topic."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.rest import representations
from api.rest.params import read_topics
from api.rest.responses import list_response
from db import models
from db.queries import topics as topic_queries
from db.queries.pagination import Page

__all__ = ["routes"]


async def list_topics(request: Request) -> Response:
    query = read_topics(request)

    async def fetch(session: AsyncSession) -> Page[models.Topic]:
        return await topic_queries.list_topics(
            session, topic_filter=query.filter, page=query.page, sort=query.sort, direction=query.direction
        )

    async def count(session: AsyncSession) -> int:
        return await topic_queries.count_topics(session, topic_filter=query.filter)

    return await list_response(request, query, fetch, count, representations.topics)


routes = [Route(f"{representations.API_PREFIX}/topics", list_topics, methods=["GET"])]
