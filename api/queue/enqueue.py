"""``readout load PATH… --queue``: inputs read here, one ingestion job per article for the workers.

In: paths (files and folders, as ``readout load`` takes them), the open queue app and a session
factory on the knowledge base. Out: ``QueueReport``: articles queued, stored already, waiting in the
queue already, and one ``InputError`` per input that could not be read.

Reading, decoding, cleaning and dating happen here, in the enqueuer: an unreadable input, or one with
no story, gets its line where the operator runs the command, and a worker on another machine needs no
access to these files. The text goes into the job; its content hash, checked against the stored
articles first, keeps the job idempotent (``api.queue.jobs``). Each batch is prepared as
``readout load`` prepares it (``loaders.pipeline.prepare_batch``) and queued in the order a load
stores it; workers store in queue order, so the knowledge base is the one a load makes.

    >>> report = await enqueue_inputs(app, session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
    >>> report.queued, report.stored, report.waiting
    (5, 0, 0)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from procrastinate import App
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.queue.jobs import enqueue_article
from loaders.pipeline import BATCH_SIZE, prepare_batch
from loaders.read import InputError, read_inputs

__all__ = ["QueueReport", "enqueue_inputs"]


@dataclass
class QueueReport:
    """What ``enqueue_inputs`` did with each input."""

    queued: int = 0
    stored: int = 0
    """Articles whose text is stored already: no job."""
    waiting: int = 0
    """Articles whose job is in the queue already (queued earlier, not yet run): no new job."""
    failed: list[InputError] = field(default_factory=list)


async def enqueue_inputs(
    app: App,
    session_factory: async_sessionmaker[AsyncSession],
    paths: Iterable[Path],
    *,
    max_bytes: int,
    budget_seconds: float | None = None,
) -> QueueReport:
    """Queue one job per new article under ``paths``, batch by batch in the order ``readout load``
    stores them; each article may take ``budget_seconds`` to prepare (None: no limit)."""
    report = QueueReport()
    items = read_inputs(paths, max_bytes=max_bytes)
    while chunk := list(itertools.islice(items, BATCH_SIZE)):
        batch = await prepare_batch(session_factory, chunk, budget_seconds=budget_seconds)
        report.stored += batch.stored
        report.failed += batch.failed
        for article in batch.articles:  # in storing order
            enqueued = await enqueue_article(app, article.raw)
            if enqueued.added:
                report.queued += 1
            else:
                report.waiting += 1
    return report
