"""Helpers of the queue tests: a private Postgres schema migrated to head, ``readout worker`` and
``readout load`` as real processes on it, and waiting on the queue's rows (a bound on waiting, never a
measurement)."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import asyncpg
import pytest

from db import migrations
from db.settings import Settings
from tests.cli.test_load_processes import CLI, compose, environment
from tests.conftest import POSTGRES_URL, REPO, _asyncpg_dsn, run_on_postgres

__all__ = [
    "ARTICLES",
    "COMPOSED",
    "FILES",
    "copy_articles",
    "job_statuses",
    "logged",
    "postgres_schema",
    "start_worker",
    "stop",
    "wait_until",
]

# Reports in three input formats, beside composed articles that share paragraphs (so reports of one
# meeting in several articles merge, and the order they are stored in matters).
COMPOSED = 16
FILES = (
    "seeds/000_0c6c6a7bd5f4bea7.txt",
    "tests/extraction/articles/104_quad_tokyo_summit.txt",
    "tests/extraction/articles/107_biden_xi_call.txt",
    "tests/extraction/articles/108_putin_kim_vostochny.txt",
    "tests/extraction/articles/111_yoon_tokyo_visit.txt",
    "tests/extraction/articles/125_xi_macron_paris.jsonl",
    "tests/extraction/articles/119_mitsotakis_ankara_erdogan.html",
)


ARTICLES = COMPOSED + len(FILES)


def copy_articles(folder: Path) -> Path:
    """``ARTICLES`` articles in ``folder``: ``COMPOSED`` composed ones and ``FILES``."""
    compose(folder, COMPOSED)
    for name in FILES:
        shutil.copy(REPO / name, folder / Path(name).name)
    return folder


def postgres_schema(request: pytest.FixtureRequest) -> Iterator[Settings]:
    """A fresh schema of the test Postgres migrated to head (procrastinate's tables included); dropped after."""
    request.getfixturevalue("postgres_available")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
    settings = Settings(database_url=POSTGRES_URL, database_schema=schema)
    try:
        migrations.upgrade(settings)
        yield settings
    finally:
        asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


# Each worker's log, by process id, until ``stop`` or ``logged`` reads it.
_LOGS: dict[int, IO[bytes]] = {}


def start_worker(settings: Settings, *arguments: str) -> subprocess.Popen[str]:
    """``readout worker`` with ``arguments``, its log written to a file. Not a pipe: a pipe no one reads
    holds 64 KiB, and a worker that fills it blocks in its next log line for good (as two did after a
    restart of the server, logging the tracebacks of every connection they lost)."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by ``logged``, once the worker has ended
    worker = subprocess.Popen(
        [*CLI, "worker", *arguments], env=environment(settings), stdout=subprocess.DEVNULL, stderr=log, text=True
    )
    _LOGS[worker.pid] = log
    return worker


def logged(worker: subprocess.Popen[str]) -> str:
    """What ``worker`` (started by ``start_worker``, ended) logged; its log is closed."""
    with _LOGS.pop(worker.pid) as log:
        log.seek(0)
        return log.read().decode("utf-8", errors="replace")


def stop(worker: subprocess.Popen[str]) -> tuple[int, str]:
    """SIGTERM (the job in hand finishes first), then its exit code and what it logged."""
    worker.terminate()
    worker.wait(timeout=120)
    return worker.returncode, logged(worker)


def job_statuses(settings: Settings) -> list[tuple[int, str, int]]:
    """Every job of the schema's queue: (id, status, attempts), by id."""

    async def read() -> list[tuple[int, str, int]]:
        connection = await asyncpg.connect(_asyncpg_dsn(), server_settings={"search_path": settings.database_schema})
        try:
            rows = await connection.fetch("SELECT id, status::text, attempts FROM procrastinate_jobs ORDER BY id")
        finally:
            await connection.close()
        return [(row["id"], row["status"], row["attempts"]) for row in rows]

    return asyncio.run(read())


def wait_until(condition: Callable[[], bool], what: str, *, limit: float = 240.0) -> None:
    """Poll ``condition`` until it holds; a bound on waiting (a busy machine is slow), not a measurement."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.3)
