"""``readout load PATH… --queue``: inputs read here, one ingestion job per article for the workers.

In: paths (files and folders, as ``readout load`` takes them), the open queue app and a session
factory on the knowledge base. Out: ``QueueReport``: articles queued, stored already, waiting in the
queue already, and one ``InputError`` per input that could not be read.

Reading, decoding, cleaning and dating happen here, in the enqueuer: an unreadable input, or one with
no story, gets its line where the operator runs the command, and a worker on another machine needs no
access to these files. The text goes into the job; its content hash, checked against the stored
articles first, keeps the job idempotent (``api.queue.jobs``). Each batch is queued in the order
``readout load`` stores it (``loaders.pipeline.storing_order``), and workers store in queue order, so
the knowledge base is the one a load makes.

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
from loaders.dating import PreparedArticle
from loaders.pipeline import BATCH_SIZE, ArticleRefusedError, prepare, storing_order
from loaders.read import InputError, RawArticle, read_inputs
from loaders.store import error_summary

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
    app: App, session_factory: async_sessionmaker[AsyncSession], paths: Iterable[Path], *, max_bytes: int
) -> QueueReport:
    """Queue one job per new article under ``paths``, batch by batch in the order ``readout load``
    stores them."""
    report = QueueReport()
    items = read_inputs(paths, max_bytes=max_bytes)
    while chunk := list(itertools.islice(items, BATCH_SIZE)):
        raws = [item for item in chunk if isinstance(item, RawArticle)]
        report.failed.extend(item for item in chunk if isinstance(item, InputError))
        async with session_factory() as session:
            stored = await articles.stored_hashes(session, content_hashes=[articles.content_hash(r.text) for r in raws])
        prepared: list[PreparedArticle] = []
        for raw in raws:
            if articles.content_hash(raw.text) in stored:
                report.stored += 1
                continue
            try:
                prepared.append(prepare(raw))
            except ArticleRefusedError as exc:
                report.failed.append(InputError(raw.source, str(exc)))
            except Exception as exc:  # one odd input must not stop the others: it is reported, as by a load
                report.failed.append(InputError(raw.source, f"could not be cleaned: {error_summary(exc)}"))
        for article in sorted(prepared, key=storing_order):
            enqueued = await enqueue_article(app, article.raw)
            if enqueued.added:
                report.queued += 1
            else:
                report.waiting += 1
    return report
