"""The queue's task: ingest one article, as ``POST /api/v1/articles`` does, in a worker.

In: the article as a job argument (``article_payload``: its text and declared metadata, JSON). Out:
the article and its events stored in one transaction (``api.ingestion.ingest_article``), and the
job's outcome recorded (``db.services.jobs``): the article's id, or why it could not be ingested.

The text travels in the job, not a path: a worker may run on another machine than the one that read
the file, and the enqueuer has read and decoded it already (its bad inputs get their line there).

Jobs store in the order they were queued: a job, once its article is analysed (the bulk of the work,
done by all workers at once), waits until the jobs queued before it have finished before it reads what
is stored and stores (``wait_for_earlier_jobs``). Merging reports into events depends on the order
articles are stored in, so this is what makes N workers build the knowledge base one ``readout load``
builds (``readout load --queue`` queues in the load's order). The wait is bounded (``turn_seconds``):
a job whose predecessor's worker died goes on without it rather than wait for it to be requeued.
A job never waits for one that waits in the queue ready to run (the job of a dead worker, requeued;
one retried after an outage): the worker holding it would never be free to take it, and every busy
worker would wait out its bound. It steps back instead (``OutOfTurnError``): back in the queue, due
at once, behind the earlier one, which the worker takes next. Its analysis is done again then; a
step back counts as a run of the job, as procrastinate counts its retries.

A job is idempotent by the article's content hash: its text stored already (by an earlier run of the
job, another job, a load or an HTTP ingest) is found and answered, never stored twice; and the
enqueuer gives it the hash as queueing lock and lock, so one hash is queued once and run by one worker
at a time. A run that dies mid-article (its worker killed) leaves nothing: the article's transaction
never committed. An article that cannot be ingested fails at once with its reason.

Storing in queue order is not storing in the canonical order (``loaders.store``): a load queues batch by
batch, and posts come as they come. An article that comes before stored ones does not store again, in
its own job, the events of every article linked to it (each such job would rebuild much of the
knowledge base, while every other job waits for its turn): its events wait, as in a load, and the job
that finds no job queued after it still to finish stores the waiting ones again, once for the burst
(``rebuild_if_last``). Until then their articles are stored and their events are not; any other
writer (a load, a synchronous post) stores them first, and a burst whose last job dies leaves them to
the job that runs it again.

A lost database is ridden out in the job, as ``readout load`` rides it out for its article: the
article is tried again after each of ``loaders.store.RETRY_DELAYS`` (about a minute) while the
database is unavailable, and its outcome recorded likewise. The job stays in its worker's hands
meanwhile, so the jobs queued after it still wait for it and the order of storing holds through a
restart of the server. (Given back to the queue at once, it would be retried seconds later, after the
workers had taken the jobs queued after it, which would then store before it once their wait ran
out.) Only a longer outage ends the run: then the queue retries the job (``OutageRetry``).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

from procrastinate import App, BaseRetryStrategy, JobContext, RetryDecision
from procrastinate.jobs import Job
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.ingestion import IngestionError, IngestionResult, in_analysis_thread, ingest_article
from db.availability import is_unavailable
from db.queries.jobs import earlier_job_ready, earlier_jobs_unfinished, later_jobs_unfinished
from db.services import jobs as job_outcomes
from loaders.pipeline import reanalysis
from loaders.read import RawArticle
from loaders.store import StoreCache, error_summary, rebuild_pending, with_retries

__all__ = [
    "INGEST_TASK",
    "OUTAGE_RETRY_DELAYS",
    "ArticleNotIngestedError",
    "OutOfTurnError",
    "OutageRetry",
    "article_from_payload",
    "article_payload",
    "ingest_article_job",
    "rebuild_if_last",
    "record_outcome",
    "register_tasks",
    "wait_for_earlier_jobs",
]

INGEST_TASK = "readout:ingest_article"
"""The task's name in the queue."""

