"""Reading and writing what articles reported (``ArticleReport``), and clearing the events, mentions
and topic links a rebuild stores again.

>>> await save(session, article_id=7, canonical_key=key, links=["actor:a-b"], document=doc)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Article, ArticleReport, ArticleTopic, Event, Evidence, Mention

__all__ = [
    "clear_stored",
    "generation",
    "get",
    "latest_key",
    "list_links",
    "mark_pending",
    "mark_rebuilt",
    "pending_article_ids",
    "save",
    "unreported_article_ids",
]


async def save(
    session: AsyncSession, *, article_id: int, canonical_key: str, links: Collection[str], document: dict[str, Any]
) -> None:
    """Write the article's reports, replacing those it had."""
    report = await session.get(ArticleReport, article_id)
    if report is None:
        session.add(
            ArticleReport(
                article_id=article_id, canonical_key=canonical_key, links=sorted(links), document=document, rebuilt=0
            )
        )
    else:
        report.canonical_key, report.links, report.document = canonical_key, sorted(links), document
    await session.flush()


async def get(session: AsyncSession, *, article_id: int) -> ArticleReport | None:
    return await session.get(ArticleReport, article_id)


async def latest_key(session: AsyncSession, *, excluding: int) -> str | None:
    """The highest canonical key of the articles other than ``excluding`` (None: there are none)."""
    query = select(func.max(ArticleReport.canonical_key)).where(ArticleReport.article_id != excluding)
    return await session.scalar(query)


async def list_links(session: AsyncSession) -> Sequence[tuple[int, str, list[str]]]:
    """``(article_id, canonical_key, links)`` of every article with reports."""
    query = select(ArticleReport.article_id, ArticleReport.canonical_key, ArticleReport.links)
    return [(article_id, key, list(links)) for article_id, key, links in (await session.execute(query)).all()]


async def unreported_article_ids(session: AsyncSession) -> list[int]:
    """Articles stored before their reports were kept: a rebuild analyses them again."""
    query = select(Article.id).where(
        ~select(ArticleReport.article_id).where(ArticleReport.article_id == Article.id).exists()
    )
    return list(await session.scalars(query.order_by(Article.id)))


PENDING = -1
"""``ArticleReport.rebuilt`` of an article stored before others already there, whose events wait for a rebuild."""


async def mark_pending(session: AsyncSession, *, article_id: int) -> None:
    await session.execute(update(ArticleReport).where(ArticleReport.article_id == article_id).values(rebuilt=PENDING))


async def pending_article_ids(session: AsyncSession) -> list[int]:
    """Articles whose events wait for a rebuild (``mark_pending``)."""
    query = select(ArticleReport.article_id).where(ArticleReport.rebuilt == PENDING).order_by(ArticleReport.article_id)
    return list(await session.scalars(query))


async def generation(session: AsyncSession) -> int:
    """The number of the latest rebuild (0: none yet)."""
    return int(await session.scalar(select(func.max(ArticleReport.rebuilt))) or 0)


async def mark_rebuilt(session: AsyncSession, *, article_ids: Collection[int], number: int) -> None:
    ids = list(article_ids)
    if ids:
        await session.execute(update(ArticleReport).where(ArticleReport.article_id.in_(ids)).values(rebuilt=number))


async def clear_stored(session: AsyncSession, *, article_ids: Collection[int]) -> int:
    """Delete what storing the articles' reports wrote: the events they give evidence for (with those
    events' evidence, participants, topics, and links to them as a parent), their mentions and their
    topic links. Returns how many events were deleted. The articles and their reports stay; the
    session's objects are detached (read again those still needed)."""
    ids = list(article_ids)
    if not ids:
        return 0
    events = select(Evidence.event_id).where(Evidence.article_id.in_(ids)).distinct()
    event_ids = list(await session.scalars(events))
    await session.flush()
    if event_ids:
        await session.execute(update(Event).where(Event.parent_id.in_(event_ids)).values(parent_id=None))
        # Evidence, participants and topic links go with their event (ON DELETE CASCADE).
        await session.execute(delete(Event).where(Event.id.in_(event_ids)))
    await session.execute(delete(Mention).where(Mention.article_id.in_(ids)))
    await session.execute(delete(ArticleTopic).where(ArticleTopic.article_id.in_(ids)))
    # The session may hold rows of what was deleted, and SQLite hands their ids to the next rows: it
    # forgets everything, so the caller reads again what it goes on with.
    session.expunge_all()
    return len(event_ids)
