"""Scale-out on a Postgres job queue (procrastinate, on the knowledge base's own database).

- ``queue_app``: the procrastinate app of the settings' database (``QueueUnavailableError`` on SQLite).
- ``enqueue_inputs``: ``readout load --queue``, one job per article read; ``enqueue_article`` for one.
- ``job_state``: what became of a job (queued, running, done with its article, failed with the reason).
- ``run_workers``: ``readout worker``, processes running the jobs; ``retry_stalled_jobs`` and
  ``prune_finished_jobs``: what each of them does for the queue's health (``api.queue.housekeeping``).

The task itself (``api.queue.tasks``) runs ``api.ingestion.ingest_article``, as ``POST
/api/v1/articles`` does. SQLite has no queue: everything runs in process there, as before.
"""

from api.queue.connection import QueueUnavailableError, has_queue, queue_app
from api.queue.enqueue import QueueReport, enqueue_inputs
from api.queue.housekeeping import prune_finished_jobs, retry_stalled_jobs
from api.queue.jobs import MAX_JOB_ID, Enqueued, JobState, enqueue_article, job_state
from api.queue.worker import run_workers

__all__ = [
    "MAX_JOB_ID",
    "Enqueued",
    "JobState",
    "QueueReport",
    "QueueUnavailableError",
    "enqueue_article",
    "enqueue_inputs",
    "has_queue",
    "job_state",
    "prune_finished_jobs",
    "queue_app",
    "retry_stalled_jobs",
    "run_workers",
]
