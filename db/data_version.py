"""The data version: a number that every committed write to the knowledge base raises, so that what
was computed from the data (a cached response) can name the data it was computed from.

Every session of ``db.session`` (a ``VersionedSession``) that wrote anything (ORM objects added,
changed or deleted, or an INSERT, UPDATE or DELETE through it) raises the version as the last
statement of its transaction, just before COMMIT: readers see the new data and the new version
together, never the new version with the old data. Holding the version's row lock only while
committing keeps writers from waiting on each other for long, and no writer waits on anything else
once it holds it.

>>> await current(session)  # doctest: +SKIP
42
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session

from db.models.data_version import DataVersion

__all__ = ["VersionedSession", "current", "read_before_first_statement"]

_WROTE = "readout_wrote"


_CURRENT = select(DataVersion.version).where(DataVersion.id == 1)


async def current(session: AsyncSession) -> int:
    """The version of the data ``session`` sees (0 before the first write)."""
    return int(await session.scalar(_CURRENT) or 0)


def read_before_first_statement(session: AsyncSession, found: Callable[[int], None]) -> Callable[[], None]:
    """Read the version just before ``session`` next executes a statement, and pass it to ``found``:
    before any data, but only if some data is read at all. Returns what cancels this when no statement
    came."""

    def read(state: ORMExecuteState) -> None:
        found(int(state.session.scalar(_CURRENT) or 0))

    target = session.sync_session
    event.listen(target, "do_orm_execute", read, once=True)

    def cancel() -> None:
        if event.contains(target, "do_orm_execute", read):
            event.remove(target, "do_orm_execute", read)

    return cancel


def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


def _note_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        session.info[_WROTE] = True


def _raise_version(session: Session) -> None:
    # Pending objects count as writes already; they are flushed first so that the version's UPDATE is
    # the transaction's last statement: a writer holding the version's row lock waits for nothing else,
    # so two writers committing at once can never deadlock on it.
    if not (session.info.pop(_WROTE, False) or session.new or session.dirty or session.deleted):
        return
    session.flush()
    session.execute(update(DataVersion).where(DataVersion.id == 1).values(version=DataVersion.version + 1))


def _forget(session: Session, *_args: Any) -> None:
    session.info.pop(_WROTE, None)


class VersionedSession(Session):
    """A session that raises the data version when it commits a write."""


event.listen(VersionedSession, "do_orm_execute", _note_statement)
event.listen(VersionedSession, "before_flush", _note_flush)
event.listen(VersionedSession, "before_commit", _raise_version)
event.listen(VersionedSession, "after_rollback", _forget)
