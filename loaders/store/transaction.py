"""Storing one analysed article: the transaction that writes it, and the trial that dates an undated
article by the events it shares with dated ones. Used by ``readout load`` and by the HTTP API's
ingestion alike.

The article's reports are kept beside it (``loaders.store.reports``). An article that comes after every
stored one in the canonical order (``ArticleReports.canonical_key``: news arrives roughly in date order)
has its reports stored as they are; one that comes before some has, in the same transaction, the events
of the articles linked to it stored again in that order (``loaders.store.replay``), so the events are
the same whatever order the articles came in.

    >>> days = await shared_event_days(session_factory, article, extraction, cache)  # doctest: +SKIP
    >>> stored = await store_article(session_factory, article, reports, cache, reanalysis)  # doctest: +SKIP
    >>> stored.article_id, stored.report.events_created  # doctest: +SKIP
    (6, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Article
from db.services import articles, reports, topics, writers
from db.services import events as event_service
from loaders.dating import PreparedArticle
from loaders.extract import ArticleExtraction, TopicMatcher
from loaders.store.cache import StoreCache
from loaders.store.extraction import store_extraction
from loaders.store.replay import Reanalysis, rebuild_all, rebuild_component, save_reports
from loaders.store.reports import ArticleReports
from loaders.store.weekdays import may_share_a_day, names_days_by_weekday
from loaders.store.writer import StoreReport

__all__ = [
    "STORE_ERRORS",
    "Rebuilt",
    "StoredArticle",
    "error_summary",
    "rebuild_events",
    "rebuild_pending",
    "shared_event_days",
    "store_article",
]

# What an odd article can raise while it is analysed or stored: reported for that article, not a
# fault that stops a load or answers 500.
STORE_ERRORS: tuple[type[Exception], ...] = (ValueError, UnicodeError, LookupError, TypeError)


@dataclass(frozen=True)
class Rebuilt:
    """What ``rebuild_events`` did: articles whose events were stored again, and events before and after."""

    articles: int
    events_before: int
    events_after: int


@dataclass(frozen=True)
class StoredArticle:
    article_id: int
    report: StoreReport


def error_summary(exc: BaseException) -> str:
    """The reason in one line, without the SQL statement and parameters a database error carries."""
    origin = getattr(exc, "orig", None) or exc
    first = next(iter(str(origin).strip().splitlines()), "")
    return f"{type(origin).__name__}: {first[:200]}"


async def _create(session: AsyncSession, article: PreparedArticle) -> Article | None:
    """The article's row, or None when its text is stored already."""
    if await articles.get_by_hash(session, content_hash=article.content_hash) is not None:
        return None
    return await articles.create(session, **article.article_fields(), encoding=article.raw.encoding)


async def _store(
    session: AsyncSession, stored: Article, extraction: ArticleExtraction, cache: StoreCache
) -> StoreReport:
    definitions = [(d.slug, d.label, d.description) for d in TopicMatcher.load().definitions]
    taxonomy = await topics.ensure_taxonomy(session, definitions=definitions)
    return await store_extraction(session, article=stored, extraction=extraction, taxonomy=taxonomy, cache=cache)


async def _write(
    session: AsyncSession,
    article: PreparedArticle,
    kept: ArticleReports,
    cache: StoreCache,
    reanalysis: Reanalysis,
    *,
    defer: bool,
) -> StoredArticle | None:
    stored = await _create(session, article)
    if stored is None:
        return None
    await save_reports(session, stored, kept)
    latest = await reports.latest_key(session, excluding=stored.id)
    in_order = latest is None or latest < kept.canonical_key(stored.content_hash)
    # A load that rebuilds at its end stores in order what comes in order; any other writer
    # first stores again what waits for a rebuild.
    if in_order and (defer or not await reports.pending_article_ids(session)):
        return StoredArticle(stored.id, await _store(session, stored, kept.extraction, cache))
    if defer:
        await reports.mark_pending(session, article_id=stored.id)
        return StoredArticle(stored.id, StoreReport(pending=True))
    # It comes before articles stored already: the events of those it is linked to are stored again.
    return StoredArticle(stored.id, await _rebuild(session, [stored.id], reanalysis))


async def _rebuild(session: AsyncSession, article_ids: list[int], reanalysis: Reanalysis) -> StoreReport:
    before = await event_service.count(session)
    rebuilt = await rebuild_component(session, article_ids, reanalysis)
    created = await event_service.count(session) - before
    return StoreReport(events_created=max(0, created), rebuilt=rebuilt)


