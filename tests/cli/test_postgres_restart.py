"""The Postgres server restarted in the middle of the work: a ``readout load`` and two ``readout
worker`` processes ride it out and lose no article; what they build equals a load on a server left
alone.

These tests restart the one server every other test (and every helper on this machine) uses, so
they carry the ``restarts_postgres`` marker, which the default run deselects; run them on purpose,
at a quiet moment: ``pytest -m restarts_postgres tests/cli/test_postgres_restart.py``.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest

from db.settings import Settings
from tests.cli.test_load_processes import CLI, compose, environment, export, finish, start_load
from tests.conftest import _asyncpg_dsn
from tests.loaders.canonical import canonical
from tests.queue.processes import job_statuses, postgres_schema, start_worker, stop, wait_until

pytestmark = [pytest.mark.postgres, pytest.mark.restarts_postgres]

ARTICLES = 60
# Stored before the restart: the restart lands in the middle of the work, not before or after it.
BEFORE_RESTART = 8


@pytest.fixture
def loaded(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


@pytest.fixture
def single(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


def restart_postgres() -> None:
    """Restart the local cluster (fast shutdown: every session is cut off, as in a failover)."""
    ctl = shutil.which("pg_ctlcluster")
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir()) if Path("/etc/postgresql").is_dir() else []
    if ctl is None or not versions:
        pytest.skip("pg_ctlcluster and a local cluster are needed to restart the server")
    command = [ctl, "--skip-systemctl-redirect", versions[-1], "main", "restart", "--", "-m", "fast"]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def stored_articles(settings: Settings) -> int:
    """How many articles the schema holds; -1 while the server cannot be reached."""

    async def count() -> int:
        try:
            connection = await asyncpg.connect(
                _asyncpg_dsn(), server_settings={"search_path": str(settings.database_schema)}, timeout=5
            )
        except (OSError, asyncpg.PostgresError, TimeoutError):
            return -1
        try:
            return int(await connection.fetchval("SELECT count(*) FROM articles"))
        finally:
            await connection.close()

    return asyncio.run(count())


def test_a_load_rides_out_a_restart_of_the_server(loaded: Settings, single: Settings, tmp_path: Path) -> None:
    corpus = compose(tmp_path / "corpus", ARTICLES)
    code, stderr = finish(start_load(single, corpus))
    assert code == 0, stderr

    load = start_load(loaded, corpus)
    try:
        wait_until(lambda: stored_articles(loaded) >= BEFORE_RESTART, "the load to store its first articles")
        assert stored_articles(loaded) < ARTICLES, "the load finished before the restart"
        restart_postgres()
    finally:
        code, stderr = finish(load)
    assert code == 0, stderr
    assert "Traceback" not in stderr, stderr
    assert f"articles: {ARTICLES} loaded, 0 already stored, 0 failed" in stderr
    assert canonical(export(loaded)) == canonical(export(single))


def test_workers_ride_out_a_restart_of_the_server(loaded: Settings, single: Settings, tmp_path: Path) -> None:
    corpus = compose(tmp_path / "corpus", ARTICLES)
    code, stderr = finish(start_load(single, corpus))
    assert code == 0, stderr
    queued = subprocess.run(
        [*CLI, "load", str(corpus), "--queue"], env=environment(loaded), capture_output=True, text=True, check=False
    )
    assert queued.returncode == 0, queued.stderr

    def all_finished() -> bool:
        try:
            statuses = job_statuses(loaded)
        except (OSError, asyncpg.PostgresError):
            return False  # the server is still coming back
        return len(statuses) == ARTICLES and all(status in ("succeeded", "failed") for _, status, _ in statuses)

    workers = [start_worker(loaded, "--concurrency", "2")]
    try:
        wait_until(lambda: stored_articles(loaded) >= BEFORE_RESTART, "the workers to store their first articles")
        assert stored_articles(loaded) < ARTICLES, "the workers finished before the restart"
        restart_postgres()
        finished = True
        try:
            wait_until(all_finished, "the workers to run every job after the restart", limit=300.0)
        except pytest.fail.Exception:
            finished = False
    finally:
        outcomes = [stop(worker) for worker in workers]
        logs = "\n".join(stderr[-3000:] for _, stderr in outcomes)
    assert finished, f"jobs {job_statuses(loaded)} unfinished; the workers logged:\n{logs}"
    assert {status for _, status, _ in job_statuses(loaded)} == {"succeeded"}, logs
    assert stored_articles(loaded) == ARTICLES
    assert canonical(export(loaded)) == canonical(export(single))
    for code, _ in outcomes:
        assert code == 0, logs
