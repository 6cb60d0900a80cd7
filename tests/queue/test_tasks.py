"""A job waiting for its turn, on a real Postgres (jobs taken by workers registered here, no worker
process): it waits for an earlier job that is running or scheduled later, and steps back, out of its
turn, behind an earlier job that waits in the queue ready to run, which the worker holding it could
never take."""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Iterator
from typing import Literal

import pytest

from api.queue import enqueue_article, queue_app
from api.queue.tasks import OutageRetry, OutOfTurnError, wait_for_earlier_jobs
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.read import RawArticle
from tests.queue.processes import postgres_schema

pytestmark = pytest.mark.postgres

Earlier = Literal["running", "requeued", "retried later"]


@pytest.fixture
def queued(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


async def _wait_behind(settings: Settings, earlier: Earlier) -> str:
    """Queue two articles; two workers take one each; the first job is then left ``earlier``. What the
    second job's wait for its turn comes to: ``"waited"`` (its bound ran out) or ``"stepped back"``."""
    app = queue_app(settings)
    engine = create_engine(settings)
    try:
        async with app.open_async():
            for text in ("Leaders met in Paris on Monday.", "Ministers met in Rome on Tuesday."):
                await enqueue_article(app, RawArticle(source="test", text=text))
            first = await app.job_manager.fetch_job(queues=None, worker_id=await app.job_manager.register_worker())
            second = await app.job_manager.fetch_job(queues=None, worker_id=await app.job_manager.register_worker())
            assert first is not None
            assert second is not None
            assert second.id is not None
            if earlier == "requeued":
                await app.job_manager.retry_job(first)
            elif earlier == "retried later":
                later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
                await app.job_manager.retry_job(first, retry_at=later)
            try:
                await wait_for_earlier_jobs(create_session_factory(engine), second.id, limit_seconds=2.5)
            except OutOfTurnError:
                decision = OutageRetry().get_retry_decision(exception=OutOfTurnError(), job=second)
                assert decision is not None
                assert decision.retry_at is not None
                assert decision.retry_at <= datetime.datetime.now(datetime.UTC)  # due at once
                return "stepped back"
            return "waited"
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    ("earlier", "outcome"),
    [("running", "waited"), ("retried later", "waited"), ("requeued", "stepped back")],
)
def test_a_job_steps_back_only_behind_an_earlier_job_ready_to_run(
    queued: Settings, earlier: Earlier, outcome: str
) -> None:
    assert asyncio.run(_wait_behind(queued, earlier)) == outcome
