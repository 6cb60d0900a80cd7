"""The loading pipeline: inputs in, stored articles and events out, one transaction per article.

    read → clean → dating → nlp (spaCy, batched) → resolve → extract → merge → store

``prepare`` runs the stages before spaCy on one article, ``analyse`` those after it, and
``load_inputs`` all of them over files and folders, with one transaction per article.

An article already stored (same content hash) is skipped, whichever writer stored it. A failure in
any stage of one article is reported with the article's source, nothing of that article is written,
and the rest go on; an input with no story, or a story too long for spaCy, is refused with one line
(``ArticleRefusedError``). A database out of reach is waited for a bounded time, article by article
(``loaders.store.with_retries``); then the load stops and says so in ``LoadReport.stopped``.

    >>> report = await load_inputs(session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
    >>> report.loaded, report.skipped, report.failed
    (5, 0, [])
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, ParamSpec, Protocol, TypeVar

from spacy.tokens import Doc
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles
from loaders.clean import clean_text, extract_metadata
from loaders.dating import DateRange, PreparedArticle, resolve_date_phrase, resolve_reference_date
from loaders.extract import ArticleExtraction, extract_article
from loaders.kb import KnowledgeBase
from loaders.nlp import InlineParser, LazyParser, ParserProcess, ParserProcessError, blank_repeats
from loaders.read import InputError, RawArticle, read_inputs
from loaders.resolve import resolve_actors
from loaders.store import (
    RETRY_DELAYS,
    STORE_ERRORS,
    DatabaseUnavailableError,
    StoreCache,
    StoredArticle,
    error_summary,
    names_days_by_weekday,
    shared_event_days,
    store_article,
    with_retries,
)

__all__ = [
    "BATCH_SIZE",
    "MAX_PARSED_CHARS",
    "ArticleRefusedError",
    "LoadReport",
    "Offload",
    "analyse",
    "date_by_shared_events",
    "load_inputs",
    "prepare",
    "redate",
    "storing_order",
]

P = ParamSpec("P")
T = TypeVar("T")

BATCH_SIZE = 32
# spaCy's own limit on one text (``Language.max_length``, error E088); its parser and entity
# recogniser need memory in proportion. No news story comes near it: a longer text is refused.
MAX_PARSED_CHARS = 1_000_000
# A database error while storing one article fails that article; the load goes on.
_ARTICLE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError, *STORE_ERRORS)


class ArticleRefusedError(ValueError):
    """An input that reads as text but holds no article that can be analysed; the message says why."""


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
    stopped: str | None = None
    """Why the load stopped before the end (the database out of reach, the parser gone), if it did."""

    @property
    def seen(self) -> int:
        return self.loaded + self.skipped + len(self.failed)


def prepare(raw: RawArticle, *, shared_events: Sequence[tuple[date, str]] = ()) -> PreparedArticle:
    """Clean ``raw``, read its metadata and choose the date its relative expressions refer to
    (``shared_events``: see ``resolve_reference_date``)."""
    cleaned = clean_text(raw.text)
    if not cleaned.text.strip():
        raise ArticleRefusedError("no story found: the text is all headline, bylines and other page furniture")
    if len(cleaned.text) > MAX_PARSED_CHARS:
        raise ArticleRefusedError(
            f"the story is {len(cleaned.text):,} characters, over the {MAX_PARSED_CHARS:,} analysed at once"
        )
    metadata = extract_metadata(
        raw.text,
        cleaned,
        declared_title=raw.title,
        declared_outlet=raw.outlet,
        declared_authors=raw.authors,
    )
    reference = resolve_reference_date(raw, cleaned.text, metadata, shared_events=shared_events)
    return PreparedArticle(raw, cleaned, metadata, reference)


def storing_order(article: PreparedArticle) -> tuple[bool, bool]:
    """The key a batch of prepared articles is stored in the order of: articles that carry their own
    date first, so an undated one can be dated by the events it shares with them (see
    ``date_by_shared_events``); those dated only tentatively last but one. ``sorted`` keeps the read
    order among equals. The job queue queues a batch in this order too, so its workers store what a
    load stores in the order it stores it."""
    return article.reference.value is None, article.reference.tentative


def analyse(article: PreparedArticle, doc: Doc) -> ArticleExtraction:
    """Actors, events and topics of one annotated article."""
    mentions = resolve_actors(
        doc,
        KnowledgeBase.load(),
        reference=article.reference.value,
        excluded_names=(*article.metadata.authors, *article.metadata.credited_names),
    )

    # One article asks about the same phrases again (an event's date, its lead's, its story's day).
    @functools.cache
    def resolve_date(expression: str, tense: Literal["past", "future"]) -> DateRange | None:
        return resolve_date_phrase(expression, article.reference, tense=tense)

    return extract_article(
        doc,
        mentions,
        dateline=article.metadata.dateline,
        resolve_date=resolve_date,
        written_on=article.reference.value if article.reference.precision == "day" else None,
    )


def redate(
    article: PreparedArticle, doc: Doc, shared_events: Sequence[tuple[date, str]]
) -> tuple[PreparedArticle, ArticleExtraction] | None:
    """An undated article dated by ``shared_events`` (days of events it names by weekday that other
    articles date: ``loaders.store.shared_event_days``) and analysed again; None when they do not date it."""
    redated = prepare(article.raw, shared_events=shared_events)
    if redated.reference.value is None:
        return None
    return redated, analyse(redated, doc)


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
    retry_delays: Sequence[float] = RETRY_DELAYS,
) -> LoadReport:
    """Read every input under ``paths``, extract what each article reports and store it.

    With ``parse_in_subprocess``, spaCy parses the next batch in a second process while this one
    analyses and stores the last: faster on two or more cores, and the same results.

    An article whose transaction loses the database is tried again after each of ``retry_delays``;
    when the database stays away, or the parsing process dies, the load stops there and says why in
    ``LoadReport.stopped`` (what it stored is kept: the next run goes on from there)."""
    report = LoadReport()
    cache = StoreCache()
    load = _Load(session_factory, report, cache, on_item, retry_delays)
    try:
        with LazyParser(ParserProcess if parse_in_subprocess else InlineParser) as parser:
            waiting: _Waiting | None = None
            for batch in _batches(read_inputs(paths, max_bytes=max_bytes), BATCH_SIZE):
                prepared = await load.prepare_batch(batch)
                ticket = parser.submit([blank_repeats(p.text) for p in prepared])
                if waiting is not None:
                    await load.store_batch(waiting, parser)
                waiting = (batch, prepared, ticket)
            if waiting is not None:
                await load.store_batch(waiting, parser)
    except DatabaseUnavailableError as exc:
        report.stopped = f"the database is unavailable ({exc}); run the load again to go on"
    except ParserProcessError as exc:
        report.stopped = f"{exc}; run the load again to go on"
    return report


_Waiting = tuple[list[RawArticle | InputError], list[PreparedArticle], int]


@dataclass
class _Load:
    """One load's state and its steps for a batch: prepare it, then analyse and store its articles."""

    session_factory: async_sessionmaker[AsyncSession]
    report: LoadReport
    cache: StoreCache
    on_item: Callable[[RawArticle | InputError], None] | None
    retry_delays: Sequence[float]

    async def prepare_batch(self, batch: list[RawArticle | InputError]) -> list[PreparedArticle]:
        """The batch's new articles, cleaned and dated; inputs that failed or are stored are counted."""
        report = self.report
        prepared: list[PreparedArticle] = []
        hashes = [articles.content_hash(item.text) if isinstance(item, RawArticle) else None for item in batch]

        async def read_stored() -> set[str]:
            async with self.session_factory() as session:
                return await articles.stored_hashes(session, content_hashes=[h for h in hashes if h is not None])

        stored = await with_retries(read_stored, delays=self.retry_delays)
        for item, content_hash in zip(batch, hashes, strict=True):
            if isinstance(item, InputError):
                report.failed.append(item)
                continue
            if content_hash in stored:
                report.skipped += 1
                continue
            try:
                prepared.append(prepare(item))
            except ArticleRefusedError as exc:
                report.failed.append(InputError(item.source, str(exc)))
            except Exception as exc:  # one odd input must not stop the load: it is reported, the rest go on
                report.failed.append(InputError(item.source, f"could not be cleaned: {error_summary(exc)}"))
        prepared.sort(key=storing_order)
        return prepared

    async def store_batch(self, waiting: _Waiting, parser: Parser) -> None:
        batch, prepared, ticket = waiting
        docs = parser.collect(ticket)
        for first_take, doc in zip(prepared, docs, strict=True):
            await self.store_one(first_take, doc)
        if self.on_item is not None:
            for item in batch:
                self.on_item(item)

    async def store_one(self, first_take: PreparedArticle, doc: Doc) -> None:
        """Analyse and store one article, again while the database is out of reach; an article that
        fails for any other reason is reported and the load goes on."""
        report, source = self.report, first_take.raw.source

        async def attempt() -> StoredArticle | None:
            article, extraction = await date_by_shared_events(self.session_factory, first_take, doc, self.cache)
            return await store_article(self.session_factory, article, extraction, self.cache)

        try:
            stored = await with_retries(attempt, delays=self.retry_delays)
        except DatabaseUnavailableError:
            raise
        except _ARTICLE_ERRORS as exc:
            report.failed.append(InputError(source, f"could not be stored: {error_summary(exc)}"))
            return
        except Exception as exc:  # a fault of analysis on one odd article fails that article, not the load
            report.failed.append(InputError(source, f"could not be analysed: {error_summary(exc)}"))
            return
        if stored is None:
            report.skipped += 1  # the same text appeared twice in this load, or another writer stored it
            return
        report.loaded += 1
        report.events_created += stored.report.events_created
        report.events_merged += stored.report.events_merged


