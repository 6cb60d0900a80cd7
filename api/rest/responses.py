"""How the REST views answer: one resource, or one page of a list with its cursor in the body and a
``Link: <…>; rel="next"`` header. (``ETag`` and ``304`` are added for every GET by
``api.conditional``.)

    >>> return await list_response(request, query, fetch, count, representations.events)  # doctest: +SKIP
    {"items": […], "totalCount": 7, "nextCursor": "…", "links": {"self": "…", "next": "…"}}
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

import orjson
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse

from api.problems import ProblemError
from api.rest.params import ListQuery
from db.queries.pagination import Page, PaginationError

__all__ = ["FastJSONResponse", "list_response", "resource_response", "session_of"]

RowT = TypeVar("RowT")
Json = dict[str, Any]
Fetch = Callable[[AsyncSession], Awaitable[Page[RowT]]]
Count = Callable[[AsyncSession], Awaitable[int]]
Represent = Callable[[AsyncSession, Sequence[RowT]], Awaitable[list[Json]]]


class FastJSONResponse(JSONResponse):
    """JSON written by orjson, several times faster than the standard encoder on a page of events (a
    few tens of kilobytes). Output is UTF-8 and compact, as before; a float that is not a number would
    be written as null (the database holds none)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def session_of(request: Request) -> AsyncSession:
    """A new session on the app's database, for one request that only reads (``POST /articles``
    stores through ``api.ingestion`` with sessions of its own)."""
    session: AsyncSession = request.app.state.read_session_factory()
    return session


def _path_with(request: Request, params: Sequence[tuple[str, str]]) -> str:
    path = request.url.path
    return f"{path}?{urlencode(params)}" if params else path


async def list_response(
    request: Request,
    query: ListQuery[Any, Any],
    fetch: Fetch[RowT],
    count: Count,
    represent: Represent[RowT],
) -> JSONResponse:
    """One page of a list: ``fetch`` reads it, ``count`` the whole list (unless ``fetch`` counted it:
    ``Page.total``), ``represent`` its items."""
    async with session_of(request) as session:
        try:
            page = await fetch(session)
        except PaginationError as exc:
            raise ProblemError.bad_parameters([("cursor", str(exc))]) from exc
        total = page.total if page.total is not None else await count(session)
        items = await represent(session, page.items)
    next_cursor = page.end_cursor if page.has_next_page else None
    next_link = _path_with(request, [*query.base, ("cursor", next_cursor)]) if next_cursor else None
    body = {
        "items": items,
        "totalCount": total,
        "nextCursor": next_cursor,
        "links": {"self": _path_with(request, list(request.query_params.multi_items())), "next": next_link},
    }
    headers = {"Link": f'<{next_link}>; rel="next"'} if next_link else None
    return FastJSONResponse(body, headers=headers)


async def resource_response(
    request: Request,
    load: Callable[[AsyncSession], Awaitable[RowT | None]],
    represent: Represent[RowT],
    missing: str,
) -> JSONResponse:
    """One resource, or a 404 saying ``missing`` when ``load`` finds no row."""
    async with session_of(request) as session:
        row = await load(session)
        if row is None:
            raise ProblemError.not_found(missing)
        (body,) = await represent(session, [row])
    return FastJSONResponse(body)
