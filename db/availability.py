"""Telling a database that cannot be reached from a fault of ours: the first is answered 503 with
``Retry-After`` (REST) or a GraphQL error with the code ``DATABASE_UNAVAILABLE``, the second stays an
internal error.

Unavailable means: the server refused or dropped the connection, is starting up or shutting down,
has no connection slot left, or the pool had none to give in time; on SQLite, the file is locked
past the busy timeout or cannot be opened. A missing table or a bad statement is not unavailability.

>>> is_unavailable(ConnectionRefusedError())
True
>>> is_unavailable(ValueError())
False
"""

from __future__ import annotations

import errno
import socket
import sqlite3

import asyncpg
import psycopg
import psycopg_pool
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

__all__ = ["RETRY_AFTER_SECONDS", "is_unavailable"]

# What a refusal for unavailability tells clients to wait before trying again.
RETRY_AFTER_SECONDS = 5

# Postgres SQLSTATE classes and codes that mean "no usable connection": 08 connection exception,
# 57P operator intervention (admin shutdown, crash shutdown, cannot connect now), 53300 too many
# connections.
_POSTGRES_STATES = ("08", "57P", "53300")
_SQLITE_MESSAGES = ("database is locked", "unable to open database file", "disk i/o error")
# Socket errors of a server that is not there (other OSErrors, a missing file say, are not).
_NETWORK_ERRNOS = frozenset(
    {
        errno.ECONNREFUSED,
        errno.ECONNRESET,
        errno.ECONNABORTED,
        errno.EHOSTUNREACH,
        errno.ENETUNREACH,
        errno.ETIMEDOUT,
        errno.EPIPE,
        errno.ENOTCONN,
    }
)


def is_unavailable(error: BaseException) -> bool:
    """Whether ``error`` (or an error it was raised from) says the database cannot be reached now."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if _unavailable_itself(current):
            return True
        # SQLAlchemy keeps the driver's error as `orig` (and raises from it); Python chains the rest.
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__ or current.__context__
    return False


def _unavailable_itself(error: BaseException) -> bool:
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, PoolTimeoutError | TimeoutError):
        return True
    if isinstance(error, ConnectionError | socket.gaierror) or (
        isinstance(error, OSError) and (error.errno in _NETWORK_ERRNOS or "Connect call failed" in str(error))
    ):
        # Refused, unreachable, reset: the socket layer's view of a database that is not there
        # (asyncio reports a refusal on every address of a host as one OSError without errno).
        return True
    if isinstance(error, asyncpg.exceptions.ConnectionDoesNotExistError):
        return True
    if isinstance(error, asyncpg.exceptions.InterfaceError):
        # "connection is closed" is; "another operation is in progress" is a fault of ours.
        return "connection is closed" in str(error)
    if isinstance(error, asyncpg.PostgresError):
        state = getattr(error, "sqlstate", None) or ""
        return state.startswith(_POSTGRES_STATES)
    if isinstance(error, psycopg_pool.PoolTimeout):
        return True
    if isinstance(error, psycopg.OperationalError):
        # psycopg 3, the job queue's driver: a failed connection carries no SQLSTATE at all.
        return error.sqlstate is None or error.sqlstate.startswith(_POSTGRES_STATES)
    if isinstance(error, sqlite3.OperationalError):
        return str(error).lower().startswith(_SQLITE_MESSAGES)
    return False
