"""Engines and sessions. One engine per process and database URL; sessions never expire on commit,
and relationships raise unless loaded explicitly, so no query hides behind an attribute."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from db.data_version import VersionedSession
from db.settings import Settings

__all__ = ["create_engine", "create_session_factory"]


def create_engine(settings: Settings) -> AsyncEngine:
    """An async engine for ``settings.database_url``.

    SQLite gets foreign keys switched on (it ignores them otherwise), a busy timeout and write-ahead
    logging; Postgres gets
    ``search_path`` set when ``settings.database_schema`` names a schema.
    """
    connect_args: dict[str, Any] = {}
    if settings.database_url.startswith("postgresql") and settings.database_schema:
        connect_args["server_settings"] = {"search_path": settings.database_schema}
    engine = create_async_engine(
        settings.database_url,
        echo=settings.database_echo,
        connect_args=connect_args,
        pool_pre_ping=True,
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _configure_sqlite_connection)
    return engine


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
