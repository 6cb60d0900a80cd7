"""Writers taking turns: the lock every transaction that stores an article takes first, and the mark
that tells a writer whether another one has stored anything since it last looked.

Matching a report to the stored events and writing the result must see every event stored before
it, or two writers racing on one story make two events of it. So each article's transaction first
takes the writers' lock, held until it commits or rolls back:

- Postgres: a transaction-scoped advisory lock, one per schema (``pg_advisory_xact_lock``), so the
  loaders, workers and HTTP ingests of one knowledge base take turns and other schemas never wait.
- SQLite: ``BEGIN IMMEDIATE``, the database's one write lock taken before the first read; a second
  writer waits for it (the busy timeout of ``db.session``) instead of failing on a stale snapshot.

Parsing and analysis, most of the work, stay outside the lock and run in parallel.

    >>> async with session_factory() as session, session.begin():  # doctest: +SKIP
    ...     await take_writers_lock(session)
    ...     mark = await writers_mark(session)
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Article, ArticleReport

__all__ = ["WRITERS_LOCK_CLASS", "take_writers_lock", "writers_mark"]

WRITERS_LOCK_CLASS = 0x52454144  # "READ": the first key of readout's advisory locks, the schema's hash the second


async def take_writers_lock(session: AsyncSession) -> None:
    """Wait for the writers' lock and hold it until the session's transaction ends. Call it first in
    the transaction: on SQLite it starts the transaction."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        key = select(func.pg_advisory_xact_lock(WRITERS_LOCK_CLASS, func.hashtext(func.current_schema())))
        await session.execute(key)
    elif dialect == "sqlite":
        await session.execute(text("BEGIN IMMEDIATE"))


async def writers_mark(session: AsyncSession) -> tuple[int, int]:
    """The id of the newest stored article (0 when none) and the number of the latest rebuild of events
    (0 when none; ``loaders.store.replay``): under the writers' lock, a writer whose own last commit
    left this mark knows that no one else has stored or rebuilt anything since."""
    article_id = await session.scalar(select(func.max(Article.id))) or 0
    rebuild = await session.scalar(select(func.max(ArticleReport.rebuilt))) or 0
    return int(article_id), int(rebuild)
