"""The queue's schema comes and goes with the migrations, and jobs of dead workers go back to the
queue, a bounded number of times, on a real Postgres (no worker process: a job is taken by a worker
registered here, whose heartbeat is then made old, as a killed worker's becomes)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import asyncpg
import pytest

from api.queue import enqueue_article, job_state, queue_app, retry_stalled_jobs
from db import migrations
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.read import RawArticle
from tests.conftest import _asyncpg_dsn
from tests.queue.processes import postgres_schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def queued(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


async def _queue_objects(settings: Settings) -> list[str]:
    connection = await asyncpg.connect(_asyncpg_dsn())
    try:
        rows = await connection.fetch(
            """SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = $1::regnamespace
               AND c.relname LIKE 'procrastinate%'
               UNION ALL SELECT p.proname FROM pg_proc p WHERE p.pronamespace = $1::regnamespace
               AND p.proname LIKE 'procrastinate%'
               UNION ALL SELECT t.typname FROM pg_type t WHERE t.typnamespace = $1::regnamespace
               AND t.typname LIKE 'procrastinate%'""",
            settings.database_schema,
        )
    finally:
        await connection.close()
    return [row["name"] for row in rows]


def test_the_migrations_create_and_drop_the_queue(queued: Settings) -> None:
    created = asyncio.run(_queue_objects(queued))
    assert {"procrastinate_jobs", "procrastinate_workers", "procrastinate_fetch_job_v2"} <= set(created)
    migrations.downgrade(queued, "base")
    assert asyncio.run(_queue_objects(queued)) == []
    migrations.upgrade(queued)
    assert set(asyncio.run(_queue_objects(queued))) == set(created)


async def _kill_a_worker_under_the_job(settings: Settings, runs: int) -> list[tuple[str, int, str | None]]:
    """Queue one article; ``runs`` times, a worker takes it and dies (its heartbeat made a minute old),
    and the stalled jobs are looked for. The job's state after each look."""
    app = queue_app(settings)
    engine = create_engine(settings)
    session_factory = create_session_factory(engine)
    states = []
    try:
        async with app.open_async():
            enqueued = await enqueue_article(app, RawArticle(source="test", text="Leaders met in Paris on Monday."))
            for _ in range(runs):
                worker_id = await app.job_manager.register_worker()
                job = await app.job_manager.fetch_job(queues=None, worker_id=worker_id)
                assert job is not None
                assert job.id == enqueued.job_id
                connection = await asyncpg.connect(
                    _asyncpg_dsn(), server_settings={"search_path": settings.database_schema}
                )
                try:
                    await connection.execute(
                        "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 minute' WHERE id = $1",
                        worker_id,
                    )
                finally:
                    await connection.close()
                await retry_stalled_jobs(app, session_factory, stalled_seconds=30)
                async with session_factory() as session:
                    state = await job_state(session, enqueued.job_id)
                assert state is not None
                states.append((state.state, state.attempts, state.reason))
    finally:
        await engine.dispose()
    return states


def test_the_job_of_a_dead_worker_is_queued_again_then_failed_after_three_runs(queued: Settings) -> None:
    states = asyncio.run(_kill_a_worker_under_the_job(queued, runs=3))
    assert states[:2] == [("queued", 1, None), ("queued", 2, None)]
    assert states[2] == ("failed", 3, "its worker stopped in the middle of it 3 times")
