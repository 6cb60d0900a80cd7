"""Bad input is a 400 problem naming each bad parameter and why, never a 500; unknown routes, wrong
methods and unknown IDs are problems too."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from db.ids import encode_id
from tests.schema.world import World

PROBLEM = "application/problem+json"
EVENT_CURSOR_OF_TITLE_ORDER = "WyJldmVudDp0aXRsZTphc2MiLCJBIiwxXQ"


@pytest.mark.parametrize(
    ("path", "query", "name"),
    [
        ("/api/v1/events", "limit=0", "limit"),
        ("/api/v1/events", "limit=101", "limit"),
        ("/api/v1/events", "limit=ten", "limit"),
        ("/api/v1/events", "limit=5&limit=6", "limit"),
        ("/api/v1/events", "cursor=not-a-cursor", "cursor"),
        ("/api/v1/events", f"cursor={EVENT_CURSOR_OF_TITLE_ORDER}&sort=start", "cursor"),
        ("/api/v1/events", "actor=nope", "actor"),
        ("/api/v1/events", f"actor={encode_id('Venue', 1)}", "actor"),
        ("/api/v1/events", f"actor={encode_id('Actor', 2**31)}", "actor"),
        ("/api/v1/events", "venue=%00", "venue"),
        ("/api/v1/events", f"topic={encode_id('Event', 1)}", "topic"),
        ("/api/v1/events", "country=USA", "country"),
        ("/api/v1/events", "kind=party", "kind"),
        ("/api/v1/events", "status=done", "status"),
        ("/api/v1/events", "from=2023-13", "from"),
        ("/api/v1/events", "to=2023-02-30", "to"),
        ("/api/v1/events", "to=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%93", "to"),
        ("/api/v1/events", "min_confidence=1.5", "min_confidence"),
        ("/api/v1/events", "min_confidence=nan", "min_confidence"),
        ("/api/v1/events", "q=%00", "q"),
        ("/api/v1/events", "q=" + "x" * 201, "q"),
        ("/api/v1/events", "sort=date", "sort"),
        ("/api/v1/events", "actors=x", "actors"),
        ("/api/v1/actors", "kind=city", "kind"),
        ("/api/v1/actors", "country=1", "country"),
        ("/api/v1/actors", "sort=name", "sort"),
        ("/api/v1/venues", "kind=person", "kind"),
        ("/api/v1/topics", "q=%1F", "q"),
        ("/api/v1/articles", "from=last-week", "from"),
        ("/api/v1/articles", "sort=-start", "sort"),
        ("/api/v1/articles", "outlet=" + "x" * 201, "outlet"),
    ],
)
def test_each_bad_parameter_is_named(client: TestClient, path: str, query: str, name: str) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:readout:problem:invalid-parameters"
    assert problem["status"] == 400
    assert problem["title"] == "Invalid parameters"
    assert [p["name"] for p in problem["invalid_params"]] == [name]
    assert problem["invalid_params"][0]["reason"]
    assert name in problem["detail"]


def test_every_bad_parameter_is_named_at_once(client: TestClient) -> None:
    response = client.get("/api/v1/events?limit=0&kind=party&from=2023-99&colour=red")
    names = {p["name"] for p in response.json()["invalid_params"]}
    assert names == {"limit", "kind", "from", "colour"}
    assert response.json()["detail"] == "4 parameters are invalid: colour, kind, from, limit."


@pytest.mark.parametrize(
    "path",
    [
        f"/api/v1/events/{encode_id('Event', 999)}",
        f"/api/v1/events/{encode_id('Actor', 1)}",
        "/api/v1/events/not-an-id",
        f"/api/v1/actors/{encode_id('Actor', 999)}",
        f"/api/v1/actors/{encode_id('Actor', 999)}/events",
        f"/api/v1/venues/{encode_id('Venue', 999)}",
        f"/api/v1/articles/{encode_id('Article', 999)}",
        "/api/v1/nothing-here",
        "/nowhere",
    ],
)
def test_what_is_not_there_is_a_404_problem(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == "about:blank"
    assert response.json()["title"] == "Not Found"


def test_a_wrong_method_is_a_405_problem_naming_the_allowed_ones(client: TestClient) -> None:
    response = client.delete("/api/v1/articles")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert set(response.headers["allow"].split(", ")) == {"GET", "HEAD", "POST"}
    assert response.json()["status"] == 405


def test_a_good_filter_answers(client: TestClient, world: World) -> None:
    wang = encode_id("Actor", world.actors["wang"])
    response = client.get(f"/api/v1/events?actor={wang}&from=2023-06&to=2023&country=cn&min_confidence=0.5")
    assert response.status_code == 200
    assert [event["title"] for event in response.json()["items"]] == ["Blinken meets Wang Yi"]