OUTAGE_RETRY_DELAYS: tuple[int, ...] = (2, 4, 8, 16, 32, 64)
"""Seconds before each retry of a job that lost the database: about two minutes in all."""


class ArticleNotIngestedError(Exception):
    """The job's article cannot be ingested (no story, too long, refused by the store): the job fails
    with this reason, which is also recorded as its outcome. Not retried."""


class OutOfTurnError(Exception):
    """A job queued before this one waits in the queue ready to run: this one goes back to the queue
    behind it (``wait_for_earlier_jobs``)."""


class OutageRetry(BaseRetryStrategy):
    """Retry a job whose database went away (``db.availability.is_unavailable``), after each of
    ``OUTAGE_RETRY_DELAYS``, and a job out of its turn (``OutOfTurnError``) at once; any other failure
    is final."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, OutOfTurnError):
            return RetryDecision(retry_in={"seconds": 0})
        if not is_unavailable(exception) or job.attempts >= len(OUTAGE_RETRY_DELAYS):
            return None
        return RetryDecision(retry_in={"seconds": OUTAGE_RETRY_DELAYS[job.attempts]})


def article_payload(raw: RawArticle) -> dict[str, Any]:
    """``raw`` as a JSON object for a job's arguments."""
    return {
        "source": raw.source,
        "text": raw.text,
        "title": raw.title,
        "outlet": raw.outlet,
        "published": raw.published.isoformat() if raw.published else None,
        "modified": raw.modified.isoformat() if raw.modified else None,
        "authors": list(raw.authors),
        "origin": raw.origin,
        "encoding": raw.encoding,
    }


def article_from_payload(payload: dict[str, Any]) -> RawArticle:
    """The article of a job's arguments (``article_payload``'s inverse)."""

    def day(value: Any) -> date | None:
        return date.fromisoformat(value) if isinstance(value, str) else None

    return RawArticle(
        source=str(payload["source"]),
        text=str(payload["text"]),
        title=payload.get("title"),
        outlet=payload.get("outlet"),
        published=day(payload.get("published")),
        modified=day(payload.get("modified")),
        authors=tuple(payload.get("authors") or ()),
        origin=str(payload.get("origin") or "text"),
        encoding=str(payload.get("encoding") or "utf-8"),
    )


logger = logging.getLogger(__name__)

# Polls start 10 ms apart, then back off to 50 ms: a job's turn usually comes within one store
# transaction of the job before it (tens of milliseconds), and every millisecond of waiting past it is
# added to the part of the work writers of one knowledge base do one after another; but each poll is
# a query, and on a busy server a long wait should not cost a hundred a second.
_TURN_POLL_SECONDS = (0.01, 0.02, 0.04, 0.05)
# How often a waiting job looks for an earlier one ready in the queue: a second query, needed only
# after a worker died or the database went away, so not at every poll.
_READY_CHECK_SECONDS = 1.0


