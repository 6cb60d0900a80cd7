"""Exports over HTTP: ``/api/v1/events.geojson``, ``.csv`` and ``.ndjson`` and ``Accept`` on
``/api/v1/events``, checked against the JSON list of the same filter; GeoJSON against the RFC 7946
schema (the ``geojson-schema`` package from npm, installed by ``make``), CSV read back by the ``csv``
module."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import orjson
import pytest
from jsonschema import Draft7Validator
from starlette.testclient import TestClient

from tests.conftest import REPO

SCHEMAS = REPO / "tests" / "conformance" / "node_modules" / "geojson-schema"


@pytest.fixture(scope="module")
def feature_collection() -> Draft7Validator:
    path = SCHEMAS / "FeatureCollection.json"
    assert path.is_file(), f"{path} is missing: run `make test` (it installs tests/conformance with npm)"
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def listed(client: TestClient, query: str = "") -> list[dict[str, Any]]:
    page = client.get(f"/api/v1/events?limit=100&{query}").json()
    assert page["nextCursor"] is None
    items: list[dict[str, Any]] = page["items"]
    return items


def placed(event: dict[str, Any]) -> bool:
    return event["venue"] is not None and event["venue"]["latitude"] is not None


@pytest.mark.parametrize("query", ["topic=taiwan", "", "country=CN&status=occurred", "from=2023-07"])
def test_geojson_is_valid_and_holds_the_placed_events_of_the_list(
    client: TestClient, feature_collection: Draft7Validator, query: str
) -> None:
    response = client.get(f"/api/v1/events.geojson?{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/geo+json"
    document = response.json()
    feature_collection.validate(document)
    events = listed(client, query)
    assert events
    features = {feature["id"]: feature for feature in document["features"]}
    assert set(features) == {event["id"] for event in events if placed(event)}
    assert int(response.headers["Unplaced-Events"]) == sum(not placed(event) for event in events)
    for event in events:
        if event["id"] in features:
            feature = features[event["id"]]
            assert feature["geometry"]["coordinates"] == [event["venue"]["longitude"], event["venue"]["latitude"]]
            properties = feature["properties"]
            assert (properties["title"], properties["kind"], properties["status"]) == (
                event["title"],
                event["kind"],
                event["status"],
            )
            assert sorted(properties["participants"]) == sorted(p["actor"]["name"] for p in event["participants"])
            assert properties["url"] == f"http://testserver/api/v1/events/{event['id']}"


def test_csv_and_ndjson_hold_every_event(client: TestClient) -> None:
    events = {event["id"]: event for event in listed(client)}
    response = client.get("/api/v1/events.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text, newline="")))
    assert {row["id"] for row in rows} == set(events)
    for row in rows:
        event = events[row["id"]]
        assert (row["title"], row["kind"], row["status"]) == (event["title"], event["kind"], event["status"])
        names = sorted(p["actor"]["name"] for p in event["participants"])
        assert sorted(row["participants"].split("; ")) == names
        assert row["start"] == (event["start"] or "")

    lines = client.get("/api/v1/events.ndjson").content.splitlines()
    assert [orjson.loads(line)["id"] for line in lines] == [row["id"] for row in rows]


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("application/geo+json", "geojson"),
        ("text/csv", "csv"),
        ("application/x-ndjson", "ndjson"),
        ("application/json;q=0.5, text/csv", "csv"),
    ],
)
def test_accept_chooses_the_export(client: TestClient, accept: str, suffix: str) -> None:
    negotiated = client.get("/api/v1/events?kind=meeting", headers={"Accept": accept})
    assert negotiated.status_code == 200
    assert negotiated.content == client.get(f"/api/v1/events.{suffix}?kind=meeting").content


@pytest.mark.parametrize("accept", ["*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8", ""])
def test_other_accepts_get_the_json_page(client: TestClient, accept: str) -> None:
    response = client.get("/api/v1/events", headers={"Accept": accept})
    assert response.headers["content-type"] == "application/json"
    assert "items" in response.json()


def test_pages_are_refused_on_an_export(client: TestClient) -> None:
    response = client.get("/api/v1/events.csv?limit=5&sort=title")
    assert response.status_code == 400
    assert sorted(p["name"] for p in response.json()["invalid_params"]) == ["limit", "sort"]