class Offload(Protocol):
    """Runs a CPU-bound step and gives its result: inline here, in a worker thread for the HTTP API."""

    def __call__(self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]: ...


async def _inline(function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    return function(*args, **kwargs)


async def date_by_shared_events(
    session_factory: async_sessionmaker[AsyncSession],
    article: PreparedArticle,
    doc: Doc,
    cache: StoreCache,
    *,
    offload: Offload = _inline,
    before_reading_stored: Callable[[], Awaitable[None]] | None = None,
) -> tuple[PreparedArticle, ArticleExtraction]:
    """The article analysed. One that is undated, or dated by an unlabelled page line alone (which may be
    the day the page was shown), and names by weekday an event that other articles date, is dated by
    that event first: the reason goes into its reference date's audit trail. ``offload`` runs the
    CPU-bound steps; ``before_reading_stored`` is awaited once they are done, before anything stored is
    read (a queue's worker waits there for the articles queued before this one to be stored)."""
    extraction = await offload(analyse, article, doc)
    probe, probed = article, extraction
    if article.reference.tentative and names_days_by_weekday(extraction, undated_only=False):
        probe = article.undated()
        probed = await offload(analyse, probe, doc)
    if before_reading_stored is not None:
        await before_reading_stored()
    days = await shared_event_days(session_factory, probe, probed, cache)
    redated = await offload(redate, article, doc, days) if days else None
    return redated or (article, extraction)