async def wait_for_earlier_jobs(
    session_factory: async_sessionmaker[AsyncSession], job_id: int, *, limit_seconds: float
) -> None:
    """Return once every ingestion job queued before ``job_id`` has finished, or after ``limit_seconds``;
    raise ``OutOfTurnError`` when one of them waits in the queue ready to run."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    polls = 0
    ready_checked = started
    while loop.time() < started + limit_seconds:
        async with session_factory() as session:
            if not await earlier_jobs_unfinished(session, job_id=job_id, task_name=INGEST_TASK):
                logger.debug("job %s waited %.3f s for the jobs queued before it", job_id, loop.time() - started)
                return
            if loop.time() >= ready_checked + _READY_CHECK_SECONDS:
                ready_checked = loop.time()
                if await earlier_job_ready(session, job_id=job_id, task_name=INGEST_TASK):
                    logger.warning("job %s steps back behind a job queued before it, ready to run", job_id)
                    raise OutOfTurnError(f"job {job_id} waits for a job queued before it that is ready to run")
        await asyncio.sleep(_TURN_POLL_SECONDS[min(polls, len(_TURN_POLL_SECONDS) - 1)])
        polls += 1
    logger.warning("job %s stores without waiting longer for the jobs queued before it", job_id)


async def record_outcome(
    session_factory: async_sessionmaker[AsyncSession],
    job_id: int,
    *,
    article_id: int | None = None,
    reason: str | None = None,
) -> None:
    """Write the job's outcome in a transaction of its own (after the article's committed: a worker
    killed in between runs the job again, which finds the article stored and records it then), tried
    again while the database is unavailable (``with_retries``)."""

    async def write() -> None:
        async with session_factory() as session, session.begin():
            await job_outcomes.record_outcome(session, job_id=job_id, article_id=article_id, reason=reason)

    await with_retries(write)


async def rebuild_if_last(
    session_factory: async_sessionmaker[AsyncSession], job_id: int, cache: StoreCache | None
) -> int:
    """When no ingestion job queued after ``job_id`` is still to finish, store again the events that wait
    for a rebuild (``loaders.store.rebuild_pending``: one indexed query when none wait); returns how many
    articles were stored again. A failure leaves them waiting for the next writer and is logged, not
    raised: the job's own article is stored and its outcome recorded."""

    async def last_of_burst() -> bool:
        async with session_factory() as session:
            return not await later_jobs_unfinished(session, job_id=job_id, task_name=INGEST_TASK)

    try:
        if not await with_retries(last_of_burst):
            return 0
        report = await with_retries(
            lambda: rebuild_pending(session_factory, reanalysis(in_analysis_thread), cache or StoreCache())
        )
    except Exception as exc:  # the articles are stored; their events wait for the next writer's rebuild
        logger.warning("job %s could not store again the events waiting for a rebuild: %s", job_id, error_summary(exc))
        return 0
    return report.rebuilt


def register_tasks(app: App) -> None:
    """Give ``app`` the queue's task. (Not a procrastinate blueprint: adding one to an app renames its
    tasks in place, so a second app of the same process would look for a task that is not there.)"""
    app.task(name=INGEST_TASK, pass_context=True, retry=OutageRetry())(ingest_article_job)


async def ingest_article_job(context: JobContext, article: dict[str, Any]) -> None:
    """Ingest the job's article and record what came of it; raises ``ArticleNotIngestedError`` when it
    cannot be ingested (the job fails with that reason)."""
    session_factory: async_sessionmaker[AsyncSession] = context.additional_context["session_factory"]
    turn_seconds: float = context.additional_context["turn_seconds"]
    budget_seconds: float | None = context.additional_context.get("budget_seconds")
    cache: StoreCache | None = context.additional_context.get("cache")
    job_id = context.job.id
    assert job_id is not None  # a fetched job has its id

    async def wait_turn() -> None:
        await wait_for_earlier_jobs(session_factory, job_id, limit_seconds=turn_seconds)

    async def attempt() -> IngestionResult:
        return await ingest_article(
            session_factory,
            article_from_payload(article),
            wait_turn=wait_turn,
            budget_seconds=budget_seconds,
            cache=cache,
            defer_rebuild=True,
        )

    try:
        result = await with_retries(attempt)
    except IngestionError as exc:
        await record_outcome(session_factory, job_id, reason=str(exc))
        await rebuild_if_last(session_factory, job_id, cache)
        raise ArticleNotIngestedError(str(exc)) from exc
    except OutOfTurnError:
        raise  # back to the queue behind the earlier job (OutageRetry); nothing of it was written
    except Exception as exc:
        if not is_unavailable(exc):
            # A fault of ours on this article: the job fails with a reason that names it, without SQL.
            reason = f"could not be ingested: {error_summary(exc)}"
            await record_outcome(session_factory, job_id, reason=reason)
            await rebuild_if_last(session_factory, job_id, cache)
            raise ArticleNotIngestedError(reason) from exc
        raise  # the database stayed away through every retry: OutageRetry runs the job again later
    await record_outcome(session_factory, job_id, article_id=result.article_id)
    await rebuild_if_last(session_factory, job_id, cache)
