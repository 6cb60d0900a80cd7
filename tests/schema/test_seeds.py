"""Every entry point answers over the knowledge base the loaders build from ``seeds/``.

Whatever extraction made of the seeds, the API must serve exactly what is stored: each answer is
checked against the export of the same database (``db.services.export``), not against expected
extraction results.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.explorer import TIMELINE_QUERY
from db.services.export import export_knowledge_base
from db.titles import article_title
from loaders.pipeline import load_inputs
from tests.schema.conftest import Run

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
async def stored(session_factory: async_sessionmaker[AsyncSession]) -> dict[str, Any]:
    """The seeds, loaded; the export of what was stored."""
    report = await load_inputs(session_factory, [SEEDS], max_bytes=1_000_000)
    assert (report.loaded, report.failed) == (5, [])
    async with session_factory() as session:
        return await export_knowledge_base(session)


async def all_pages(run: Run, query: str, field: str, **variables: Any) -> list[dict[str, Any]]:
    """Every node of the connection ``field``, following ``endCursor`` page by page."""
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        response = await run(query, after=after, **variables)
        assert "errors" not in response, response
        connection = response["data"][field]
        nodes += [edge["node"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            assert connection["totalCount"] == len(nodes)
            return nodes
        after = connection["pageInfo"]["endCursor"]


async def test_the_timeline_of_each_actor_is_what_is_stored(stored: dict[str, Any], run: Run) -> None:
    people = [actor for actor in stored["actors"] if actor["kind"] == "person"]
    assert people
    for actor in people:
        expected = [e for e in stored["events"] if actor["id"] in {p["actor"] for p in e["participants"]}]
        timeline = await all_pages(run, TIMELINE_QUERY, "events", actor=actor["id"])

        assert sorted(e["id"] for e in timeline) == sorted(e["id"] for e in expected), actor["name"]
        dated = [e["start"] for e in timeline if e["start"] is not None]
        assert dated == sorted(dated)
        by_id = {e["id"]: e for e in expected}
        for event in timeline:
            wanted = by_id[event["id"]]
            assert (event["title"], event["status"].lower(), event["kind"].lower()) == (
                wanted["title"],
                wanted["status"],
                wanted["kind"],
            )
            assert (event["venue"] or {}).get("id") == wanted["venue"]
            assert (event["parent"] or {}).get("id") == wanted["parent"]
            assert {(p["actor"]["id"], p["role"]) for p in event["participants"]} == {
                (p["actor"], p["role"]) for p in wanted["participants"]
            }
            assert sorted((s["article"]["id"], s["quote"]) for s in event["sources"]) == sorted(
                (s["article"], s["quote"]) for s in wanted["sources"]
            )


ACTORS = """query($after: String) { actors(first: 7, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id name aliases } } } }"""
VENUES = """query($after: String) { venues(first: 7, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id name latitude longitude } } } }"""
TOPICS = """query($after: String) { topics(first: 5, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id slug } } } }"""
ARTICLES = """query($after: String) { articles(first: 2, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id title text outlet sourcePath events { id } } } } }"""


async def test_actors_venues_topics_and_articles_are_what_is_stored(stored: dict[str, Any], run: Run) -> None:
    actors = await all_pages(run, ACTORS, "actors")
    assert {a["id"]: (a["name"], sorted(a["aliases"])) for a in actors} == {
        a["id"]: (a["name"], sorted(a["aliases"])) for a in stored["actors"]
    }
    venues = await all_pages(run, VENUES, "venues")
    assert {v["id"]: (v["name"], v["latitude"], v["longitude"]) for v in venues} == {
        v["id"]: (v["name"], v["latitude"], v["longitude"]) for v in stored["venues"]
    }
    topics = await all_pages(run, TOPICS, "topics")
    assert sorted(t["id"] for t in topics) == sorted(t["id"] for t in stored["topics"])
    articles = await all_pages(run, ARTICLES, "articles")
    texts = {a["id"]: a["text"] for a in articles}
    # An article stored without a title is named by its opening words (db.titles).
    assert {a["id"]: (a["title"], a["sourcePath"]) for a in articles} == {
        a["id"]: (article_title(a["title"], texts[a["id"]]), a["source_path"]) for a in stored["articles"]
    }
    supported = {a["id"]: sorted(e["id"] for e in a["events"]) for a in articles}
    for article_id, event_ids in supported.items():
        assert event_ids == sorted(
            {e["id"] for e in stored["events"] for s in e["sources"] if s["article"] == article_id}
        )


async def test_nodes_and_search_find_what_is_stored(stored: dict[str, Any], run: Run) -> None:
    ids = [stored[kind][0]["id"] for kind in ("events", "actors", "venues", "articles")]
    response = await run("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", ids=ids)
    assert [node["id"] for node in response["data"]["nodes"]] == ids

    person = next(a for a in stored["actors"] if a["kind"] == "person")
    query = "query($q: String!) { search(query: $q) { __typename ... on Actor { id } } }"
    response = await run(query, q=person["name"])
    assert {"__typename": "Actor", "id": person["id"]} in response["data"]["search"]
