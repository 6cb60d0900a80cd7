"""The loading pipeline: inputs in, stored articles and events out, one transaction per article.

    read → clean → dating → nlp (spaCy, batched) → resolve → extract → merge → store

``prepare`` runs the stages before spaCy on one article, ``analyse`` those after it, and
``load_inputs`` all of them over files and folders, with one transaction per article.

An article already stored (same content hash) is skipped. A failure in any stage of one article is
reported with the article's source, nothing of that article is written, and the rest go on.

    >>> report = await load_inputs(session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
    >>> report.loaded, report.skipped, report.failed
    (5, 0, [])
"""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
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
from loaders.nlp import InlineParser, ParserProcess
from loaders.read import InputError, RawArticle, read_inputs
from loaders.resolve import resolve_actors
from loaders.store import (
    STORE_ERRORS,
    StoreCache,
    error_summary,
    names_days_by_weekday,
    shared_event_days,
    store_article,
)

__all__ = [
    "BATCH_SIZE",
    "LoadReport",
    "Offload",
    "analyse",
    "date_by_shared_events",
    "load_inputs",
    "prepare",
    "redate",
]

P = ParamSpec("P")
T = TypeVar("T")

BATCH_SIZE = 32
# A database error while storing one article fails that article; the load goes on.
_ARTICLE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError, *STORE_ERRORS)


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


def prepare(raw: RawArticle, *, shared_events: Sequence[tuple[date, str]] = ()) -> PreparedArticle:
    """Clean ``raw``, read its metadata and choose the date its relative expressions refer to
    (``shared_events``: see ``resolve_reference_date``)."""
    cleaned = clean_text(raw.text)
    metadata = extract_metadata(
        raw.text,
        cleaned,
        declared_title=raw.title,
        declared_outlet=raw.outlet,
        declared_authors=raw.authors,
    )
    reference = resolve_reference_date(raw, cleaned.text, metadata, shared_events=shared_events)
    return PreparedArticle(raw, cleaned, metadata, reference)


def analyse(article: PreparedArticle, doc: Doc) -> ArticleExtraction:
    """Actors, events and topics of one annotated article."""
    mentions = resolve_actors(
        doc,
        KnowledgeBase.load(),
        reference=article.reference.value,
        excluded_names=(*article.metadata.authors, *article.metadata.credited_names),
    )

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
) -> LoadReport:
    """Read every input under ``paths``, extract what each article reports and store it.

    With ``parse_in_subprocess``, spaCy parses the next batch in a second process while this one
    analyses and stores the last: faster on two or more cores, and the same results."""
    report = LoadReport()
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
    hashes = [articles.content_hash(item.text) if isinstance(item, RawArticle) else None for item in batch]
    async with session_factory() as session:
        stored = await articles.stored_hashes(session, content_hashes=[h for h in hashes if h is not None])
    for item, content_hash in zip(batch, hashes, strict=True):
        if isinstance(item, InputError):
            report.failed.append(item)
            continue
        if content_hash in stored:
            report.skipped += 1
            continue
        try:
            prepared.append(prepare(item))
        except Exception as exc:  # one odd input must not stop the load: it is reported, the rest go on
            report.failed.append(InputError(item.source, f"could not be cleaned: {error_summary(exc)}"))
    # Articles that carry their own date go first, so an undated one can be dated by the events it
    # shares with them (see ``date_by_shared_events``); those dated only tentatively go last but one.
    prepared.sort(key=lambda p: (p.reference.value is None, p.reference.tentative))
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
        try:
            article, extraction = await date_by_shared_events(session_factory, first_take, doc, cache)
            stored = await store_article(session_factory, article, extraction, cache)
        except _ARTICLE_ERRORS as exc:
            reason = f"could not be stored: {error_summary(exc)}"
            report.failed.append(InputError(first_take.raw.source, reason))
            continue
        if stored is None:
            report.skipped += 1  # the same text appeared twice in this load
            continue
        report.loaded += 1
        report.events_created += stored.report.events_created
        report.events_merged += stored.report.events_merged
    if on_item is not None:
        for item in batch:
            on_item(item)


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
) -> tuple[PreparedArticle, ArticleExtraction]:
    """The article analysed. One that is undated, or dated by an unlabelled page line alone (which may be
    the day the page was shown), and names by weekday an event that other articles date, is dated by
    that event first: the reason goes into its reference date's audit trail. ``offload`` runs the
    CPU-bound steps."""
    extraction = await offload(analyse, article, doc)
    probe, probed = article, extraction
    if article.reference.tentative and names_days_by_weekday(extraction, undated_only=False):
        probe = article.undated()
        probed = await offload(analyse, probe, doc)
    days = await shared_event_days(session_factory, probe, probed, cache)
    redated = await offload(redate, article, doc, days) if days else None
    return redated or (article, extraction)
