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

from spacy.tokens import Doc
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles, topics
from loaders.analysis import PreparedArticle, analyse, prepare
from loaders.annotate import annotate
from loaders.read import InputError, RawArticle, read_inputs
from loaders.store import ArticleExtraction, StoreCache, StoreReport, store_extraction
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
    cache = StoreCache()
    for batch in _batches(read_inputs(paths, max_bytes=max_bytes), BATCH_SIZE):
        await _load_batch(session_factory, batch, report, cache)
        if on_item is not None:
            for item in batch:
                on_item(item)
    return report


async def _load_batch(
    session_factory: async_sessionmaker[AsyncSession],
    batch: list[RawArticle | InputError],
    report: LoadReport,
    cache: StoreCache,
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
            except Exception as exc:  # one odd input must not stop the load: it is reported, the rest go on
                report.failed.append(InputError(item.source, f"could not be cleaned: {_one_line(exc)}"))
    # Articles that carry their own date go first, so an undated one can be dated by the events it
    # shares with them (see ``_date_by_shared_events``).
    prepared.sort(key=lambda p: p.reference.value is None)
    docs = annotate([p.text for p in prepared], batch_size=BATCH_SIZE)
    for first_take, doc in zip(prepared, docs, strict=True):
        article = first_take
        try:
            extraction = analyse(article, doc)
            if article.reference.value is None and _names_days_by_weekday(extraction):
                article, extraction = await _date_by_shared_events(session_factory, article, extraction, doc, cache)
            async with session_factory() as session, session.begin():
                result = await _store(session, article, extraction, cache)
        except (SQLAlchemyError, ValueError, UnicodeError, LookupError, TypeError) as exc:
            cache.discard()
            report.failed.append(InputError(first_take.raw.source, f"could not be stored: {_one_line(exc)}"))
            continue
        cache.commit()
        if result is None:
            report.skipped += 1  # the same text appeared twice in this batch
            continue
        report.loaded += 1
        report.events_created += result.events_created
        report.events_merged += result.events_merged


def _one_line(exc: Exception) -> str:
    """The reason, without the SQL statement and parameters a database error carries."""
    origin = getattr(exc, "orig", None) or exc
    first = str(origin).strip().splitlines()[0] if str(origin).strip() else ""
    return f"{type(origin).__name__}: {first[:200]}"


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _names_days_by_weekday(extraction: ArticleExtraction) -> bool:
    return any(
        event.dates is None and event.date_phrase and any(day in event.date_phrase.lower() for day in _WEEKDAYS)
        for event in extraction.events
    )


async def _store(
    session: AsyncSession, article: PreparedArticle, extraction: ArticleExtraction, cache: StoreCache
) -> StoreReport | None:
    """Store one article and what it reports; None when an article with its content is there."""
    if await articles.get_by_hash(session, content_hash=article.content_hash) is not None:
        return None
    stored = await articles.create(session, **article.article_fields())
    taxonomy = await topics.ensure_taxonomy(session, definitions=())
    return await store_extraction(session, article=stored, extraction=extraction, taxonomy=taxonomy, cache=cache)


async def _date_by_shared_events(
    session_factory: async_sessionmaker[AsyncSession],
    article: PreparedArticle,
    extraction: ArticleExtraction,
    doc: Doc,
    cache: StoreCache,
) -> tuple[PreparedArticle, ArticleExtraction]:
    """An article with no date of its own, that says "on Sunday" of an event other articles date to a
    Sunday, was written in the week after that day. A trial store, rolled back, finds such events;
    the article is then dated by them (the reason goes into its reference date's audit trail)."""
    async with session_factory() as session, session.begin():
        trial = await _store(session, article, extraction, cache)
        await session.rollback()
    cache.discard()
    if trial is None or not trial.shared_event_days:
        return article, extraction
    redated = prepare(article.raw, shared_events=trial.shared_event_days)
    if redated.reference.value is None:
        return article, extraction
    return redated, analyse(redated, doc)
