"""What counts as a database that cannot be reached (503) rather than a fault of ours (500)."""

from __future__ import annotations

import errno
import sqlite3

import asyncpg
import pytest
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from db.availability import is_unavailable


def wrapped(error: Exception, *, invalidated: bool = False) -> OperationalError:
    """``error`` as SQLAlchemy raises a driver's error."""
    return OperationalError("SELECT 1", {}, error, connection_invalidated=invalidated)


def raised_from(cause: Exception) -> Exception:
    try:
        try:
            raise cause
        except Exception as exc:
            raise RuntimeError("while serving") from exc
    except RuntimeError as outer:
        return outer


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
        OSError("Multiple exceptions: [Errno 111] Connect call failed ('127.0.0.1', 1)"),
        OSError(errno.EHOSTUNREACH, "No route to host"),
        TimeoutError(),
        PoolTimeoutError("QueuePool limit of size 5 overflow 10 reached"),
        asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator command"),
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.TooManyConnectionsError("sorry, too many clients already"),
        wrapped(sqlite3.OperationalError("database is locked")),
        wrapped(sqlite3.OperationalError("unable to open database file")),
        wrapped(ValueError("anything"), invalidated=True),
        raised_from(ConnectionResetError(errno.ECONNRESET, "Connection reset by peer")),
    ],
)
def test_unavailable(error: Exception) -> None:
    assert is_unavailable(error)


@pytest.mark.parametrize(
    "error",
    [
        ValueError("a bug"),
        FileNotFoundError(errno.ENOENT, "No such file", "openapi.yaml"),
        wrapped(sqlite3.OperationalError("no such table: events")),
        ProgrammingError("SELECT", {}, asyncpg.exceptions.UndefinedTableError('relation "events" does not exist')),
        asyncpg.exceptions.InterfaceError("cannot perform operation: another operation is in progress"),
        asyncpg.exceptions.QueryCanceledError("canceling statement due to statement timeout"),
    ],
)
def test_faults_of_ours_are_not_unavailability(error: Exception) -> None:
    assert not is_unavailable(error)
