"""Storing one analysed article: the transaction that writes it, and the trial that dates an undated
article by the events it shares with dated ones. Used by ``readout load`` and by the HTTP API's
ingestion alike.

    >>> days = await shared_event_days(session_factory, article, extraction, cache)  # doctest: +SKIP
    >>> stored = await store_article(session_factory, article, extraction, cache)  # doctest: +SKIP
    >>> stored.article_id, stored.report.events_created  # doctest: +SKIP
    (6, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles, topics, writers
from loaders.dating import PreparedArticle
from loaders.extract import ArticleExtraction, TopicMatcher
from loaders.store.cache import StoreCache
from loaders.store.extraction import store_extraction
from loaders.store.weekdays import may_share_a_day, names_days_by_weekday
from loaders.store.writer import StoreReport

__all__ = [
    "STORE_ERRORS",
    "StoredArticle",
    "error_summary",
    "shared_event_days",
    "store_article",
]

# What an odd article can raise while it is analysed or stored: reported for that article, not a
# fault that stops a load or answers 500.
STORE_ERRORS: tuple[type[Exception], ...] = (ValueError, UnicodeError, LookupError, TypeError)


@dataclass(frozen=True)
class StoredArticle:
    article_id: int
    report: StoreReport


def error_summary(exc: BaseException) -> str:
    """The reason in one line, without the SQL statement and parameters a database error carries."""
    origin = getattr(exc, "orig", None) or exc
    first = next(iter(str(origin).strip().splitlines()), "")
    return f"{type(origin).__name__}: {first[:200]}"


async def _write(
    session: AsyncSession, article: PreparedArticle, extraction: ArticleExtraction, cache: StoreCache
) -> StoredArticle | None:
    if await articles.get_by_hash(session, content_hash=article.content_hash) is not None:
        return None
    stored = await articles.create(session, **article.article_fields(), encoding=article.raw.encoding)
    definitions = [(d.slug, d.label, d.description) for d in TopicMatcher.load().definitions]
    taxonomy = await topics.ensure_taxonomy(session, definitions=definitions)
    report = await store_extraction(session, article=stored, extraction=extraction, taxonomy=taxonomy, cache=cache)
    return StoredArticle(stored.id, report)


async def store_article(
    session_factory: async_sessionmaker[AsyncSession],
    article: PreparedArticle,
    extraction: ArticleExtraction,
    cache: StoreCache,
) -> StoredArticle | None:
    """Write the article and what it reports in one transaction; None when its text is stored
    already (by this load or by another writer). The cache keeps what the transaction wrote only if
    it commits.

    The transaction holds the writers' lock (``db.services.writers``) from its first statement, so
    writers in other processes take turns and each matches its reports against every event stored
    before it: what one process would have made of the same articles in the same order."""
    try:
        async with session_factory() as session, session.begin():
            await _take_turn(session, cache)
            stored = await _write(session, article, extraction, cache)
    except BaseException:
        cache.discard()
        raise
    cache.commit()
    if stored is not None:
        cache.latest_article_id = stored.article_id
    return stored


async def _take_turn(session: AsyncSession, cache: StoreCache) -> None:
    """Wait for the writers' lock, then forget cached events if another writer stored something since."""
    await writers.take_writers_lock(session)
    cache.catch_up(await writers.latest_article_id(session))


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
        cache.catch_up(await writers.latest_article_id(session))
        if not await may_share_a_day(session, extraction=extraction, cache=cache):
            return []
    try:
        # Under the lock too: the trial must see what the store will see, and never race another
        # writer's new actor or article into a unique violation.
        async with session_factory() as session, session.begin():
            await _take_turn(session, cache)
            trial = await _write(session, article, extraction, cache)
            await session.rollback()
    finally:
        cache.discard()
    return trial.report.shared_event_days if trial is not None else []
