"""``readout worker``: processes that take ingestion jobs from the queue and run them until stopped.

In: ``Settings`` of a Postgres database migrated to head, how many processes, after how many seconds
without a heartbeat a worker counts as dead, and how long finished jobs are kept. Out: jobs run
(``api.queue.tasks``) until SIGTERM or SIGINT, which let the job in hand finish.

One process runs one job at a time: analysing an article is CPU-bound Python, so more jobs at once in
a process would only take turns on its one interpreter; ``--concurrency N`` starts N processes (one a
core), each dying with its parent (``PR_SET_PDEATHSIG``). Workers on other machines need only the
same ``--database``.

A worker killed mid-job (SIGKILL, a lost machine) stops sending heartbeats; every live worker looks
for such stalled jobs every ``stalled_seconds / 2`` and puts them back in the queue, and prunes the
jobs finished over ``keep_hours`` ago once an hour (``api.queue.housekeeping``). What a dead run wrote
is gone with its uncommitted transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
from types import FrameType

from procrastinate.worker import Worker
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.ingestion import in_analysis_thread, warmed_up
from api.queue.connection import queue_app
from api.queue.housekeeping import DEFAULT_KEEP_HOURS, keep_house
from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.nlp import die_with_parent
from loaders.store import StoreCache

__all__ = ["DEFAULT_STALLED_SECONDS", "run_workers"]

logger = logging.getLogger(__name__)

DEFAULT_STALLED_SECONDS = 30.0
"""A worker silent this long is dead; it sends a heartbeat every quarter of it."""


async def _work(settings: Settings, *, stalled_seconds: float, keep_hours: int | None, name: str) -> None:
    engine = create_engine(settings)
    session_factory = create_session_factory(engine)
    # One job at a time in this process: its cache is kept across jobs, as a load keeps it across
    # articles (ids of actors and venues are looked up once; the events are read again whenever another
    # writer has stored since).
    cache = StoreCache()
    # The model and tables are loaded before the first job, so no job pays for them (nor a benchmark's
    # first), in the thread that analyses.
    await in_analysis_thread(warmed_up)
    stopping = asyncio.Event()
    running: list[Worker] = []

    def stop() -> None:
        # Asked to stop (SIGTERM, SIGINT): the job in hand finishes, and no new worker is started.
        stopping.set()
        for worker in running:
            worker.stop()  # type: ignore[no-untyped-call]  # procrastinate leaves it unannotated

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop)
    try:
        while not stopping.is_set():
            app = queue_app(settings)
            try:
                async with app.open_async():
                    worker = Worker(
                        app,
                        name=name,
                        concurrency=1,
                        # A job waits at most this long for those queued before it (api.queue.tasks):
                        # twice the time a dead worker's job takes to be noticed.
                        additional_context={
                            "session_factory": session_factory,
                            "turn_seconds": 2 * stalled_seconds,
                            "budget_seconds": settings.analysis_budget_seconds,
                            "cache": cache,
                        },
                        update_heartbeat_interval=stalled_seconds / 4,
                        stalled_worker_timeout=stalled_seconds,
                        install_signal_handlers=False,
                    )
                    running[:] = [worker]
                    await _run(worker, session_factory, stalled_seconds=stalled_seconds, keep_hours=keep_hours)
            except Exception:  # the database away: procrastinate gives up on it; this process does not
                logger.exception("the worker lost the database")
            if not stopping.is_set():
                # procrastinate stops a worker whose connection broke (its listener or heartbeat failed).
                # A fresh one, with a fresh pool, takes the queue again once the server is back; the
                # job the old one had in hand is requeued as a stalled job.
                logger.warning("the worker stopped without being asked to; starting again in %s s", _RESTART_SECONDS)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stopping.wait(), timeout=_RESTART_SECONDS)
    finally:
        await engine.dispose()


_RESTART_SECONDS = 5.0


async def _run(
    worker: Worker, session_factory: async_sessionmaker[AsyncSession], *, stalled_seconds: float, keep_hours: int | None
) -> None:
    """Run ``worker`` and the queue's housekeeping beside it until the worker stops."""
    watcher = asyncio.create_task(
        keep_house(worker, session_factory, stalled_seconds=stalled_seconds, keep_hours=keep_hours)
    )
    try:
        await worker.run()  # type: ignore[no-untyped-call]  # procrastinate leaves it unannotated
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher


class _ShortLines(logging.Filter):
    """procrastinate names a job by its call, arguments included: an ingestion job's whole article. One
    line of the log holds at most ``_LINE`` characters of it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if len(message) > _LINE:
            record.msg, record.args = message[:_LINE] + " …", None
        return True


_LINE = 300


def _stop_before_work(_signum: int, _frame: FrameType | None) -> None:
    # Until procrastinate's own handlers are in place (while the model loads) there is no job in hand.
    raise SystemExit(0)


def _serve(settings: Settings, stalled_seconds: float, keep_hours: int | None, name: str) -> None:
    """One worker in this process, until stopped."""
    signal.signal(signal.SIGTERM, _stop_before_work)
    signal.signal(signal.SIGINT, _stop_before_work)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_ShortLines())
    asyncio.run(_work(settings, stalled_seconds=stalled_seconds, keep_hours=keep_hours, name=name))


def _child(settings: Settings, stalled_seconds: float, keep_hours: int | None, name: str) -> None:
    """One of the processes of ``--concurrency N``: it dies with ``readout worker``."""
    die_with_parent()
    parent = multiprocessing.parent_process()
    if parent is not None and os.getppid() != parent.pid:
        return  # the parent died before the kernel was asked to tell: nothing to work for
    _serve(settings, stalled_seconds, keep_hours, name)


def run_workers(
    settings: Settings,
    *,
    concurrency: int,
    stalled_seconds: float = DEFAULT_STALLED_SECONDS,
    keep_hours: int | None = DEFAULT_KEEP_HOURS,
) -> int:
    """Run ``concurrency`` worker processes until stopped; the exit code (0 unless one failed)."""
    if concurrency == 1:
        _serve(settings, stalled_seconds, keep_hours, "worker")
        return 0
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(
            target=_child, args=(settings, stalled_seconds, keep_hours, f"worker-{number}"), name=f"worker-{number}"
        )
        for number in range(1, concurrency + 1)
    ]
    for process in processes:
        process.start()

    def stop(signum: int, _frame: FrameType | None) -> None:
        # Passed on: each process lets its job in hand finish, then ends.
        for process in processes:
            if process.pid is not None and process.is_alive():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signum)

    signal.signal(signal.SIGTERM, stop)
    # Ctrl-C reaches the whole process group, the workers too: passing it on would be a second
    # interrupt, which procrastinate takes as "stop now", cutting off the jobs in hand.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for process in processes:
        process.join()
    return 0 if all(process.exitcode == 0 for process in processes) else 1
