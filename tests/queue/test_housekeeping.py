"""Finished jobs are pruned once old, with their outcomes, on a real Postgres: a job finished long ago
goes, a job finished just now and a job still waiting stay (no worker process: jobs are taken and
finished by a worker registered here, and one's last event is made two days old)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import asyncpg
import pytest
from procrastinate.jobs import Status

from api.queue import enqueue_article, job_state, prune_finished_jobs, queue_app
from api.queue.tasks import record_outcome
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.read import RawArticle
from tests.conftest import _asyncpg_dsn
from tests.queue.processes import postgres_schema

pytestmark = pytest.mark.postgres


@pytest.fixture
def queued(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


async def _sql(settings: Settings, statement: str, *arguments: object) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(_asyncpg_dsn(), server_settings={"search_path": str(settings.database_schema)})
    try:
        return await connection.fetch(statement, *arguments)
    finally:
        await connection.close()


async def _prune(settings: Settings) -> dict[str, str | None]:
    """Three jobs: finished two days ago, finished now, waiting; pruned at 24 hours. Each one's state after."""
    app = queue_app(settings)
    engine = create_engine(settings)
    session_factory = create_session_factory(engine)
    try:
        async with app.open_async():
            texts = {"old": "Leaders met in Paris.", "new": "Leaders met in Rome.", "waiting": "Leaders met in Oslo."}
            ids = {
                name: (await enqueue_article(app, RawArticle(source=name, text=text))).job_id
                for name, text in texts.items()
            }
            worker_id = await app.job_manager.register_worker()
            for name in ("old", "new"):
                job = await app.job_manager.fetch_job(queues=None, worker_id=worker_id)
                assert job is not None
                assert job.id == ids[name]
                await record_outcome(session_factory, job.id, reason="a reason to keep")
                await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
            aged = "UPDATE procrastinate_events SET at = at - interval '48 hours' WHERE job_id = $1"
            await _sql(settings, aged, ids["old"])
            await prune_finished_jobs(app, session_factory, keep_hours=24)
            states = {}
            async with session_factory() as session:
                for name, job_id in ids.items():
                    state = await job_state(session, job_id)
                    states[name] = state.state if state is not None else None
    finally:
        await engine.dispose()
    outcomes = await _sql(settings, "SELECT job_id FROM job_outcomes ORDER BY job_id")
    states["outcomes"] = ",".join(name for name, job_id in ids.items() if job_id in {r["job_id"] for r in outcomes})
    return states


def test_jobs_finished_over_the_kept_hours_ago_are_pruned_with_their_outcomes(queued: Settings) -> None:
    assert asyncio.run(_prune(queued)) == {"old": None, "new": "failed", "waiting": "queued", "outcomes": "new"}
