"""Cursor pagination: walking a list page by page by its ``Link`` header gives every row once, in
the order of the whole list, with the cursor of the body and the header agreeing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from db.ids import encode_id
from tests.schema.world import World

NEXT = re.compile(r'^<(?P<url>[^>]+)>; rel="next"$')


def walk(client: TestClient, url: str) -> list[dict[str, Any]]:
    """Every page from ``url`` on, by following ``Link: rel="next"``."""
    pages: list[dict[str, Any]] = []
    next_url: str | None = url
    while next_url is not None:
        response = client.get(next_url)
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append(body)
        link = response.headers.get("link")
        if body["nextCursor"] is None:
            assert link is None
            assert body["links"]["next"] is None
            next_url = None
            continue
        match = NEXT.match(link or "")
        assert match, link
        next_url = match["url"]
        assert next_url == body["links"]["next"]
        assert f"cursor={body['nextCursor']}" in next_url
    return pages


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/events", ""),
        ("/api/v1/events", "sort=-confidence"),
        ("/api/v1/events", "sort=title&kind=meeting&kind=visit"),
        ("/api/v1/actors", ""),
        ("/api/v1/venues", ""),
        ("/api/v1/topics", ""),
        ("/api/v1/articles", "sort=-published"),
    ],
)
def test_pages_cover_the_list_without_gaps_or_repeats(client: TestClient, world: World, path: str, query: str) -> None:
    whole = client.get(f"{path}?limit=100&{query}").json()
    pages = walk(client, f"{path}?limit=2&{query}")
    walked = [item["id"] for page in pages for item in page["items"]]
    assert walked == [item["id"] for item in whole["items"]]
    assert len(walked) == len(set(walked)) == whole["totalCount"] > 2
    assert all(len(page["items"]) == 2 for page in pages[:-1])
    assert {page["totalCount"] for page in pages} == {whole["totalCount"]}


def test_an_actors_events_page_on(client: TestClient, world: World) -> None:
    blinken = encode_id("Actor", world.actors["blinken"])
    pages = walk(client, f"/api/v1/actors/{blinken}/events?limit=1&sort=start")
    titles = [item["title"] for page in pages for item in page["items"]]
    assert titles == [
        "Blinken visits China",
        "Blinken meets Wang Yi",
        "Blinken meets Xi Jinping",
        "Biden-Xi summit",
        "Wang and Blinken to meet again",
    ]


def test_the_next_link_keeps_the_filters(client: TestClient, world: World) -> None:
    xi = encode_id("Actor", world.actors["xi"])
    response = client.get(f"/api/v1/events?actor={xi}&limit=1&sort=title")
    assert response.json()["links"]["next"] == (
        f"/api/v1/events?actor={xi}&limit=1&sort=title&cursor={response.json()['nextCursor']}"
    )


def test_a_cursor_of_another_order_is_refused(client: TestClient, world: World) -> None:
    cursor = client.get("/api/v1/events?limit=1&sort=title").json()["nextCursor"]
    response = client.get(f"/api/v1/events?limit=1&sort=-title&cursor={cursor}")
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalid_params"]] == ["cursor"]
