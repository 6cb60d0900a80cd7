"""Names people type: topics by slug or ID in the event filters of both APIs, actors by slug or ID
in REST paths; a value that is neither is refused, naming the parameter."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from db.ids import encode_id
from tests.schema.world import World


def listed(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get(f"/api/v1/events?limit=100&{query}").json()["items"]
    return items


def test_taiwan_by_slug_and_by_id_alike(client: TestClient, world: World) -> None:
    by_slug = listed(client, "topic=taiwan")
    by_id = listed(client, f"topic={encode_id('Topic', world.topics['taiwan'])}")
    assert [event["id"] for event in by_slug] == [event["id"] for event in by_id]
    assert len(by_slug) == 2
    assert listed(client, "topic=nonexistent-topic") == []
    assert len(listed(client, "topic=taiwan&topic=climate")) == 3


def test_a_value_neither_id_nor_slug_is_named(client: TestClient) -> None:
    for path in ("/api/v1/events", "/api/v1/events.geojson"):
        response = client.get(f"{path}?topic=Not%20a%20slug")
        assert response.status_code == 400
        assert [p["name"] for p in response.json()["invalid_params"]] == ["topic"]


def test_graphql_takes_topic_slugs(client: TestClient, world: World) -> None:
    query = "query($t: [ID!]) { events(filter: {topics: $t}, first: 100) { nodes { title } } }"

    def titles(topics: list[str]) -> list[str]:
        data = client.post("/graphql", json={"query": query, "variables": {"t": topics}}).json()
        assert "errors" not in data, data
        return [node["title"] for node in data["data"]["events"]["nodes"]]

    assert titles(["taiwan"]) == titles([encode_id("Topic", world.topics["taiwan"])])
    assert len(titles(["taiwan"])) == 2
    errors = client.post("/graphql", json={"query": query, "variables": {"t": ["Not a slug"]}}).json()["errors"]
    assert "neither the ID nor the slug of a Topic" in errors[0]["message"]


def test_an_actor_by_slug_or_id(client: TestClient, world: World) -> None:
    public = encode_id("Actor", world.actors["blinken"])
    by_slug = client.get("/api/v1/actors/antony-blinken")
    assert by_slug.status_code == 200
    assert by_slug.json() == client.get(f"/api/v1/actors/{public}").json()
    events = client.get("/api/v1/actors/antony-blinken/events?limit=100").json()["items"]
    assert [e["id"] for e in events] == [e["id"] for e in listed(client, f"actor={public}")]
    assert events


def test_an_unknown_actor_slug_is_a_404(client: TestClient) -> None:
    for path in ("/api/v1/actors/no-such-person", "/api/v1/actors/no-such-person/events", "/api/v1/actors/Not%20one"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["detail"] == "No actor has this ID or slug."
