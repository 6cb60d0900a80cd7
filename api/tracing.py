"""OpenTelemetry tracing, off unless the standard variables switch it on: ``OTEL_TRACES_EXPORTER``
(``otlp``, ``console``, or both, comma-separated; unset or ``none``: off), ``OTEL_SDK_DISABLED=true``
(off whatever else says), and the exporter's own (``OTEL_EXPORTER_OTLP_ENDPOINT``, …), service name
(``OTEL_SERVICE_NAME``, default ``readout``) and resource (``OTEL_RESOURCE_ATTRIBUTES``).

When on, one request is one trace: the HTTP server span (ASGI instrumentation), inside it the GraphQL
operation with its parsing, validation and resolvers (strawberry's extension), and inside those each
SQL statement (SQLAlchemy's engine instrumentation, on the app's own engine only).

    >>> provider = provider_from_environment({"OTEL_TRACES_EXPORTER": "console"})  # doctest: +SKIP
    >>> app = create_app(settings, tracer_provider=provider)  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING

# The SDK, the instrumentations and strawberry's extension are imported when tracing is on: a CLI
# command with tracing off (``readout load`` of stored files) should not spend a third of a second
# importing them.
if TYPE_CHECKING:
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter
    from sqlalchemy.ext.asyncio import AsyncEngine
    from strawberry.extensions import SchemaExtension

__all__ = ["graphql_extension", "provider_from_environment", "trace_engine"]


def _exporter(name: str) -> SpanExporter:
    from opentelemetry.sdk.trace.export import ConsoleSpanExporter  # noqa: PLC0415 - tracing is on

    if name == "console":
        return ConsoleSpanExporter()
    if name == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter  # noqa: PLC0415 - only when asked for

        return OTLPSpanExporter()
    raise ValueError(f"OTEL_TRACES_EXPORTER names {name!r}; readout exports traces to 'otlp', 'console' or 'none'")


def provider_from_environment(environ: Mapping[str, str] = os.environ) -> TracerProvider | None:
    """A tracer provider exporting as the ``OTEL_*`` variables say, or ``None`` when tracing is off;
    ``ValueError`` for an exporter readout does not have."""
    if environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return None
    names = [name.strip().lower() for name in environ.get("OTEL_TRACES_EXPORTER", "").split(",")]
    names = [name for name in names if name and name != "none"]
    if not names:
        return None
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415 - tracing is on
    from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415 - tracing is on
    from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415 - tracing is on

    # Resource.create reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES itself.
    attributes = {} if environ.get("OTEL_SERVICE_NAME") else {"service.name": "readout"}
    provider = TracerProvider(resource=Resource.create(attributes))
    for name in names:
        provider.add_span_processor(BatchSpanProcessor(_exporter(name)))
    return provider


def trace_engine(engine: AsyncEngine, provider: TracerProvider) -> EngineTracer:
    """A span for each SQL statement ``engine`` runs. The engine's listeners, not the instrumentor:
    ``SQLAlchemyInstrumentor`` patches ``create_engine`` for the whole process, once, and this traces
    the app's engine alone, with its own provider."""
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer  # noqa: PLC0415 - tracing is on
    from opentelemetry.metrics import NoOpMeterProvider  # noqa: PLC0415 - tracing is on
    from opentelemetry.trace import get_tracer  # noqa: PLC0415 - tracing is on

    tracer = get_tracer("readout.sql", tracer_provider=provider)
    # The connection-usage metric is not exported (Prometheus has the app's own metrics).
    usage = NoOpMeterProvider().get_meter("readout.sql").create_up_down_counter("db.client.connections.usage")
    # The instrumentation ships no type information for EngineTracer's constructor.
    return EngineTracer(tracer, engine.sync_engine, usage)  # type: ignore[no-untyped-call]


def graphql_extension(provider: TracerProvider) -> Callable[[], SchemaExtension]:
    """Strawberry's tracing extension, reporting to ``provider``."""
    from strawberry.extensions.tracing import OpenTelemetryExtension  # noqa: PLC0415 - tracing is on

    return partial(OpenTelemetryExtension, tracer_provider=provider)
