"""GraphQL over HTTP at ``/graphql``: a session per request, the per-request timeout, GET for queries
only, and the explorer page and its static files.

>>> routes(Settings())  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any

from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from api.explorer import STATIC_DIR, STATIC_URL, explorer_html
from db.settings import Settings
from schema.context import Context
from schema.root import build_schema

__all__ = ["GraphQLView", "routes"]


class GraphQLView(GraphQL[Context, None]):
    """Strawberry's ASGI view with readout's context, time limit and offline explorer."""

    def __init__(self, settings: Settings, extensions: Sequence[Callable[[], SchemaExtension]] = ()) -> None:
        super().__init__(
            build_schema(settings, extensions=extensions),
            graphql_ide="graphiql" if settings.graphql_explorer else None,
            # Strawberry refuses mutations over GET whatever this says; queries may use it.
            allow_queries_via_get=True,
        )
        self.settings = settings

    async def run(  # type: ignore[override]
        self, request: Request | WebSocket, context: Context = UNSET, root_value: None = UNSET
    ) -> Response | WebSocket:
        """Serve one request inside its own session, closed when the response is ready."""
        if not isinstance(request, Request):
            return await super().run(request, context, root_value)
        async with request.app.state.session_factory() as session:
            context = Context.for_session(session, page_cap=self.settings.graphql_max_page_size)
            return await super().run(request, context, root_value)

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Execute one operation, stopped with an error once it runs past the time limit."""
        limit = self.settings.graphql_timeout_seconds
        try:
            async with asyncio.timeout(limit):
                return await super().execute_single(*args, **kwargs)
        except TimeoutError:
            return ExecutionResult(data=None, errors=[GraphQLError(f"The request took longer than {limit:g} s.")])

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(explorer_html())


def routes(settings: Settings, extensions: Sequence[Callable[[], SchemaExtension]] = ()) -> list[BaseRoute]:
    """``/graphql`` and, when the explorer is on, its static files under ``/graphql/static``;
    ``extensions`` run around each operation besides the schema's own (metrics)."""
    view = GraphQLView(settings, extensions)
    served: list[BaseRoute] = [Route("/graphql", view, methods=["GET", "POST"])]
    if settings.graphql_explorer:
        served.insert(0, Mount(STATIC_URL, StaticFiles(directory=STATIC_DIR, check_dir=False), name="graphiql"))
    return served
