"""Sessions: a read session on Postgres runs its statements without a transaction of its own (no
BEGIN and ROLLBACK round trips), on SQLite inside one as before; a connection the server ended while it
sat in the pool is replaced before a session uses it."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.session import create_read_session_factory, create_session_factory
from tests.conftest import run_on_postgres


async def test_read_sessions_run_without_a_transaction_on_postgres_only(engine: AsyncEngine) -> None:
    async with create_read_session_factory(engine)() as session:
        connection = await session.connection()
        level = connection.sync_connection.get_execution_options().get("isolation_level")  # type: ignore[union-attr]
        assert (await session.execute(text("SELECT 1"))).scalar_one() == 1
    if engine.dialect.name == "postgresql":
        assert level == "AUTOCOMMIT"
        async with create_read_session_factory(engine)() as session:
            # Each statement is its own transaction, with an id of its own.
            assert await _transaction_ids(session) == 2
    else:
        assert level is None, level
    # Sessions that write keep their transactions.
    if engine.dialect.name == "postgresql":
        async with create_session_factory(engine)() as session:
            assert await _transaction_ids(session) == 1


async def _transaction_ids(session: AsyncSession) -> int:
    """How many transactions two statements of ``session`` ran in."""
    ids = {(await session.execute(text("SELECT pg_current_xact_id()::text"))).scalar_one() for _ in range(2)}
    return len(ids)


async def test_a_pooled_connection_the_server_ended_is_replaced(engine: AsyncEngine) -> None:
    if engine.dialect.name != "postgresql":
        return
    factory = create_read_session_factory(engine)
    async with factory() as session:
        pid = (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one()
    # The connection sits in the pool; its backend is ended from outside it.
    await run_on_postgres(f"SELECT pg_terminate_backend({int(pid)})")
    async with factory() as session:
        assert (await session.execute(text("SELECT pg_backend_pid()"))).scalar_one() != pid
