"""Outcomes of queued ingestions (``db.models.JobOutcome``): written by the job, read by the jobs
endpoint.

In: the queue's job id and what the job came to. Out: the outcome row, or None while the job has
none. A job run again (a retry, or after its worker was killed) overwrites its earlier outcome, so
the last run's word stands.

    >>> await record_outcome(session, job_id=7, article_id=12)  # doctest: +SKIP
    >>> (await get_outcome(session, job_id=7)).article_id  # doctest: +SKIP
    12
"""

from __future__ import annotations

from sqlalchemy import delete, exists
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import utcnow
from db.models import JobOutcome
from db.queries.jobs import JOBS

__all__ = ["delete_outcomes_of_removed_jobs", "get_outcome", "record_outcome"]


async def record_outcome(
    session: AsyncSession, *, job_id: int, article_id: int | None = None, reason: str | None = None
) -> None:
    """Write (or overwrite) the outcome of ``job_id``: the article it stored, or the reason it could not.
    The caller commits."""
    await session.merge(JobOutcome(job_id=job_id, article_id=article_id, reason=reason, finished_at=utcnow()))


async def get_outcome(session: AsyncSession, *, job_id: int) -> JobOutcome | None:
    return await session.get(JobOutcome, job_id)


async def delete_outcomes_of_removed_jobs(session: AsyncSession) -> int:
    """Delete the outcomes whose job the queue no longer holds (pruned); how many. Postgres only (the
    queue's table); the caller commits."""
    removed = delete(JobOutcome).where(~exists().where(JOBS.c.id == JobOutcome.job_id))
    result = await session.execute(removed)
    return int(getattr(result, "rowcount", 0) or 0)
