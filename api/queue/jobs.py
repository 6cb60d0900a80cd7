"""Queueing articles and telling what became of their jobs.

In: an open queue app (``api.queue.connection.queue_app``) and an article, or a session and a job id. Out: the id
of the job that will ingest the article (``enqueue_article``), or the job's state (``job_state``):
queued, running, done (with the article it stored) or failed (with the reason).

One content hash is one job while it waits: the hash is the job's queueing lock, so queueing an
article whose job is still waiting answers that job instead of adding one (``Enqueued.added`` is
False). The hash is also the job's lock, so two jobs of one text never run at once.

    >>> enqueued = await enqueue_article(app, raw)  # doctest: +SKIP
    >>> (await job_state(session, enqueued.job_id)).state  # doctest: +SKIP
    'queued'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.jobs import Status
from sqlalchemy.ext.asyncio import AsyncSession

from api.queue.tasks import INGEST_TASK, article_payload
from db.queries.jobs import queued_job
from db.services import articles
from db.services import jobs as job_outcomes
from loaders.read import RawArticle

__all__ = ["MAX_JOB_ID", "Enqueued", "JobState", "enqueue_article", "job_state"]

MAX_JOB_ID = 2**63 - 1
"""Job ids are Postgres BIGINTs: a larger number names no job (and must not reach the database)."""

State = Literal["queued", "running", "done", "failed"]

_STATES: dict[Status, State] = {
    Status.TODO: "queued",
    Status.DOING: "running",
    Status.SUCCEEDED: "done",
    Status.FAILED: "failed",
    Status.CANCELLED: "failed",
    Status.ABORTING: "running",
    Status.ABORTED: "failed",
}


@dataclass(frozen=True)
class Enqueued:
    """The job that will ingest an article; ``added`` is False when it was waiting already."""

    job_id: int
    added: bool


@dataclass(frozen=True)
class JobState:
    """A job as its client sees it: ``article_id`` once done, ``reason`` once failed; ``attempts`` counts
    the job's runs that have ended (procrastinate's count): 0 before the first ends, 1 for a job done
    at its first run, one more for each run cut off (the database away, its worker killed)."""

    job_id: int
    state: State
    attempts: int
    article_id: int | None = None
    reason: str | None = None


async def enqueue_article(app: App, raw: RawArticle) -> Enqueued:
    """Queue a job that ingests ``raw``, or find the one that waits with the same text."""
    content_hash = articles.content_hash(raw.text)
    deferrer = app.configure_task(INGEST_TASK, queueing_lock=content_hash, lock=content_hash)
    try:
        return Enqueued(await deferrer.defer_async(article=article_payload(raw)), added=True)
    except AlreadyEnqueued:
        pass
    # Waiting, or taken by a worker since the refusal: the newest job of that text either way.
    same = await app.job_manager.list_jobs_async(task=INGEST_TASK, queueing_lock=content_hash)
    newest = max((job.id for job in same if job.id is not None), default=None)
    if newest is None:  # finished and pruned in between: queue it again
        return await enqueue_article(app, raw)
    return Enqueued(newest, added=False)


async def job_state(session: AsyncSession, job_id: int) -> JobState | None:
    """The state of the ingestion job ``job_id``, or None when there is no such job (nor any, on SQLite)."""
    if not 0 < job_id <= MAX_JOB_ID:
        return None
    job = await queued_job(session, job_id=job_id, task_name=INGEST_TASK)
    if job is None:
        return None
    status = Status(job.status)
    state = _STATES[status]
    if state not in ("done", "failed"):
        return JobState(job_id, state, job.attempts)
    outcome = await job_outcomes.get_outcome(session, job_id=job_id)
    if state == "done" and outcome is not None and outcome.article_id is not None:
        return JobState(job_id, "done", job.attempts, article_id=outcome.article_id)
    reason = outcome.reason if outcome is not None and outcome.reason else _reason_without_outcome(status)
    return JobState(job_id, "failed", job.attempts, reason=reason)


def _reason_without_outcome(status: Status) -> str:
    if status in (Status.CANCELLED, Status.ABORTED):
        return f"the job was {status.value} before it ran to the end"
    return "the job stopped without an outcome (the database stayed out of reach, or its worker kept dying)"
