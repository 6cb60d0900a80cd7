"""``ETag`` on every GET and ``If-None-Match`` → ``304``; a changed representation gets a new tag."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.testclient import TestClient

from api.conditional import matches
from db.ids import encode_id
from db.services import events
from tests.schema.world import World


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/events?kind=meeting",
        "/api/v1/actors",
        "/api/v1/topics",
        "/openapi.json",
        "/healthz",
        "/graphql?query=%7B%20events%20%7B%20totalCount%20%7D%20%7D",
    ],
)
def test_a_matching_tag_gets_304_without_a_body(client: TestClient, path: str) -> None:
    first = client.get(path)
    tag = first.headers["etag"]
    assert first.status_code == 200
    assert tag.startswith('"')
    # Kept by caches, reused only once revalidated with the tag.
    assert first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    assert "content-type" not in again.headers
    assert client.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200
    assert client.get(path, headers={"If-None-Match": f'"other", W/{tag}'}).status_code == 304


async def test_a_changed_representation_gets_a_new_tag(
    client: TestClient, world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    path = f"/api/v1/events/{encode_id('Event', world.events['summit'])}"
    before = client.get(path).headers["etag"]
    async with session_factory() as session, session.begin():
        event = await events.get(session, event_id=world.events["summit"])
        assert event is not None
        event.status = "cancelled"
    changed = client.get(path, headers={"If-None-Match": before})
    assert changed.status_code == 200
    assert changed.json()["status"] == "cancelled"
    assert changed.headers["etag"] != before


def test_tags_compare_weakly() -> None:
    assert matches('W/"a", "b"', '"a"')
    assert matches("*", '"z"')
    assert not matches('"ab"', '"a"')