async def store_article(
    session_factory: async_sessionmaker[AsyncSession],
    article: PreparedArticle,
    kept: ArticleReports,
    cache: StoreCache,
    reanalysis: Reanalysis,
    *,
    defer_rebuild: bool = False,
) -> StoredArticle | None:
    """Write the article (``article``: as dated for storing) and what it reports (``kept.extraction``) in
    one transaction, keeping its reports; None when its text is stored already (by this load or by
    another writer). An article that comes before stored ones in the canonical order has the events of
    those linked to it stored again with it, ``reanalysis`` analysing again any that other days date;
    with ``defer_rebuild`` (a load, which calls ``rebuild_pending`` at its end) its events
    wait for that instead (``StoreReport.pending``), so that a load costs one rebuild at most.
    The cache keeps what the transaction wrote only if it commits.

    The transaction holds the writers' lock (``db.services.writers``) from its first statement, so
    writers in other processes take turns and each matches its reports against every event stored
    before it: what one process would have made of the same articles in the same order."""
    try:
        async with session_factory() as session, session.begin():
            mark = await _take_turn(session, cache)
            stored = await _write(session, article, kept, cache, reanalysis, defer=defer_rebuild)
    except BaseException:
        cache.discard()
        raise
    cache.commit()
    if stored is not None:
        # After a rebuild the cached events are stale, and the mark unknown: both are read again.
        cache.mark = (stored.article_id, mark[1]) if not stored.report.rebuilt else None
    return stored


async def _take_turn(session: AsyncSession, cache: StoreCache) -> tuple[int, int]:
    """Wait for the writers' lock, then forget cached events if another writer stored something since;
    the writers' mark found."""
    await writers.take_writers_lock(session)
    mark = await writers.writers_mark(session)
    cache.catch_up(mark)
    return mark


async def shared_event_days(
    session_factory: async_sessionmaker[AsyncSession],
    article: PreparedArticle,
    extraction: ArticleExtraction,
    cache: StoreCache,
) -> list[tuple[date, str]]:
    """Days of stored events that this undated article names by weekday ("on Sunday", of an event
    other articles date to a Sunday), each with the reason: evidence of the week it was written in.
    Found by a trial store, rolled back, and only tried when a stored event could give one."""
    if article.reference.value is not None or not names_days_by_weekday(extraction):
        return []
    async with session_factory() as session:
        cache.catch_up(await writers.writers_mark(session))
        if not await may_share_a_day(session, extraction=extraction, cache=cache):
            return []
    try:
        # Under the lock too: the trial must see what the store will see, and never race another
        # writer's new actor or article into a unique violation.
        async with session_factory() as session, session.begin():
            await _take_turn(session, cache)
            stored = await _create(session, article)
            trial = await _store(session, stored, extraction, cache) if stored is not None else None
            await session.rollback()
    finally:
        cache.discard()
    return trial.shared_event_days if trial is not None else []


async def rebuild_events(session_factory: async_sessionmaker[AsyncSession], reanalysis: Reanalysis) -> Rebuilt:
    """Store every article's events again from what it reported, in the canonical order, in one
    transaction under the writers' lock (other writers wait, and then read the events again: the
    rebuild moves the writers' mark). Articles stored before their reports were kept are analysed
    again first (``reanalysis``)."""
    async with session_factory() as session, session.begin():
        await writers.take_writers_lock(session)
        before = await event_service.count(session)
        articles_stored = await rebuild_all(session, reanalysis)
        return Rebuilt(articles_stored, before, await event_service.count(session))


async def rebuild_pending(
    session_factory: async_sessionmaker[AsyncSession], reanalysis: Reanalysis, cache: StoreCache
) -> StoreReport:
    """Store again the events of the articles whose events wait for a rebuild (``defer_rebuild``) and of
    those linked to them, in one transaction under the writers' lock; an empty report when none wait
    (another writer may have run it first). ``cache`` forgets its events."""
    try:
        async with session_factory() as session, session.begin():
            await _take_turn(session, cache)
            waiting = await reports.pending_article_ids(session)
            report = await _rebuild(session, waiting, reanalysis) if waiting else StoreReport()
    except BaseException:
        cache.discard()
        raise
    cache.commit()
    cache.mark = None if report.rebuilt else cache.mark
    return report
