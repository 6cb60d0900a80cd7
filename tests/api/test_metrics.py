"""``GET /metrics``: Prometheus text, counting REST requests by route template and GraphQL operations
by type and name."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from db.ids import encode_id
from tests.schema.world import World


def samples(client: TestClient) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_rest_requests_count_by_route_template(client: TestClient, world: World) -> None:
    for key in ("visit", "meet_wang"):
        assert client.get(f"/api/v1/events/{encode_id('Event', world.events[key])}").status_code == 200
    client.get("/api/v1/events?limit=0")
    client.get("/no/such/route")
    found = samples(client)
    route = "/api/v1/events/{id}"
    assert (
        found[("readout_http_requests_total", frozenset({("method", "GET"), ("route", route), ("status", "200")}))] == 2
    )
    assert found[("readout_http_request_duration_seconds_count", frozenset({("method", "GET"), ("route", route)}))] == 2
    bad = frozenset({("method", "GET"), ("route", "/api/v1/events"), ("status", "400")})
    assert found[("readout_http_requests_total", bad)] == 1
    unmatched = frozenset({("method", "GET"), ("route", "<unmatched>"), ("status", "404")})
    assert found[("readout_http_requests_total", unmatched)] == 1
    # Raw paths never become labels: one series per route, whatever the IDs.
    assert not any(encode_id("Event", world.events["visit"]) in str(labels) for _, labels in found)


def test_graphql_operations_count_by_type_and_name(client: TestClient, world: World) -> None:
    assert (
        client.post("/graphql", json={"query": "query Timeline { events(first: 1) { totalCount } }"}).status_code == 200
    )
    client.post("/graphql", json={"query": "{ events(first: 1000) { totalCount } }"})
    client.post("/graphql", json={"query": "query {"})
    found = samples(client)
    ok = frozenset({("type", "query"), ("name", "Timeline"), ("outcome", "ok")})
    assert found[("readout_graphql_operations_total", ok)] == 1
    refused = frozenset({("type", "query"), ("name", "<anonymous>"), ("outcome", "error")})
    assert found[("readout_graphql_operations_total", refused)] == 1
    unparsed = frozenset({("type", "invalid"), ("name", "<anonymous>"), ("outcome", "error")})
    assert found[("readout_graphql_operations_total", unparsed)] == 1
    timed = frozenset({("type", "query"), ("name", "Timeline")})
    assert found[("readout_graphql_operation_duration_seconds_count", timed)] == 1
    http = frozenset({("method", "POST"), ("route", "/graphql"), ("status", "200")})
    assert found[("readout_http_requests_total", http)] >= 1
