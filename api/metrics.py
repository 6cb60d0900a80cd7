"""Prometheus metrics, served at ``GET /metrics`` in the text exposition format.

* ``readout_http_requests_total`` and ``readout_http_request_duration_seconds``: every HTTP request,
  labelled by method, **route template** (``/api/v1/events/{id}``, never the raw path, so IDs do not
  multiply the series; ``<unmatched>`` for unknown paths) and status;
* ``readout_graphql_operations_total`` and ``readout_graphql_operation_duration_seconds``: every
  GraphQL operation, by type (query, mutation, or ``invalid`` when the document did not parse),
  operation name (``<anonymous>``; past ``MAX_OPERATION_NAMES`` distinct names, ``<other>``, since
  clients choose names) and outcome (``ok`` or ``error``).

Each app holds its own registry, so apps built side by side (tests) count apart.

Who may read it (``served_on_api_port``): anyone, in development; with ``Settings.metrics_token`` set,
clients sending it as a bearer token; with ``Settings.metrics_port`` set, clients of that port only
(``metrics_app``, started beside the API by ``api.app``'s lifespan). In production, a /metrics with
neither is not served at all.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from api.auth import require_token
from api.problems import exception_handlers
from db.settings import Settings

__all__ = [
    "MAX_OPERATION_NAMES",
    "GraphQLMetrics",
    "Metrics",
    "MetricsMiddleware",
    "metrics_app",
    "routes",
    "served_on_api_port",
]

MAX_OPERATION_NAMES = 100
UNMATCHED = "<unmatched>"
# From a cached look-up to a page of a hundred events, and spaCy ingesting a long article.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


# Each series would get a `_created` twin holding its start time, doubling the page for little use.
disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus_client leaves it unannotated


class Metrics:
    """The app's registry and the series it holds."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "readout_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "readout_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route template.",
            ["method", "route"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self.operations = Counter(
            "readout_graphql_operations",
            "GraphQL operations run, by operation type, operation name and outcome.",
            ["type", "name", "outcome"],
            registry=self.registry,
        )
        self.operation_seconds = Histogram(
            "readout_graphql_operation_duration_seconds",
            "Time to run a GraphQL operation, by operation type and name.",
            ["type", "name"],
            buckets=BUCKETS,
            registry=self.registry,
        )
        self._operation_names: set[str] = set()

    def operation_label(self, name: str | None) -> str:
        """``name`` as a label value, bounded in number: clients choose operation names."""
        if name is None:
            return "<anonymous>"
        if name not in self._operation_names and len(self._operation_names) >= MAX_OPERATION_NAMES:
            return "<other>"
        self._operation_names.add(name)
        return name

    def render(self) -> bytes:
        return generate_latest(self.registry)


class MetricsMiddleware:
    """ASGI middleware counting and timing each HTTP request by its route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        # A fault that escapes the app is answered 500 further out, by starlette's error middleware.
        status = 500

        async def record_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, record_status)
        finally:
            # The router leaves the route it matched in the scope; its path is the template.
            route = getattr(scope.get("route"), "path", None) or UNMATCHED
            method = scope["method"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.request_seconds.labels(method, route).observe(time.perf_counter() - started)


class GraphQLMetrics(SchemaExtension):
    """A strawberry extension counting and timing each operation."""

    def __init__(self, metrics: Metrics) -> None:
        super().__init__()
        self.metrics = metrics

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            context = self.execution_context
            try:
                kind = context.operation_type.value if context.graphql_document is not None else "invalid"
            except RuntimeError:  # no operation of that name in the document
                kind = "invalid"
            name = self.metrics.operation_label(context.operation_name)
            result = context.result
            failed = bool(context.pre_execution_errors) or result is None or bool(result.errors)
            self.metrics.operations.labels(kind, name, "error" if failed else "ok").inc()
            self.metrics.operation_seconds.labels(kind, name).observe(time.perf_counter() - started)


async def metrics_endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if settings.metrics_token is not None:
        await require_token(request, settings.metrics_token)
    metrics: Metrics = request.app.state.metrics
    return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)


routes = [Route("/metrics", metrics_endpoint, methods=["GET"])]


def served_on_api_port(settings: Settings) -> bool:
    """Whether the API's own port serves /metrics (see the module's docstring)."""
    if settings.metrics_port is not None:
        return False
    return settings.env != "production" or settings.metrics_token is not None


def metrics_app(api: Starlette) -> Starlette:
    """An app serving only /metrics of ``api`` (its registry, settings and rate limiter), for
    ``Settings.metrics_port``."""
    app = Starlette(routes=routes, exception_handlers=exception_handlers)
    app.state.metrics = api.state.metrics
    app.state.settings = api.state.settings
    app.state.rate_limiter = getattr(api.state, "rate_limiter", None)
    return app
