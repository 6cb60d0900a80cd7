"""Keeping the queue healthy while workers run: jobs of dead workers put back in the queue, and
finished jobs pruned once they are old.

In: the open queue app and a session factory on the knowledge base. Out: stalled jobs requeued (or
failed with a reason after ``MAX_RUNS`` runs), and jobs finished over ``keep_hours`` ago deleted with
their outcomes. Every live worker does both (``keep_house``); they are safe to run at once: a job
another worker requeued first is skipped, and deleting what is already gone deletes nothing.
"""

from __future__ import annotations

import asyncio
import logging

from procrastinate import App
from procrastinate.exceptions import ConnectorException
from procrastinate.jobs import Status
from procrastinate.worker import Worker
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.queue.tasks import INGEST_TASK, record_outcome
from db.services import jobs as job_outcomes

__all__ = [
    "DEFAULT_KEEP_HOURS",
    "MAX_RUNS",
    "PRUNE_EVERY_SECONDS",
    "keep_house",
    "prune_finished_jobs",
    "retry_stalled_jobs",
]

logger = logging.getLogger(__name__)

MAX_RUNS = 3
"""Runs a job gets when its worker dies under it each time."""
DEFAULT_KEEP_HOURS = 7 * 24
"""Finished jobs are kept a week: long enough for a client to ask what became of its article."""
PRUNE_EVERY_SECONDS = 3600.0


async def retry_stalled_jobs(
    app: App,
    session_factory: async_sessionmaker[AsyncSession],
    *,
    stalled_seconds: float,
    own_worker_id: int | None = None,
) -> list[int]:
    """Put the jobs of dead workers back in the queue (or fail those that have had ``MAX_RUNS``);
    the ids of the jobs requeued. The jobs of ``own_worker_id`` are left alone: a worker that looks is
    alive, even if a long step kept it from sending its last heartbeat in time."""
    requeued = []
    for job in await app.job_manager.get_stalled_jobs(task_name=INGEST_TASK, seconds_since_heartbeat=stalled_seconds):
        assert job.id is not None
        if own_worker_id is not None and job.worker_id == own_worker_id:
            continue
        try:
            if job.attempts + 1 >= MAX_RUNS:
                reason = f"its worker stopped in the middle of it {job.attempts + 1} times"
                await record_outcome(session_factory, job.id, reason=reason)
                await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=False)
            else:
                await app.job_manager.retry_job(job)
                requeued.append(job.id)
        except ConnectorException:
            # Another worker requeued it first: the job is no longer running.
            continue
    return requeued


async def prune_finished_jobs(app: App, session_factory: async_sessionmaker[AsyncSession], *, keep_hours: int) -> None:
    """Delete the jobs that finished (succeeded, failed, cancelled or aborted) over ``keep_hours`` ago,
    and their outcomes: ``GET /api/v1/jobs/{id}`` answers 404 for them from then on; their articles
    stay."""
    await app.job_manager.delete_old_jobs(
        nb_hours=keep_hours, include_failed=True, include_cancelled=True, include_aborted=True
    )
    async with session_factory() as session, session.begin():
        await job_outcomes.delete_outcomes_of_removed_jobs(session)


async def keep_house(
    worker: Worker, session_factory: async_sessionmaker[AsyncSession], *, stalled_seconds: float, keep_hours: int | None
) -> None:
    """Until cancelled: requeue the jobs of dead workers every ``stalled_seconds / 2``, and prune the
    jobs finished over ``keep_hours`` ago every ``PRUNE_EVERY_SECONDS`` (None: never)."""
    loop = asyncio.get_running_loop()
    pruned_at: float | None = None
    while True:
        try:
            requeued = await retry_stalled_jobs(
                worker.app, session_factory, stalled_seconds=stalled_seconds, own_worker_id=worker.worker_id
            )
            if requeued:
                logger.warning("requeued the jobs %s of workers that stopped answering", requeued)
            if keep_hours is not None and (pruned_at is None or loop.time() - pruned_at >= PRUNE_EVERY_SECONDS):
                await prune_finished_jobs(worker.app, session_factory, keep_hours=keep_hours)
                pruned_at = loop.time()
        except Exception:  # the database away for a while: the worker itself says so; look again later
            logger.exception("could not look after the queue's stalled and finished jobs")
        await asyncio.sleep(stalled_seconds / 2)
