"""The loading pipeline: inputs in, stored articles and events out, one transaction per article.

    read → clean → metadata → reference date → annotate (spaCy, batched) → resolve → extract → store

An article already stored (same content hash) is skipped. A failure in any stage of one article is
reported with the article's source, nothing of that article is written, and the rest go on.

    >>> report = await load_inputs(session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
    >>> report.loaded, report.skipped, report.failed
    (5, 0, [])
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles, topics
from loaders.analysis import PreparedArticle, analyse, prepare
from loaders.annotate import annotate
from loaders.read import InputError, RawArticle, read_inputs
from loaders.store import store_extraction
from loaders.topics import TopicMatcher

__all__ = ["LoadReport", "load_inputs"]

BATCH_SIZE = 32


@dataclass
class LoadReport:
    """What a load did: article counts, events created and merged, one error per failed input."""

    loaded: int = 0
    skipped: int = 0
    failed: list[InputError] = field(default_factory=list)
    events_created: int = 0
    events_merged: int = 0

    @property
    def seen(self) -> int:
        return self.loaded + self.skipped + len(self.failed)


def _batches(items: Iterator[RawArticle | InputError], size: int) -> Iterator[list[RawArticle | InputError]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


async def load_inputs(
    session_factory: async_sessionmaker[AsyncSession],
    paths: Iterable[Path],
    *,
    max_bytes: int,
    on_item: Callable[[RawArticle | InputError], None] | None = None,
) -> LoadReport:
    """Read every input under ``paths``, extract what each article reports and store it."""
    report = LoadReport()
    matcher = TopicMatcher.load()
    async with session_factory() as session, session.begin():
        definitions = [(d.slug, d.label, d.description) for d in matcher.definitions]
        await topics.ensure_taxonomy(session, definitions=definitions)
    for batch in _batches(read_inputs(paths, max_bytes=max_bytes), BATCH_SIZE):
        await _load_batch(session_factory, batch, report)
        if on_item is not None:
            for item in batch:
                on_item(item)
    return report


async def _load_batch(
    session_factory: async_sessionmaker[AsyncSession], batch: list[RawArticle | InputError], report: LoadReport
) -> None:
    prepared: list[PreparedArticle] = []
    async with session_factory() as session:
        for item in batch:
            if isinstance(item, InputError):
                report.failed.append(item)
                continue
            if await articles.get_by_hash(session, content_hash=articles.content_hash(item.text)) is not None:
                report.skipped += 1
                continue
            try:
                prepared.append(prepare(item))
            except ValueError as exc:
                report.failed.append(InputError(item.source, f"could not be cleaned: {exc}"))
    docs = annotate([p.text for p in prepared], batch_size=BATCH_SIZE)
    for article, doc in zip(prepared, docs, strict=True):
        try:
            extraction = analyse(article, doc)
            async with session_factory() as session, session.begin():
                if await articles.get_by_hash(session, content_hash=article.content_hash) is not None:
                    report.skipped += 1  # the same text appeared twice in this batch
                    continue
                stored = await articles.create(session, **article.article_fields())
                taxonomy = await topics.ensure_taxonomy(session, definitions=())
                result = await store_extraction(session, article=stored, extraction=extraction, taxonomy=taxonomy)
        except (SQLAlchemyError, ValueError) as exc:
            report.failed.append(InputError(article.raw.source, f"could not be stored: {type(exc).__name__}: {exc}"))
            continue
        report.loaded += 1
        report.events_created += result.events_created
        report.events_merged += result.events_merged
