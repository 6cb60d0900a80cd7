"""The data version rises with every committed write made through the sessions of ``db.session``, and
with nothing else: reads, rollbacks and commits without a write leave it as it was."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, event, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db import data_version
from db.models import Actor
from db.services import actors


async def _version(session_factory: async_sessionmaker[AsyncSession]) -> int:
    async with session_factory() as session:
        return await data_version.current(session)


async def test_writes_raise_the_version_and_nothing_else_does(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    start = await _version(session_factory)
    async with session_factory() as session:
        await actors.get_or_create(session, slug="wang-yi", kind="person", name="Wang Yi")
        await session.commit()
    after_insert = await _version(session_factory)
    assert after_insert == start + 1

    async with session_factory() as session:
        await actors.get_by_slug(session, slug="wang-yi")
        await session.commit()
    async with session_factory() as session:
        await actors.get_or_create(session, slug="xi-jinping", kind="person", name="Xi Jinping")
        await session.rollback()
    assert await _version(session_factory) == after_insert

    async with session_factory() as session:
        await session.execute(update(Actor).where(Actor.slug == "wang-yi").values(country="CN"))
        await session.commit()
    async with session_factory() as session:
        actor = await actors.get_by_slug(session, slug="wang-yi")
        assert actor is not None
        actor.description = "Foreign minister"
        await session.commit()
    async with session_factory() as session:
        await session.execute(delete(Actor))
        await session.commit()
    # A statement, a changed object (flushed only by the commit) and a bulk delete: one each.
    assert await _version(session_factory) == after_insert + 3


async def test_raising_the_version_is_the_last_statement_before_commit(
    session_factory: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    """Pending objects are written first: a writer holding the version's row lock waits for nothing
    else, so writers committing at once cannot deadlock on it."""
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        async with session_factory() as session:
            session.add(Actor(slug="wang-yi", kind="person", name="Wang Yi"))
            await session.commit()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert any(statement.startswith("INSERT INTO actors") for statement in statements[:-1]), statements
    assert statements[-1].startswith("UPDATE data_version"), statements
