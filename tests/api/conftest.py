"""Fixtures of the HTTP tests: the schema tests' world written into this test's database, and a
client of an app on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.testclient import TestClient

from api.app import create_app
from db.settings import Settings
from tests.schema.world import World, build_world


@pytest.fixture
async def world(session_factory: async_sessionmaker[AsyncSession]) -> World:
    async with session_factory() as session:
        return await build_world(session)


@pytest.fixture
def client(migrated_settings: Settings, world: World) -> Iterator[TestClient]:
    """A client of the app on the world's database (ingestion off, no CORS)."""
    with TestClient(create_app(migrated_settings)) as test_client:
        yield test_client
