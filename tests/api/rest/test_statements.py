"""No N+1 in REST: a page of events (venue, participants, topics, parent, children, sources) costs the
same number of SQL statements for 1 event or 100, counted as they reach the database; its venue and
parent event come with the page, by a join. So does a page of every other list, and each resource
costs the same whichever it is."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.testclient import TestClient

from api.app import create_app
from db.ids import encode_id
from db.settings import Settings
from tests.schema.test_nested_statements import PARENTS, RecordProperty, seed_parents
from tests.schema.test_statements import counting, seed_many


async def test_an_event_page_costs_the_same_statements_for_one_event_or_a_hundred(
    migrated_settings: Settings, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        blinken_id = await seed_many(session)
    counts = {}
    with TestClient(create_app(migrated_settings)) as client:
        engine = client.app.state.engine  # type: ignore[attr-defined]
        for size in (1, 100):
            with counting(engine) as statements:
                response = client.get("/api/v1/events", params={"actor": encode_id("Actor", blinken_id), "limit": size})
            assert response.status_code == 200, response.text
            items = response.json()["items"]
            assert len(items) == size
            assert all(item["venue"] and item["parent"] and item["children"] and item["sources"] for item in items)
            counts[size] = len(statements)
    # The page (with its count, venues and parent events), participants with their actors, topics,
    # evidence with its articles, children.
    assert counts == {1: 5, 100: 5}, counts


LISTS = ("actors", "venues", "topics", "articles", "events")


def _statements(client: TestClient, path: str, **params: object) -> tuple[int, Any]:
    """How many statements ``GET path`` costs, and its body."""
    with counting(client.app.state.engine) as statements:  # type: ignore[attr-defined]
        response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return len(statements), response.json()


async def test_every_list_and_resource_costs_the_same_for_any_page_or_item(
    migrated_settings: Settings, session_factory: async_sessionmaker[AsyncSession], record_property: RecordProperty
) -> None:
    async with session_factory() as session:
        await seed_parents(session)
    lists: dict[str, dict[int, int]] = {}
    resources: dict[str, list[int]] = {}
    with TestClient(create_app(migrated_settings)) as client:
        for name in LISTS:
            path = f"/api/v1/{name}"
            lists[name] = {}
            for size in (1, 20, 100):
                lists[name][size], body = _statements(client, path, limit=size)
                assert len(body["items"]) == size, (name, size)
            items = _statements(client, path, limit=100)[1]["items"]
            # A topic has no resource of its own: its events stand for it.
            paths = [item["links"].get("self") or item["links"]["events"] for item in items[:: PARENTS // 2]]
            # A resource (or an actor's or topic's events) costs the same whichever it is.
            resources[name] = [_statements(client, one)[0] for one in paths]
            if name == "actors":
                resources["actors' events"] = [_statements(client, f"{one}/events")[0] for one in paths]
    record_property("measurement", f"statements of REST lists at limit 1/20/100: {lists}; resources: {resources}")
    for name, counts in lists.items():
        assert len(set(counts.values())) == 1, (name, counts)
    for name, counts in resources.items():
        assert len(set(counts)) == 1, (name, counts)
