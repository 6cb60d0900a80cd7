"""``readout load PATH… --queue``: inputs read here, one ingestion job per article for the workers.

In: paths (files and folders, as ``readout load`` takes them), the open queue app and a session
factory on the knowledge base. Out: ``QueueReport``: articles queued, stored already, waiting in the
queue already, and one ``InputError`` per input that could not be read.

Reading and decoding happen here, in the enqueuer: an unreadable input gets its line where the
operator runs the command, and a worker on another machine needs no access to these files. The text
goes into the job; its content hash, checked against the stored articles first, keeps the job
idempotent (``api.queue.jobs``).

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
from db.services import articles
from loaders.read import InputError, RawArticle, read_inputs

__all__ = ["QueueReport", "enqueue_inputs"]

_CHUNK = 100  # articles whose hashes are looked up at once


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
    app: App, session_factory: async_sessionmaker[AsyncSession], paths: Iterable[Path], *, max_bytes: int
) -> QueueReport:
    """Queue one job per new article under ``paths``, in the order ``readout load`` reads them."""
    report = QueueReport()
    items = read_inputs(paths, max_bytes=max_bytes)
    while chunk := list(itertools.islice(items, _CHUNK)):
        raws = [item for item in chunk if isinstance(item, RawArticle)]
        report.failed.extend(item for item in chunk if isinstance(item, InputError))
        async with session_factory() as session:
            stored = await articles.stored_hashes(session, content_hashes=[articles.content_hash(r.text) for r in raws])
        for raw in raws:
            if articles.content_hash(raw.text) in stored:
                report.stored += 1
                continue
            enqueued = await enqueue_article(app, raw)
            if enqueued.added:
                report.queued += 1
            else:
                report.waiting += 1
    return report
