"""Ingesting one article while serving requests: the loaders' stages, with spaCy's CPU-bound work in a
worker thread so the event loop keeps answering, and the article stored in one transaction.

The steps are those of ``loaders.pipeline`` for one article: skip it when its text is stored already;
prepare, annotate and analyse it; when it carries no date of its own, store it on trial (rolled back)
to find events that other articles date, and date it by them; then store it for real.

    >>> result = await ingest_article(session_factory, RawArticle(source="POST /api/v1/articles", text=text))
    ... # doctest: +SKIP
    >>> result.created, result.events_created, result.events_merged
    (True, 2, 1)
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from typing import ParamSpec, TypeVar

from spacy.tokens import Doc
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles
from loaders.dating import PreparedArticle
from loaders.extract import ArticleExtraction
from loaders.nlp import annotate
from loaders.pipeline import analyse, prepare, redate
from loaders.read import RawArticle
from loaders.store import STORE_ERRORS, StoreCache, error_summary, shared_event_days, store_article

__all__ = ["IngestionError", "IngestionResult", "ingest_article"]

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


@dataclass(frozen=True)
class _Analysis:
    article: PreparedArticle
    doc: Doc
    extraction: ArticleExtraction


@functools.cache
def _analysis_thread() -> ThreadPoolExecutor:
    """One worker: spaCy's pipeline is shared by the process and not documented as thread-safe, so
    articles are analysed one at a time, off the event loop."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="readout-analysis")


async def _in_analysis_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_analysis_thread(), functools.partial(function, *args, **kwargs))


def _analyse(raw: RawArticle) -> _Analysis:
    """Clean, date, annotate and analyse one article (CPU-bound)."""
    article = prepare(raw)
    (doc,) = annotate([article.text])
    return _Analysis(article, doc, analyse(article, doc))


def _redate(analysis: _Analysis, shared_event_days: list[tuple[date, str]]) -> _Analysis:
    """The analysis again, with the article dated by the events it shares (if that dates it)."""
    redated = redate(analysis.article, analysis.doc, shared_event_days)
    if redated is None:
        return analysis
    article, extraction = redated
    return _Analysis(article, analysis.doc, extraction)


async def _stored_already(session_factory: async_sessionmaker[AsyncSession], text: str) -> IngestionResult | None:
    async with session_factory() as session:
        existing = await articles.get_by_hash(session, content_hash=articles.content_hash(text))
    return IngestionResult(existing.id, created=False) if existing is not None else None


async def ingest_article(session_factory: async_sessionmaker[AsyncSession], raw: RawArticle) -> IngestionResult:
    """Store ``raw`` and what it reports, or say it is stored already; raises ``IngestionError`` for
    an article that cannot be analysed or stored (nothing of it is written)."""
    if (existing := await _stored_already(session_factory, raw.text)) is not None:
        return existing
    # A fresh cache: what other requests stored since is read from the database.
    cache = StoreCache()
    try:
        analysis = await _in_analysis_thread(_analyse, raw)
        days = await shared_event_days(session_factory, analysis.article, analysis.extraction, cache)
        if days:
            analysis = await _in_analysis_thread(_redate, analysis, days)
        stored = await store_article(session_factory, analysis.article, analysis.extraction, cache)
    except IntegrityError:
        # Another request stored the same text between the check above and this insert.
        if (existing := await _stored_already(session_factory, raw.text)) is not None:
            return existing
        raise
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
