"""Tracing: off by default; with a provider, one GraphQL request is one trace whose SQL spans sit
under the GraphQL operation, itself under the HTTP server span (the in-memory span exporter)."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from starlette.testclient import TestClient

from api.app import create_app
from api.tracing import provider_from_environment
from db.settings import Settings
from tests.schema.world import World


def ancestors(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[ReadableSpan]:
    chain = []
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        chain.append(span)
    return chain


def test_a_request_is_traced_from_http_through_graphql_to_sql(migrated_settings: Settings, world: World) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    query = "query Timeline { events(first: 5) { totalCount nodes { title venue { name } } } }"
    with TestClient(create_app(migrated_settings, tracer_provider=provider)) as client:
        answer = client.post("/graphql", json={"query": query})
    assert answer.status_code == 200
    assert answer.json()["data"]["events"]["totalCount"] == len(world.events)

    spans = exporter.get_finished_spans()
    by_id = {span.context.span_id: span for span in spans}
    (server,) = [span for span in spans if span.kind is SpanKind.SERVER and span.name.startswith("POST")]
    (operation,) = [span for span in spans if span.name == "GraphQL Query: Timeline"]
    sql = [span for span in spans if span.kind is SpanKind.CLIENT]
    assert sql, [span.name for span in spans]
    assert all(span.attributes and "SELECT" in str(span.attributes.get("db.statement")) for span in sql)
    assert {span.context.trace_id for span in spans} == {server.context.trace_id}
    assert server in ancestors(operation, by_id)
    under_operation = [span for span in sql if operation in ancestors(span, by_id)]
    assert under_operation, "no SQL statement ran inside the GraphQL operation's span"
    assert all(server in ancestors(span, by_id) for span in under_operation)


def test_rest_requests_are_traced_too(migrated_settings: Settings, world: World) -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    with TestClient(create_app(migrated_settings, tracer_provider=provider)) as client:
        assert client.get("/api/v1/events").status_code == 200
    spans = exporter.get_finished_spans()
    by_id = {span.context.span_id: span for span in spans}
    (server,) = [span for span in spans if span.kind is SpanKind.SERVER]
    sql = [span for span in spans if span.kind is SpanKind.CLIENT]
    assert sql
    assert all(server in ancestors(span, by_id) for span in sql)


@pytest.mark.parametrize(
    ("environ", "on"),
    [
        ({}, False),
        ({"OTEL_TRACES_EXPORTER": "none"}, False),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_TRACES_EXPORTER": "otlp,console", "OTEL_SERVICE_NAME": "kb"}, True),
        ({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"}, False),
    ],
)
def test_the_standard_variables_switch_it_on(environ: dict[str, str], on: bool) -> None:
    provider = provider_from_environment(environ)
    assert (provider is not None) is on
    if provider is not None:
        provider.shutdown()


def test_an_unknown_exporter_is_refused() -> None:
    with pytest.raises(ValueError, match="'otlp', 'console' or 'none'"):
        provider_from_environment({"OTEL_TRACES_EXPORTER": "jaeger"})
