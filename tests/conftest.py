"""Fixtures shared by the whole suite.

Tests that touch a database take ``settings`` (or what builds on it) and run once per backend:
SQLite in a fresh file, and Postgres in a fresh schema that is dropped afterwards. Postgres is found
through ``READOUT_TEST_POSTGRES_URL``; when it cannot be reached those tests are skipped with the
reason, except under ``CI=true``, where that is a failure.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db import migrations
from db.session import create_engine, create_session_factory
from db.settings import Settings, get_settings

POSTGRES_URL = os.environ.get("READOUT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"
REPO = Path(__file__).resolve().parent.parent


def _asyncpg_dsn() -> str:
    return make_url(POSTGRES_URL).set(drivername="postgresql").render_as_string(hide_password=False)


async def _postgres_problem() -> str | None:
    try:
        connection = await asyncpg.connect(_asyncpg_dsn(), timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
        return f"Postgres at {make_url(POSTGRES_URL).render_as_string()} unreachable: {exc}"
    await connection.close()
    return None


@pytest.fixture(scope="session")
def postgres_available() -> None:
    problem = asyncio.run(_postgres_problem())
    if problem is None:
        return
    if IN_CI:
        pytest.fail(f"{problem} (CI=true: Postgres tests may not be skipped)")
    pytest.skip(problem)


async def run_on_postgres(sql: str) -> None:
    connection = await asyncpg.connect(_asyncpg_dsn())
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@pytest.fixture(
    params=[
        pytest.param("sqlite", marks=pytest.mark.sqlite),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ]
)
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings for an empty database of each backend, private to this test."""
    if request.param == "sqlite":
        yield Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'readout.db'}")
        return
    request.getfixturevalue("postgres_available")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
    try:
        yield Settings(database_url=POSTGRES_URL, database_schema=schema)
    finally:
        asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def migrated_settings(settings: Settings) -> Settings:
    """``settings`` with the database migrated to the newest revision."""
    migrations.upgrade(settings)
    return settings


@pytest.fixture
async def engine(migrated_settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(migrated_settings)
    yield engine
    await engine.dispose()


@pytest.fixture
def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def session(session_factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with session_factory() as session:
        yield session


@pytest.fixture
def environment(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Point the process environment (what the CLI and the app read) at this test's database."""
    monkeypatch.setenv("READOUT_DATABASE_URL", settings.database_url)
    if settings.database_schema:
        monkeypatch.setenv("READOUT_DATABASE_SCHEMA", settings.database_schema)
    else:
        monkeypatch.delenv("READOUT_DATABASE_SCHEMA", raising=False)
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show how many tests ran on each database, so a silently skipped backend is visible."""
    counts: Counter[tuple[str, str]] = Counter()
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            keywords = getattr(report, "keywords", {})
            for backend in ("sqlite", "postgres"):
                if backend in keywords and getattr(report, "when", "call") in ("call", "setup"):
                    if outcome == "passed" and report.when != "call":
                        continue
                    counts[(backend, outcome)] += 1
    terminalreporter.section("tests per database backend")
    for backend in ("sqlite", "postgres"):
        row = ", ".join(f"{counts[(backend, o)]} {o}" for o in ("passed", "failed", "skipped", "error"))
        terminalreporter.write_line(f"{backend}: {row}")
    measurements = [
        str(value)
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        for name, value in getattr(report, "user_properties", [])
        if name == "measurement"
    ]
    if measurements:
        # Figures tests measure on the way (``record_property("measurement", …)``), such as the layout matrix.
        terminalreporter.section("measurements")
        for text in measurements:
            for line in text.splitlines():
                terminalreporter.write_line(line)
