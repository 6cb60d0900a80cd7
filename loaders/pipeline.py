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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from spacy.tokens import Doc
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles, topics
from loaders.analysis import PreparedArticle, analyse, prepare
from loaders.annotate import InlineParser
from loaders.parser_process import ParserProcess
from loaders.read import InputError, RawArticle, read_inputs
from loaders.store import ArticleExtraction, StoreReport, may_share_a_day, store_extraction
from loaders.store_cache import StoreCache
from loaders.topics import TopicMatcher

__all__ = ["LoadReport", "load_inputs"]

BATCH_SIZE = 32


class Parser(Protocol):
    """Parses batches of texts: ``submit`` a batch now, ``collect`` its documents later, in order."""

    def submit(self, texts: Sequence[str]) -> int: ...

    def collect(self, ticket: int) -> list[Doc]: ...


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
    parse_in_subprocess: bool = False,
) -> LoadReport:
    """Read every input under ``paths``, extract what each article reports and store it.

    With ``parse_in_subprocess``, spaCy parses the next batch in a second process while this one
    analyses and stores the last: faster on two or more cores, and the same results."""
    report = LoadReport()
    matcher = TopicMatcher.load()
    async with session_factory() as session, session.begin():
        definitions = [(d.slug, d.label, d.description) for d in matcher.definitions]
        await topics.ensure_taxonomy(session, definitions=definitions)
    cache = StoreCache()
    with ParserProcess() if parse_in_subprocess else nullcontext(InlineParser()) as parser:
        waiting: tuple[list[RawArticle | InputError], list[PreparedArticle], int] | None = None
        for batch in _batches(read_inputs(paths, max_bytes=max_bytes), BATCH_SIZE):
            prepared = await _prepare_batch(session_factory, batch, report)
            ticket = parser.submit([p.text for p in prepared])
            if waiting is not None:
                await _store_batch(session_factory, waiting, parser, report=report, cache=cache, on_item=on_item)
            waiting = (batch, prepared, ticket)
        if waiting is not None:
            await _store_batch(session_factory, waiting, parser, report=report, cache=cache, on_item=on_item)
    return report


async def _prepare_batch(
    session_factory: async_sessionmaker[AsyncSession], batch: list[RawArticle | InputError], report: LoadReport
) -> list[PreparedArticle]:
    """The batch's new articles, cleaned and dated; inputs that failed or are stored are counted."""
    prepared: list[PreparedArticle] = []
    hashes = {id(item): articles.content_hash(item.text) for item in batch if isinstance(item, RawArticle)}
    async with session_factory() as session:
        stored = await articles.stored_hashes(session, content_hashes=hashes.values())
    for item in batch:
        if isinstance(item, InputError):
            report.failed.append(item)
            continue
        if hashes[id(item)] in stored:
            report.skipped += 1
            continue
        try:
            prepared.append(prepare(item))
        except Exception as exc:  # one odd input must not stop the load: it is reported, the rest go on
            report.failed.append(InputError(item.source, f"could not be cleaned: {_one_line(exc)}"))
    # Articles that carry their own date go first, so an undated one can be dated by the events it
    # shares with them (see ``_date_by_shared_events``).
    prepared.sort(key=lambda p: p.reference.value is None)
    return prepared


async def _store_batch(
    session_factory: async_sessionmaker[AsyncSession],
    waiting: tuple[list[RawArticle | InputError], list[PreparedArticle], int],
    parser: Parser,
    *,
    report: LoadReport,
    cache: StoreCache,
    on_item: Callable[[RawArticle | InputError], None] | None,
) -> None:
    batch, prepared, ticket = waiting
    docs = parser.collect(ticket)
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
            report.skipped += 1  # the same text appeared twice in this load
            continue
        report.loaded += 1
        report.events_created += result.events_created
        report.events_merged += result.events_merged
    if on_item is not None:
        for item in batch:
            on_item(item)


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
    async with session_factory() as session:
        if not await may_share_a_day(session, extraction=extraction, cache=cache):
            return article, extraction
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
