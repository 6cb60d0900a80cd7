"""Ingesting one article while serving requests: the loaders' stages, with spaCy's CPU-bound work in a
worker thread so the event loop keeps answering, and the article stored in one transaction.

The steps are those of ``loaders.pipeline`` for one article: skip it when its text is stored already;
prepare and annotate it; analyse it and, when it carries no date of its own that holds, date it by the
events other articles date (``date_by_shared_events``); then store it.

    >>> result = await ingest_article(session_factory, RawArticle(source="POST /api/v1/articles", text=text))
    ... # doctest: +SKIP
    >>> result.created, result.events_created, result.events_merged
    (True, 2, 1)
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from spacy.tokens import Doc
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles
from loaders.dating import PreparedArticle
from loaders.nlp import annotate, blank_repeats
from loaders.pipeline import (
    WARM_UP,
    AnalysisOverBudgetError,
    TimeBudget,
    date_by_shared_events,
    prepare,
    reanalysis,
    warm_up,
)
from loaders.read import RawArticle
from loaders.store import STORE_ERRORS, StoreCache, error_summary, store_article

__all__ = ["IngestionError", "IngestionResult", "in_analysis_thread", "ingest_article", "warmed_up"]

P = ParamSpec("P")
T = TypeVar("T")
# What an odd article may raise in cleaning, analysis or storage (the pipeline's list): refused with
# the reason rather than answered as a fault of ours.
_REFUSALS: tuple[type[Exception], ...] = (DataError, *STORE_ERRORS)


class IngestionError(ValueError):
    """The article could not be analysed or stored; the message says why, for the client."""


@dataclass(frozen=True)
class IngestionResult:
    """The stored article, whether this call stored it (False: it was there already), and the events
    it created and merged."""

    article_id: int
    created: bool
    events_created: int = 0
    events_merged: int = 0


@functools.cache
def _analysis_thread() -> ThreadPoolExecutor:
    """One worker: spaCy's pipeline is shared by the process and not documented as thread-safe, so
    articles are analysed one at a time, off the event loop."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="readout-analysis")


async def in_analysis_thread(function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    """``function(*args, **kwargs)`` in the one analysis thread of this process (``_analysis_thread``)."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_analysis_thread(), functools.partial(function, *args, **kwargs))


def _prepare_and_parse(raw: RawArticle) -> tuple[PreparedArticle, Doc]:
    """Clean, date and annotate one article (CPU-bound)."""
    article = prepare(raw)
    (doc,) = annotate([blank_repeats(article.text)])
    return article, doc


@functools.cache
def warmed_up() -> None:
    """Parse and analyse ``WARM_UP`` once in this process (in the analysis thread), so what is read on
    first use counts against no article's budget."""
    article, doc = _prepare_and_parse(WARM_UP)
    warm_up(article, doc)


async def _stored_already(session_factory: async_sessionmaker[AsyncSession], text: str) -> IngestionResult | None:
    async with session_factory() as session:
        existing = await articles.get_by_hash(session, content_hash=articles.content_hash(text))
    return IngestionResult(existing.id, created=False) if existing is not None else None


async def ingest_article(
    session_factory: async_sessionmaker[AsyncSession],
    raw: RawArticle,
    *,
    wait_turn: Callable[[], Awaitable[None]] | None = None,
    budget_seconds: float | None = None,
    cache: StoreCache | None = None,
    defer_rebuild: bool = False,
) -> IngestionResult:
    """Store ``raw`` and what it reports, or say it is stored already; raises ``IngestionError`` for
    an article that cannot be analysed or stored (nothing of it is written). ``wait_turn`` is awaited
    once the article is analysed, before what is stored is read (``date_by_shared_events``). Parsing and
    analysis may take ``budget_seconds`` in all (None: no budget); an article over it is refused.

    ``cache``: what the caller knows to be stored, kept across its articles, as a load keeps it; only
    for a caller that ingests one article at a time (a queue's worker process). None: a fresh cache,
    what concurrent requests need (each reads from the database what the others stored).

    ``defer_rebuild``: an article that comes before stored ones in the canonical order leaves its events
    to a later ``loaders.store.rebuild_pending`` (the queue's last job of a burst runs it) instead of
    storing again, in its own transaction, the events of every article linked to it."""
    if (existing := await _stored_already(session_factory, raw.text)) is not None:
        return existing
    if cache is None:
        cache = StoreCache()
    await in_analysis_thread(warmed_up)
    budget = TimeBudget(budget_seconds)
    try:
        article, doc = await in_analysis_thread(budget.run, _prepare_and_parse, raw)
        article, reports = await date_by_shared_events(
            session_factory,
            article,
            doc,
            cache,
            offload=in_analysis_thread,
            budget=budget,
            before_reading_stored=wait_turn,
        )
        stored = await store_article(
            session_factory, article, reports, cache, reanalysis(in_analysis_thread), defer_rebuild=defer_rebuild
        )
    except IntegrityError:
        # Another request stored the same text between the check above and this insert.
        if (existing := await _stored_already(session_factory, raw.text)) is not None:
            return existing
        raise
    except AnalysisOverBudgetError as exc:
        raise IngestionError(f"could not be ingested: {exc}") from exc
    except _REFUSALS as exc:
        raise IngestionError(f"could not be ingested: {error_summary(exc)}") from exc
    if stored is None:
        # Stored by another request while this one was analysing it.
        if (existing := await _stored_already(session_factory, raw.text)) is not None:
            return existing
        raise IngestionError("could not be ingested: stored by another request, then removed")
    report = stored.report
    return IngestionResult(
        stored.article_id, created=True, events_created=report.events_created, events_merged=report.events_merged
    )
