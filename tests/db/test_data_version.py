"""The data version rises with every committed write made through the sessions of ``db.session``, and
with nothing else: reads, rollbacks and commits without a write leave it as it was."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

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
