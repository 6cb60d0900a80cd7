"""``GET /api/v1/articles``, ``GET /api/v1/articles/{id}`` and ``POST /api/v1/articles`` (see
``api.rest.ingest``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from api.rest import representations
from api.rest.ingest import post_article
from api.rest.params import path_pk, read_articles
from api.rest.responses import list_response, resource_response
from db import models
from db.queries import articles as article_queries
from db.queries.pagination import Page

__all__ = ["routes"]


async def list_articles(request: Request) -> Response:
    query = read_articles(request)

    async def fetch(session: AsyncSession) -> Page[models.Article]:
        return await article_queries.list_articles(
            session,
            article_filter=query.filter,
            page=query.page,
            sort=query.sort,
            direction=query.direction,
            with_text=True,
        )

    async def count(session: AsyncSession) -> int:
        return await article_queries.count_articles(session, article_filter=query.filter)

    return await list_response(request, query, fetch, count, representations.articles)


async def get_article(request: Request) -> Response:
    pk = path_pk(request, "Article")

    async def load(session: AsyncSession) -> models.Article | None:
        return (await article_queries.articles_by_ids(session, [pk], with_text=True)).get(pk)

    return await resource_response(request, load, representations.articles, "No article has this ID.")


async def articles(request: Request) -> Response:
    # One route for both methods, so a 405 on it names them both in its Allow header.
    return await (post_article(request) if request.method == "POST" else list_articles(request))


routes = [
    Route(f"{representations.API_PREFIX}/articles", articles, methods=["GET", "POST"]),
    Route(f"{representations.API_PREFIX}/articles/{{id}}", get_article, methods=["GET"]),
]
