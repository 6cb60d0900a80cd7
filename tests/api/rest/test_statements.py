"""No N+1 in REST: a page of events (venue, participants, topics, parent, children, sources) costs the
same number of SQL statements for 1 event or 100, counted as they reach the database; its venue and
parent event come with the page, by a join."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.testclient import TestClient

from api.app import create_app
from db.ids import encode_id
from db.settings import Settings
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
