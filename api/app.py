"""The starlette application: the REST API under ``/api/v1``, GraphQL at ``/graphql``, the OpenAPI
document and its reference page, health checks and metrics; with metrics, security headers, CORS, rate
limits, bounded request bodies, conditional GET and problem-details errors around all of it.

>>> from api.app import create_app
>>> app = create_app(Settings(database_url="sqlite+aiosqlite:///kb.db"))  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import socket
from collections.abc import AsyncIterator, Iterator

import uvicorn
from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware
from opentelemetry.sdk.trace import TracerProvider
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import BaseRoute

from api import docs, explore, graphql, health, landing, metrics, rest, tracing
from api.body_limit import BodyLimitMiddleware
from api.conditional import ConditionalGetMiddleware
from api.problems import exception_handlers
from api.queue import has_queue, queue_app
from api.rate_limit import RateLimiter, RateLimitMiddleware
from api.request_id import REQUEST_ID_HEADER, RequestIdMiddleware
from api.rest.representations import API_PREFIX
from api.security import SecurityHeadersMiddleware
from db.session import create_engine, create_read_session_factory, create_session_factory
from db.settings import Settings, get_settings

__all__ = ["CORS_EXPOSED_HEADERS", "create_app", "create_served_app"]

logger = logging.getLogger(__name__)

# What a browser script may read from a cross-origin answer besides the safelisted headers.
CORS_EXPOSED_HEADERS = [
    "ETag",
    "Link",
    "Retry-After",
    "Location",
    "RateLimit",
    "RateLimit-Policy",
    "Unplaced-Events",
    REQUEST_ID_HEADER,
]


def _middleware(
    settings: Settings, app_metrics: metrics.Metrics, limiter: RateLimiter | None, provider: TracerProvider | None
) -> list[Middleware]:
    """Outermost first: every request gets its id and (with tracing on) its server span, metrics time
    everything, security headers and CORS go on every answer (a refusal and a 304 too), rate limits
    refuse before a body is read, bodies are bounded while read, and conditional GET sees the finished
    body."""
    stack = [Middleware(RequestIdMiddleware)]
    if provider is not None:
        stack.append(Middleware(OpenTelemetryMiddleware, tracer_provider=provider))
    stack += [
        Middleware(metrics.MetricsMiddleware, metrics=app_metrics),
        Middleware(SecurityHeadersMiddleware, hsts=settings.env == "production"),
    ]
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
    if limiter is not None:
        stack.append(Middleware(RateLimitMiddleware, limiter=limiter))
    stack.append(
        Middleware(
            BodyLimitMiddleware,
            limit=settings.max_request_bytes,
            exceptions={("POST", f"{API_PREFIX}/articles"): settings.max_article_bytes},
        )
    )
    stack.append(Middleware(ConditionalGetMiddleware))
    return stack


class _MetricsServer(uvicorn.Server):
    """The server of ``Settings.metrics_port``, run beside the API's: the API's server handles the
    process's signals, and stops this one as it shuts the app down."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.asynccontextmanager
async def _metrics_server(app: Starlette, settings: Settings) -> AsyncIterator[None]:
    """Serve /metrics on ``settings.metrics_port`` while the app runs (nothing when it is unset)."""
    if settings.metrics_port is None:
        yield
        return
    # Bound here, so a port in use fails the start with its error rather than inside a task.
    listener = socket.create_server((settings.metrics_host, settings.metrics_port))
    config = uvicorn.Config(metrics.metrics_app(app), log_level="warning", server_header=False, lifespan="off")
    server = _MetricsServer(config)
    # The socket listens already: connections made before the server accepts them wait in its backlog.
    task = asyncio.create_task(server.serve(sockets=[listener]))
    try:
        yield
    finally:
        server.should_exit = True
        await task
        listener.close()


def _routes(settings: Settings, app_metrics: metrics.Metrics, provider: TracerProvider | None) -> list[BaseRoute]:
    served_metrics = metrics.served_on_api_port(settings)
    if not served_metrics and settings.metrics_port is None:
        logger.warning("/metrics is not served: in production it needs READOUT_METRICS_TOKEN or READOUT_METRICS_PORT")
    return [
        *landing.routes,
        *health.routes,
        *(metrics.routes if served_metrics else []),
        *rest.routes,
        *docs.routes(page=settings.api_docs),
        *explore.routes,
        *graphql.routes(
            settings,
            extensions=[
                lambda: metrics.GraphQLMetrics(app_metrics),
                *([tracing.graphql_extension(provider)] if provider is not None else []),
            ],
        ),
    ]


def create_app(settings: Settings | None = None, *, tracer_provider: TracerProvider | None = None) -> Starlette:
    """An app serving the database of ``settings`` (default: read from the environment), traced to
    ``tracer_provider`` (default: as the ``OTEL_*`` variables say, which is off unless they are set)."""
    settings = settings or get_settings()
    own_provider = tracer_provider is None
    provider = tracing.provider_from_environment() if own_provider else tracer_provider
    app_metrics = metrics.Metrics()
    limiter = RateLimiter(settings) if settings.rate_limit_enabled else None

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        engine = create_engine(settings)
        if provider is not None:
            tracing.trace_engine(engine, provider)
        app.state.engine = engine
        app.state.session_factory = create_session_factory(engine)
        app.state.read_session_factory = create_read_session_factory(engine)
        # The job queue of `Prefer: respond-async` ingestion: Postgres, with ingestion on. Opening it
        # connects to nothing (a connection per job queued), so the app starts while the database is away.
        queue = queue_app(settings, pooled=False) if has_queue(settings) and settings.ingest_token else None
        app.state.queue = queue
        try:
            if queue is not None:
                await queue.open_async()
            async with _metrics_server(app, settings):
                yield
        finally:
            if queue is not None:
                await queue.close_async()
            await engine.dispose()
            if limiter is not None:
                await limiter.close()
            if provider is not None and own_provider:
                # Sends the spans still batched.
                provider.shutdown()

    app = Starlette(
        routes=_routes(settings, app_metrics, provider),
        middleware=_middleware(settings, app_metrics, limiter, provider),
        exception_handlers=exception_handlers,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.metrics = app_metrics
    app.state.rate_limiter = limiter
    return app


# Allocations (less deallocations) between two collections of the youngest generation of a server process.
YOUNG_COLLECTION_AFTER = 10_000


def create_served_app(settings: Settings | None = None) -> Starlette:
    """``create_app`` for a server process (``readout serve``, each of its workers). The objects built
    so far (modules, the schema, the mappers) live as long as the process, so they are moved out of
    the garbage collector's sight (``gc.freeze``): its full collections, which a GraphQL answer's many
    small objects set off, then walk only what requests made. On a Timeline page of 20 events this cut
    the CPU of a request by about a third. Young collections run every ``YOUNG_COLLECTION_AFTER``
    allocations instead of 700: an answer's objects live until it is sent, and were walked again at
    each of the many collections its building set off (a Timeline page: about 10% of its CPU)."""
    app = create_app(settings)
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_AFTER)
    return app
