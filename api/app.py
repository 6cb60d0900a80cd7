"""The starlette application: the REST API under ``/api/v1``, GraphQL at ``/graphql``, the OpenAPI
document and its reference page, health checks and metrics; with conditional GET, CORS, metrics and
problem-details errors around all of it.

>>> from api.app import create_app
>>> app = create_app(Settings(database_url="sqlite+aiosqlite:///kb.db"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from api import docs, graphql, health, metrics, rest
from api.conditional import ConditionalGetMiddleware
from api.rest.problems import exception_handlers
from db.session import create_engine, create_session_factory
from db.settings import Settings, get_settings

__all__ = ["CORS_EXPOSED_HEADERS", "create_app"]

# What a browser script may read from a cross-origin answer besides the safelisted headers.
CORS_EXPOSED_HEADERS = ["ETag", "Link", "Retry-After", "Location"]


def _middleware(settings: Settings, app_metrics: metrics.Metrics) -> list[Middleware]:
    """Outermost first: metrics time everything, CORS headers go on every answer (a 304 too), and
    conditional GET sees the finished body."""
    stack = [Middleware(metrics.MetricsMiddleware, metrics=app_metrics)]
    if settings.cors_allowed_origins:
        stack.append(
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_allowed_origins,
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type", "Authorization", "If-None-Match"],
                expose_headers=CORS_EXPOSED_HEADERS,
            )
        )
    stack.append(Middleware(ConditionalGetMiddleware))
    return stack


def create_app(settings: Settings | None = None) -> Starlette:
    """An app serving the database of ``settings`` (default: read from the environment)."""
    settings = settings or get_settings()
    app_metrics = metrics.Metrics()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings)
        app.state.engine = engine
        app.state.session_factory = create_session_factory(engine)
        try:
            yield
        finally:
            await engine.dispose()

    routes = [
        *health.routes,
        *metrics.routes,
        *rest.routes,
        *docs.routes,
        *graphql.routes(settings, extensions=[lambda: metrics.GraphQLMetrics(app_metrics)]),
    ]
    app = Starlette(
        routes=routes,
        middleware=_middleware(settings, app_metrics),
        exception_handlers=exception_handlers,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = app_metrics
    return app
