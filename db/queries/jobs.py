"""Reading the job queue's own rows: a job's status and attempts, by id, without its arguments (an
ingestion job carries its article's whole text).

In: a session on the knowledge base's database and a job id. Out: ``QueuedJob`` or None; whether
jobs queued before it are still to finish (``earlier_jobs_unfinished``), whether one of them waits
in the queue ready to run (``earlier_job_ready``), and whether jobs queued after it are still to finish
(``later_jobs_unfinished``). The table
is procrastinate's (``db.queue_schema``), in the same schema as readout's, and exists on Postgres
only: on SQLite there are no jobs.

    >>> (await queued_job(session, job_id=7, task_name="readout:ingest_article")).status  # doctest: +SKIP
    'doing'
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, ColumnElement, DateTime, Integer, String, column, exists, func, or_, select, table
from sqlalchemy.dialects.postgresql import ENUM
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import JobOutcome

__all__ = ["JOBS", "QueuedJob", "earlier_job_ready", "earlier_jobs_unfinished", "later_jobs_unfinished", "queued_job"]

_STATUSES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborting", "aborted")
# The columns read, as procrastinate's schema defines them; no model: the table is not ours to migrate.
JOBS = table(
    "procrastinate_jobs",
    column("id", BigInteger),
    column("task_name", String),
    # The queue's own enum type, so a status compared in SQL is one of its values (and its index of
    # waiting and running jobs applies).
    column("status", ENUM(*_STATUSES, name="procrastinate_job_status", create_type=False)),
    column("attempts", Integer),
    column("scheduled_at", DateTime(timezone=True)),
    column("lock", String),
)


@dataclass(frozen=True)
class QueuedJob:
    """``status`` is procrastinate's: todo, doing, succeeded, failed, cancelled, aborting, aborted."""

    job_id: int
    status: str
    attempts: int


async def queued_job(session: AsyncSession, *, job_id: int, task_name: str) -> QueuedJob | None:
    """The job ``job_id`` of the task ``task_name``, or None (no such job, or no queue on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    query = select(JOBS.c.status, JOBS.c.attempts).where(JOBS.c.id == job_id, JOBS.c.task_name == task_name)
    row = (await session.execute(query)).one_or_none()
    return QueuedJob(job_id, str(row.status), int(row.attempts)) if row is not None else None


async def earlier_jobs_unfinished(session: AsyncSession, *, job_id: int, task_name: str) -> bool:
    """Whether a job of ``task_name`` queued before ``job_id`` is still waiting or running and has not
    recorded its outcome (``job_outcomes``, written once its article is committed: a job that has one
    is done with the knowledge base, whether or not the queue has marked it finished yet). Cheap: the
    queue keeps an index of its waiting and running jobs."""
    return await _unfinished(session, JOBS.c.id < job_id, task_name=task_name)


async def later_jobs_unfinished(session: AsyncSession, *, job_id: int, task_name: str) -> bool:
    """Whether a job of ``task_name`` queued after ``job_id`` is still waiting or running and has not
    recorded its outcome (as ``earlier_jobs_unfinished`` counts them)."""
    return await _unfinished(session, JOBS.c.id > job_id, task_name=task_name)


async def _unfinished(session: AsyncSession, queued: ColumnElement[bool], *, task_name: str) -> bool:
    recorded = exists().where(JobOutcome.job_id == JOBS.c.id)
    unfinished = exists().where(JOBS.c.task_name == task_name, queued, JOBS.c.status.in_(("todo", "doing")), ~recorded)
    return bool(await session.scalar(select(unfinished)))


async def earlier_job_ready(session: AsyncSession, *, job_id: int, task_name: str) -> bool:
    """Whether a job of ``task_name`` queued before ``job_id``, with no outcome recorded, waits in the
    queue ready to run now: due (no retry scheduled later) and its lock not held by a running job. A
    free worker would take it; a worker holding ``job_id`` and waiting for it never will."""
    earlier, running = JOBS.alias("earlier"), JOBS.alias("running")
    recorded = exists().where(JobOutcome.job_id == earlier.c.id)
    locked = exists().where(running.c.status == "doing", running.c.lock == earlier.c.lock)
    ready = exists().where(
        earlier.c.task_name == task_name,
        earlier.c.id < job_id,
        earlier.c.status == "todo",
        or_(earlier.c.scheduled_at.is_(None), earlier.c.scheduled_at <= func.now()),
        ~recorded,
        ~locked,
    )
    return bool(await session.scalar(select(ready)))
