"""Asynchronous ingestion: ``POST /api/v1/articles`` with ``Prefer: respond-async`` queues the article
and answers 202 with its job; ``GET /api/v1/jobs/{id}`` tells the job's state.

In: a validated article (``api.rest.ingest``) and the request's ``Prefer`` header; a job id in the path.
Out: the job's representation, ``{id, state, attempts, article, events, reason, links}``: ``state`` is
``queued``, ``running``, ``done`` (with the article stored and the events it supports) or ``failed``
(with the reason).

The preference is honoured where there is a queue: on Postgres, with ingestion on. On SQLite there is
none, and the preference is ignored as RFC 7240 lets a server do: the article is ingested before the
answer (201 or 200, as without the header), and no ``Preference-Applied`` header says otherwise. A
text stored already is answered 200 at once either way: there is nothing to wait for. Job ids are the
queue's integers; an id that is not one, or names no ingestion job, is a 404, like any unknown resource.
"""

from __future__ import annotations

from typing import Any

from procrastinate import App
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.auth import authorise_ingestion
from api.problems import ProblemError
from api.queue import MAX_JOB_ID, JobState, enqueue_article, job_state
from api.rest import representations
from api.rest.responses import session_of
from db.queries.articles import articles_by_ids, events_by_article_ids
from db.services import articles
from loaders.read import RawArticle

__all__ = ["job_href", "queue_article", "routes", "wants_async"]

_JOBS = f"{representations.API_PREFIX}/jobs"
# Seconds a client polling the job is asked to wait between looks: an article takes about one.
_POLL_SECONDS = "1"


def job_href(job_id: int) -> str:
    return f"{_JOBS}/{job_id}"


def wants_async(request: Request) -> bool:
    """Whether ``Prefer`` (RFC 7240: comma-separated preferences, each maybe with ``=value`` and
    ``;parameters``) holds ``respond-async``, in any case, in any of the request's Prefer headers."""
    preferences = ",".join(request.headers.getlist("prefer")).split(",")
    return any(p.split(";")[0].split("=")[0].strip().lower() == "respond-async" for p in preferences)


async def _representation(request: Request, state: JobState) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": state.job_id,
        "state": state.state,
        "attempts": state.attempts,
        "article": None,
        "events": [],
        "reason": state.reason,
        "links": {"self": job_href(state.job_id)},
    }
    if state.article_id is not None:
        async with session_of(request) as session:
            article = (await articles_by_ids(session, [state.article_id]))[state.article_id]
            supported = (await events_by_article_ids(session, [state.article_id])).get(state.article_id, [])
        body["article"] = {**representations.article_ref(article), **representations.article_dating(article)}
        body["events"] = [representations.event_ref(event) for event in supported]
    return body


async def queue_article(request: Request, raw: RawArticle) -> Response | None:
    """A 202 with the job that will ingest ``raw``, when the client prefers it and there is a queue;
    None when the article is to be ingested now (no queue, no preference, or its text stored already)."""
    queue: App | None = getattr(request.app.state, "queue", None)
    if queue is None or not wants_async(request):
        return None
    async with session_of(request) as session:
        if await articles.get_by_hash(session, content_hash=articles.content_hash(raw.text)) is not None:
            return None
    enqueued = await enqueue_article(queue, raw)
    async with session_of(request) as session:
        state = await job_state(session, enqueued.job_id)
    if state is None:  # finished and pruned at once: unlikely, and the client can still look it up
        state = JobState(enqueued.job_id, "queued", 0)
    headers = {
        "Location": job_href(enqueued.job_id),
        "Preference-Applied": "respond-async",
        "Retry-After": _POLL_SECONDS,
    }
    return JSONResponse(await _representation(request, state), status_code=202, headers=headers)


async def get_job(request: Request) -> Response:
    """The state of one ingestion job, for the clients that may ingest."""
    await authorise_ingestion(request, request.app.state.settings)
    raw_id = request.path_params["id"]
    job_id = int(raw_id) if raw_id.isascii() and raw_id.isdigit() and len(raw_id) <= 19 else 0
    state = None
    if 0 < job_id <= MAX_JOB_ID:
        async with session_of(request) as session:
            state = await job_state(session, job_id)
    if state is None:
        raise ProblemError.not_found("No ingestion job has this ID.")
    headers = {} if state.state in ("done", "failed") else {"Retry-After": _POLL_SECONDS}
    return JSONResponse(await _representation(request, state), headers=headers)


routes = [Route(f"{_JOBS}/{{id}}", get_job, methods=["GET"])]
