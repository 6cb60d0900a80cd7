"""Loading files and folders: inputs in, stored articles and events out, one transaction per article.

    read → clean → dating → nlp (spaCy, batched) → resolve → extract → merge → store

``load_inputs`` reads the inputs in batches, prepares each batch (``loaders.pipeline.prepare``), has
spaCy parse it, then analyses (``loaders.pipeline.analyse``) and stores its articles one by one.

An article already stored (same content hash) is skipped, whichever writer stored it. A failure in
any stage of one article is reported with the article's source, nothing of that article is written,
and the rest go on; so is an article whose parsing or analysis takes longer than its time budget
(``TimeBudget``; a batch parsed too slowly is parsed again article by article, ``_Load.collect``).
A database out of reach is waited for a bounded time, article by article
(``loaders.store.with_retries``); then the load stops and says so in ``LoadReport.stopped``.

    >>> report = await load_inputs(session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
    >>> report.loaded, report.skipped, report.failed
    (5, 0, [])
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loaders.dating import PreparedArticle
from loaders.nlp import (
    InlineParser,
    LazyParser,
    ParserProcess,
    ParserProcessError,
    ParserTimeoutError,
    blank_repeats,
)
from loaders.pipeline.analyse import WARM_UP, date_by_shared_events, reanalysis, warm_up
from loaders.pipeline.budget import AnalysisOverBudgetError, TimeBudget, over_budget
from loaders.pipeline.prepare import prepare, prepare_batch
from loaders.read import InputError, RawArticle, read_inputs
from loaders.stages import stage
from loaders.store import (
    RETRY_DELAYS,
    STORE_ERRORS,
    DatabaseUnavailableError,
    StoreCache,
    StoredArticle,
    StoreReport,
    error_summary,
    rebuild_pending,
    store_article,
    with_retries,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["BATCH_SIZE", "REBUILD_SOURCE", "LoadReport", "load_inputs"]

BATCH_SIZE = 32
REBUILD_SOURCE = "(the events of the load's early articles, stored again)"
"""What a failure of ``rebuild_pending`` at the end of a load is reported against."""
# A database error while storing one article fails that article; the load goes on.
_ARTICLE_ERRORS: tuple[type[Exception], ...] = (SQLAlchemyError, *STORE_ERRORS)


class Parser(Protocol):
    """Parses batches of texts: ``submit`` a batch now, ``collect`` its documents later, in order."""

    def submit(self, texts: Sequence[str]) -> int: ...

    def collect(self, ticket: int, *, timeout: float | None = None) -> list[Doc]: ...


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


def _batches(items: Iterator[RawArticle | InputError], size: int) -> Iterator[list[RawArticle | InputError]]:
    while True:
        with stage("read"):
            batch = list(itertools.islice(items, size))
        if not batch:
            return
        yield batch


async def load_inputs(
    session_factory: async_sessionmaker[AsyncSession],
    paths: Iterable[Path],
    *,
    max_bytes: int,
    on_item: Callable[[RawArticle | InputError], None] | None = None,
    parse_in_subprocess: bool = False,
    retry_delays: Sequence[float] = RETRY_DELAYS,
    budget_seconds: float | None = None,
) -> LoadReport:
    """Read every input under ``paths``, extract what each article reports and store it.

    spaCy starts at the first batch holding an article to parse: a load of stored files never starts it.
    With ``parse_in_subprocess``, it parses the next batch in a second process while this one
    analyses and stores the last: faster on two or more cores, and the same results.

    An article whose transaction loses the database is tried again after each of ``retry_delays``;
    when the database stays away, or the parsing process dies, the load stops there and says why in
    ``LoadReport.stopped`` (what it stored is kept: the next run goes on from there). An article whose
    analysis takes longer than ``budget_seconds`` fails with one line; None sets no budget."""
    report = LoadReport()
    cache = StoreCache()
    load = _Load(session_factory, report, cache, on_item, retry_delays, budget_seconds)
    try:
        with LazyParser(ParserProcess if parse_in_subprocess else InlineParser, on_start=load.start_warming) as parser:
            waiting: _Waiting | None = None
            for batch in _batches(read_inputs(paths, max_bytes=max_bytes), BATCH_SIZE):
                prepared = await load.prepare_batch(batch)
                ticket = parser.submit([blank_repeats(p.text) for p in prepared])
                if waiting is not None:
                    await load.store_batch(waiting, parser)
                waiting = (batch, prepared, ticket)
            if waiting is not None:
                await load.store_batch(waiting, parser)
            await load.rebuild_pending()
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
    budget_seconds: float | None
    warming: tuple[PreparedArticle, int] | None = None
    """The warm-up article and its parsing ticket, until it is analysed (``warm_up``)."""

    def start_warming(self, parser: Parser) -> None:
        """Send ``WARM_UP`` to the parser just started, ahead of the first batch."""
        with stage("warm-up"):
            warming = prepare(WARM_UP)
        self.warming = (warming, parser.submit([warming.text]))

    async def prepare_batch(self, batch: list[RawArticle | InputError]) -> list[PreparedArticle]:
        """The batch's new articles, cleaned and dated; inputs that failed or are stored are counted."""
        prepared = await prepare_batch(
            self.session_factory, batch, retry_delays=self.retry_delays, budget_seconds=self.budget_seconds
        )
        self.report.skipped += prepared.stored
        self.report.failed += prepared.failed
        return prepared.articles

    async def store_batch(self, waiting: _Waiting, parser: Parser) -> None:
        batch, prepared, ticket = waiting
        if self.warming is not None:
            article, warming_ticket = self.warming
            with stage("warm-up"):
                warm_up(article, *parser.collect(warming_ticket))
            self.warming = None
        for first_take, doc in zip(prepared, self.collect(parser, ticket, prepared), strict=True):
            if doc is None:
                assert self.budget_seconds is not None  # only a budget gives up on parsing
                self.report.failed.append(
                    InputError(first_take.raw.source, over_budget("parsing", self.budget_seconds))
                )
                continue
            await self.store_one(first_take, doc)
        if self.on_item is not None:
            for item in batch:
                self.on_item(item)

    def collect(self, parser: Parser, ticket: int, prepared: list[PreparedArticle]) -> list[Doc | None]:
        """The batch's documents. With a budget, a batch that takes longer to parse than its articles'
        budgets together is parsed again one article at a time, in a process of its own, each within
        its budget: None for an article that is not."""
        with stage("nlp"):
            if self.budget_seconds is None:
                return list(parser.collect(ticket))
            try:
                return list(parser.collect(ticket, timeout=self.budget_seconds * max(1, len(prepared))))
            except ParserTimeoutError:
                pass
        docs: list[Doc | None] = []
        with stage("nlp"), ParserProcess() as alone:
            alone.wait_ready()
            tickets = [alone.submit([blank_repeats(article.text)]) for article in prepared]
            for one in tickets:
                try:
                    docs += alone.collect(one, timeout=self.budget_seconds)
                except ParserTimeoutError:
                    docs.append(None)
        return docs

    async def store_one(self, first_take: PreparedArticle, doc: Doc) -> None:
        """Analyse and store one article, again while the database is out of reach; an article that
        fails for any other reason is reported and the load goes on."""
        report, source = self.report, first_take.raw.source

        async def attempt() -> StoredArticle | None:
            budget = TimeBudget(self.budget_seconds)
            article, reports = await date_by_shared_events(
                self.session_factory, first_take, doc, self.cache, budget=budget
            )
            with stage("store"):
                return await store_article(
                    self.session_factory, article, reports, self.cache, reanalysis(), defer_rebuild=True
                )

        try:
            stored = await with_retries(attempt, delays=self.retry_delays)
        except DatabaseUnavailableError:
            raise
        except AnalysisOverBudgetError as exc:
            report.failed.append(InputError(source, str(exc)))
            return
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

    async def rebuild_pending(self) -> None:
        """Store again the events of the articles that came before stored ones (this load's, or another's
        whose rebuild failed), and of those linked to them: one rebuild for the load at most, at its
        end (``loaders.store.rebuild_pending``). Whether any wait is one indexed query."""

        async def attempt() -> StoreReport:
            return await rebuild_pending(self.session_factory, reanalysis(), self.cache)

        try:
            rebuilt = await with_retries(attempt, delays=self.retry_delays)
        except DatabaseUnavailableError:
            raise
        except Exception as exc:  # the articles are stored; their events wait for the next writer's rebuild
            self.report.failed.append(InputError(REBUILD_SOURCE, f"could not be rebuilt: {error_summary(exc)}"))
            return
        self.report.events_created += rebuilt.events_created
