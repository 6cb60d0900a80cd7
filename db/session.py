"""Engines and sessions. One engine per process and database URL; sessions never expire on commit,
and relationships raise unless loaded explicitly, so no query hides behind an attribute."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.util import await_

from db.data_version import VersionedSession
from db.settings import Settings

__all__ = ["create_engine", "create_read_session_factory", "create_session_factory"]


def create_engine(settings: Settings) -> AsyncEngine:
    """An async engine for ``settings.database_url``.

    SQLite gets foreign keys switched on (it ignores them otherwise), a busy timeout and write-ahead
    logging; Postgres gets ``search_path`` set when ``settings.database_schema`` names a schema.

    Every connection the pool hands out is tried first, so one the server ended while it sat in the
    pool (a restart, ``pg_terminate_backend``) is replaced rather than failing a request. On Postgres
    the try is one round trip (``_ping_postgres``); SQLAlchemy's own pre-ping wraps its ``;`` in
    ``BEGIN`` and ``ROLLBACK``, three round trips before each request's first statement.
    """
    postgres = settings.database_url.startswith("postgresql")
    connect_args: dict[str, Any] = {}
    pool: dict[str, Any] = {}
    if postgres:
        # As many kept connections as the requests a process usually runs at once: with fewer, each
        # request beyond them opened a connection (a server process) and closed it again.
        pool = {"pool_size": settings.database_pool_size, "max_overflow": settings.database_max_overflow}
        if settings.database_schema:
            connect_args["server_settings"] = {"search_path": settings.database_schema}
    engine = create_async_engine(
        settings.database_url,
        echo=settings.database_echo,
        connect_args=connect_args,
        pool_pre_ping=not postgres,
        **pool,
    )
    if postgres:
        event.listen(engine.sync_engine, "checkout", _ping_postgres)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    return engine


def _ping_postgres(_dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: object) -> None:
    """One ``;`` on the asyncpg connection being checked out; when it fails the connection is dead and
    the pool, told so by ``DisconnectionError``, discards it and checks out another (a new one)."""
    driver = record.driver_connection
    try:
        await_(driver.fetchrow(";"))  # type: ignore[union-attr]
    except Exception as exc:  # any failure of a bare ';' means the connection cannot be used
        raise DisconnectionError(str(exc)) from exc


def _configure_sqlite_connection(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 5000")
    # Write-ahead logging: readers never wait for the loader, and a commit needs no full sync.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions bound to ``engine`` that keep loaded objects usable after commit and raise the data
    version when they commit a write (``db.data_version``)."""
    return async_sessionmaker(engine, expire_on_commit=False, sync_session_class=VersionedSession)


def create_read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for requests that only read (both APIs' GETs and queries). On Postgres they run without
    a transaction of their own (autocommit), which spares each request a ``BEGIN`` and a ``ROLLBACK``,
    two round trips; under Postgres' READ COMMITTED, the level readout runs at, each statement of a
    transaction sees the data committed when it starts anyway, so readers see nothing different. On
    SQLite, where a read transaction is one snapshot, they are ``create_session_factory``'s."""
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="AUTOCOMMIT")
    return create_session_factory(engine)
