"""Fixtures of the HTTP tests: the schema tests' world written into this test's database, and a
client of an app on it; the seeded app of the contract tests (REST and GraphQL), with its client."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest
from schemathesis.python.asgi import ASGIClient, shutdown_lifespans
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from starlette.applications import Starlette
from starlette.testclient import TestClient

from api.app import create_app
from db import migrations
from db.settings import Settings
from tests.api.seeds import load_seeds
from tests.conftest import POSTGRES_URL, run_on_postgres
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


CONTRACT_TOKEN = "contract-test-token"


def _seeded(settings: Settings) -> Settings:
    migrations.upgrade(settings)
    asyncio.run(load_seeds(settings))
    # Rate limits are tested on their own (test_rate_limit.py); here they would only refuse the
    # hundreds of cases schemathesis sends in a minute.
    return Settings.model_validate(
        {**settings.model_dump(), "ingest_token": CONTRACT_TOKEN, "rate_limit_enabled": False}
    )


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", marks=pytest.mark.sqlite),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ],
)
def seeded_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Starlette]:
    """An app on a database of each backend holding the seeds, ingestion on and no rate limit, for
    the contract tests; shared by the module that asks."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("contract") / "readout.db"
        yield create_app(_seeded(Settings(database_url=f"sqlite+aiosqlite:///{path}")))
        shutdown_lifespans()
        return
    request.getfixturevalue("postgres_available")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
    try:
        yield create_app(_seeded(Settings(database_url=POSTGRES_URL, database_schema=schema)))
        shutdown_lifespans()
    finally:
        asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(scope="module")
def asgi_client(seeded_app: Starlette) -> Iterator[ASGIClient]:
    """Schemathesis' in-process client for the seeded app (its lifespan runs once per module)."""
    with ASGIClient(seeded_app) as client:
        yield client
