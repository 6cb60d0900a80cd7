"""Representations: the fields of the GraphQL types plus links, the same IDs, and the same answers
to the same filters as GraphQL."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLObjectType
from starlette.testclient import TestClient

from db.ids import encode_id
from db.settings import Settings
from schema.root import build_schema
from tests.schema.world import World

# GraphQL fields that take arguments are lists of their own in REST (linked, not embedded).
LINKED_LISTS = {("Actor", "events"), ("Venue", "events"), ("Topic", "events")}


def graphql_fields(type_name: str) -> set[str]:
    graphql_type = build_schema(Settings())._schema.type_map[type_name]
    assert isinstance(graphql_type, GraphQLObjectType)
    return {name for name in graphql_type.fields if (type_name, name) not in LINKED_LISTS}


@pytest.mark.parametrize(
    ("type_name", "path"),
    [
        ("Event", "/api/v1/events"),
        ("Actor", "/api/v1/actors"),
        ("Venue", "/api/v1/venues"),
        ("Topic", "/api/v1/topics"),
        ("Article", "/api/v1/articles"),
    ],
)
def test_fields_are_the_graphql_types_plus_links(client: TestClient, type_name: str, path: str) -> None:
    for item in client.get(path, params={"limit": 100}).json()["items"]:
        assert set(item) == graphql_fields(type_name) | {"links"}


def test_an_event_in_full(client: TestClient, world: World) -> None:
    pk = world.events["meet_wang"]
    event = client.get(f"/api/v1/events/{encode_id('Event', pk)}").json()
    hall = world.venues["great_hall"]
    assert event["id"] == encode_id("Event", pk)
    assert (event["kind"], event["title"], event["status"], event["confidence"]) == (
        "meeting",
        "Blinken meets Wang Yi",
        "occurred",
        0.85,
    )
    assert (event["start"], event["end"], event["datePrecision"]) == ("2023-06-18", None, "day")
    assert event["venue"]["name"] == "Great Hall of the People"
    assert event["venue"]["links"] == {"self": f"/api/v1/venues/{encode_id('Venue', hall)}"}
    assert [(p["role"], p["actor"]["name"]) for p in event["participants"]] == [
        ("guest", "Antony Blinken"),
        ("host", "Wang Yi"),
    ]
    assert [topic["slug"] for topic in event["topics"]] == ["taiwan", "trade"]
    assert event["parent"]["title"] == "Blinken visits China"
    assert event["children"] == []
    (source,) = event["sources"]
    assert source["quote"] == "Blinken met Wang Yi at the Great Hall."
    assert (source["startOffset"], source["endOffset"]) == (0, 38)
    assert source["article"]["title"] == "Blinken arrives in Beijing"
    assert event["links"] == {
        "self": f"/api/v1/events/{encode_id('Event', pk)}",
        "venue": f"/api/v1/venues/{encode_id('Venue', hall)}",
        "parent": f"/api/v1/events/{encode_id('Event', world.events['visit'])}",
    }


def test_an_actor_in_full(client: TestClient, world: World) -> None:
    actor = client.get(f"/api/v1/actors/{encode_id('Actor', world.actors['blinken'])}").json()
    assert actor["aliases"] == ["Tony Blinken"]
    assert actor["positions"] == [
        {"title": "Secretary of State", "country": "US", "start": "2021-01-26", "end": "2025-01-20"}
    ]
    assert [(c["actor"]["name"], c["eventCount"]) for c in actor["counterparts"]] == [
        ("Wang Yi", 2),
        ("Xi Jinping", 2),
        ("Joe Biden", 1),
    ]
    assert actor["links"]["events"] == f"/api/v1/actors/{actor['id']}/events"


def test_a_venue_and_a_topic_in_full(client: TestClient, world: World) -> None:
    beijing = client.get(f"/api/v1/venues/{encode_id('Venue', world.venues['beijing'])}").json()
    assert beijing["parent"]["name"] == "China"
    assert [child["name"] for child in beijing["children"]] == ["Great Hall of the People"]
    topics = {t["slug"]: t for t in client.get("/api/v1/topics").json()["items"]}
    assert {slug: t["eventCount"] for slug, t in topics.items()} == {"taiwan": 2, "trade": 2, "climate": 1}


def _graphql_titles(client: TestClient, event_filter: dict[str, Any], order: dict[str, str]) -> list[str]:
    query = """query($filter: EventFilterInput, $order: EventOrder) {
        events(filter: $filter, orderBy: $order, first: 100) { nodes { title } } }"""
    data = client.post("/graphql", json={"query": query, "variables": {"filter": event_filter, "order": order}})
    return [node["title"] for node in data.json()["data"]["events"]["nodes"]]


@pytest.mark.parametrize(
    ("rest", "graphql", "order"),
    [
        ("from=2023-07&to=2023", {"from": "2023-07", "to": "2023"}, {"field": "START", "direction": "ASC"}),
        ("country=CN&sort=-confidence", {"countries": ["CN"]}, {"field": "CONFIDENCE", "direction": "DESC"}),
        ("kind=meeting&q=blinken&sort=title", {"kinds": ["MEETING"], "text": "blinken"}, {"field": "TITLE"}),
        ("status=planned&status=expected", {"statuses": ["PLANNED", "EXPECTED"]}, {"field": "START"}),
    ],
)
def test_rest_and_graphql_filter_alike(
    client: TestClient, rest: str, graphql: dict[str, Any], order: dict[str, str]
) -> None:
    titles = [event["title"] for event in client.get(f"/api/v1/events?limit=100&{rest}").json()["items"]]
    assert titles == _graphql_titles(client, graphql, order)
    assert titles


def test_ids_filter_alike(client: TestClient, world: World) -> None:
    xi, topic = encode_id("Actor", world.actors["xi"]), encode_id("Topic", world.topics["climate"])
    titles = [e["title"] for e in client.get(f"/api/v1/events?actor={xi}&topic={topic}").json()["items"]]
    assert titles == _graphql_titles(client, {"actors": [xi], "topics": [topic]}, {"field": "START"})
    assert titles == ["Biden and Xi speak by phone"]
