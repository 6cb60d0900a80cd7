"""``readout worker`` and ``readout load --queue`` as real processes on a real Postgres: two workers
make the knowledge base one ``readout load`` makes, and so does one worker given the articles in the
reverse of the canonical order, rebuilding events once for the burst rather than once per article; a
worker killed with SIGKILL mid-job leaves nothing
half-written and its job runs again; a worker killed with SIGKILL leaves no process behind; queueing
is idempotent by content hash; SQLite is refused with one line."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from api.queue import enqueue_article, queue_app
from db.services import reports
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.pipeline import prepare_batch
from loaders.read import read_inputs
from tests.cli.test_load_processes import CLI, _children, _running, environment, export, finish, start_load
from tests.loaders.canonical import canonical
from tests.queue.processes import (
    ARTICLES,
    copy_articles,
    job_statuses,
    logged,
    postgres_schema,
    start_worker,
    stop,
    wait_until,
)


@pytest.fixture
def queued(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


@pytest.fixture
def single(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


def queue_load(settings: Settings, folder: Path) -> str:
    done = subprocess.run(
        [*CLI, "load", str(folder), "--queue"], env=environment(settings), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stderr


def all_finished(settings: Settings) -> bool:
    statuses = job_statuses(settings)
    return len(statuses) == ARTICLES and all(status in ("succeeded", "failed") for _, status, _ in statuses)


@pytest.mark.postgres
def test_two_workers_make_what_one_load_makes(queued: Settings, single: Settings, tmp_path: Path) -> None:
    corpus = copy_articles(tmp_path / "corpus")
    code, stderr = finish(start_load(single, corpus))
    assert code == 0, stderr

    assert f"articles: {ARTICLES} queued, 0 queued already, 0 already stored, 0 failed" in queue_load(queued, corpus)
    # Queued twice before any worker runs: one job per text.
    assert f"articles: 0 queued, {ARTICLES} queued already" in queue_load(queued, corpus)
    workers = [start_worker(queued), start_worker(queued)]
    try:
        wait_until(lambda: all_finished(queued), "the workers to run every job")
    finally:
        outcomes = [stop(worker) for worker in workers]
    for code, stderr in outcomes:
        assert code == 0, stderr
        assert "Traceback" not in stderr, stderr
    assert {status for _, status, _ in job_statuses(queued)} == {"succeeded"}
    assert canonical(export(queued)) == canonical(export(single))
    # Everything is stored now: queueing again adds no job.
    assert f"articles: 0 queued, 0 queued already, {ARTICLES} already stored" in queue_load(queued, corpus)


async def _queue_in_reverse(settings: Settings, folder: Path) -> None:
    """Queue ``folder``'s articles one job each, in the reverse of the order a load stores them in: each
    article comes before every one stored already."""
    engine = create_engine(settings)
    try:
        batch = await prepare_batch(create_session_factory(engine), list(read_inputs([folder], max_bytes=10_000_000)))
        app = queue_app(settings)
        async with app.open_async():
            for article in reversed(batch.articles):
                await enqueue_article(app, article.raw)
    finally:
        await engine.dispose()


async def _rebuilds_and_waiting(settings: Settings) -> tuple[int, list[int]]:
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            return await reports.generation(session), await reports.pending_article_ids(session)
    finally:
        await engine.dispose()


@pytest.mark.postgres
def test_a_worker_given_articles_out_of_order_rebuilds_once_for_the_burst(
    queued: Settings, single: Settings, tmp_path: Path
) -> None:
    corpus = copy_articles(tmp_path / "corpus")
    code, stderr = finish(start_load(single, corpus))
    assert code == 0, stderr

    asyncio.run(_queue_in_reverse(queued, corpus))
    worker = start_worker(queued)
    try:
        wait_until(lambda: all_finished(queued), "the worker to run every job")
    finally:
        code, stderr = stop(worker)
    assert code == 0, stderr
    assert {status for _, status, _ in job_statuses(queued)} == {"succeeded"}
    # Each job's article came before the stored ones; their events waited for the last job of the burst.
    assert asyncio.run(_rebuilds_and_waiting(queued)) == (1, [])
    assert canonical(export(queued)) == canonical(export(single))


@pytest.mark.postgres
def test_a_worker_killed_mid_job_leaves_nothing_half_written_and_its_job_runs_again(
    queued: Settings, single: Settings, tmp_path: Path
) -> None:
    corpus = copy_articles(tmp_path / "corpus")
    assert finish(start_load(single, corpus))[0] == 0
    queue_load(queued, corpus)

    doomed = start_worker(queued, "--stalled-seconds", "5")
    wait_until(lambda: any(status == "doing" for _, status, _ in job_statuses(queued)), "a job to start")
    doomed.send_signal(signal.SIGKILL)
    assert doomed.wait() == -signal.SIGKILL
    logged(doomed)
    interrupted = [job for job, status, _ in job_statuses(queued) if status == "doing"]
    assert interrupted, "the worker was killed between two jobs"

    survivor = start_worker(queued, "--stalled-seconds", "5")
    try:
        wait_until(lambda: all_finished(queued), "the survivor to run every job, the interrupted one again")
    finally:
        code, stderr = stop(survivor)
    assert code == 0, stderr
    statuses = {job: (status, attempts) for job, status, attempts in job_statuses(queued)}
    assert {status for status, _ in statuses.values()} == {"succeeded"}
    # The job its worker died under ran twice: once cut off, then to the end (a run that ends counts one).
    assert all(statuses[job][1] >= 2 for job in interrupted)
    assert canonical(export(queued)) == canonical(export(single))


@pytest.mark.sqlite
def test_the_queue_needs_postgres(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'readout.db'}")
    subprocess.run([*CLI, "db", "upgrade"], env=environment(settings), check=True, capture_output=True)
    for command in (["worker"], ["load", str(tmp_path), "--queue"]):
        done = subprocess.run([*CLI, *command], env=environment(settings), capture_output=True, text=True, check=False)
        assert done.returncode == 1
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert "the job queue needs Postgres" in lines[0]


@pytest.mark.postgres
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
def test_a_worker_killed_with_sigkill_leaves_no_process_behind(queued: Settings) -> None:
    parent = start_worker(queued, "--concurrency", "2")
    # Its two worker processes (and multiprocessing's helpers, if any) once it has started them.
    wait_until(lambda: len(_children(parent.pid)) >= 2, "the worker processes")
    children = _children(parent.pid)
    parent.send_signal(signal.SIGKILL)
    assert parent.wait() == -signal.SIGKILL
    wait_until(lambda: not any(_running(child) for child in children), f"processes {children} to end")
    logged(parent)
