"""Reading and writing events, their participants and their evidence."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from db.dates import first_day
from db.models import Article, Event, EventParticipant, Evidence

__all__ = [
    "add_evidence",
    "add_participants",
    "count",
    "create",
    "create_evidence",
    "get",
    "list_by_ids",
    "list_children",
    "list_evidence_offsets",
    "list_sharing_participants",
]


async def count(session: AsyncSession) -> int:
    return await session.scalar(select(func.count()).select_from(Event)) or 0


async def get(session: AsyncSession, *, event_id: int) -> Event | None:
    return await session.get(Event, event_id)


async def create(
    session: AsyncSession,
    *,
    kind: str,
    title: str,
    status: str,
    confidence: float,
    start: date | None = None,
    start_precision: str | None = None,
    end: date | None = None,
    end_precision: str | None = None,
    venue_id: int | None = None,
    parent_id: int | None = None,
) -> Event:
    """Add a new event (flushed)."""
    event = Event(
        kind=kind,
        title=title,
        status=status,
        confidence=confidence,
        start_date=first_day(start, start_precision) if start else None,
        start_precision=start_precision if start else None,
        end_date=end,
        end_precision=end_precision if end else None,
        venue_id=venue_id,
        parent_id=parent_id,
    )
    session.add(event)
    await session.flush()
    return event


async def add_participants(
    session: AsyncSession,
    *,
    event_id: int,
    participants: Iterable[tuple[int, str]],
    known: Collection[int] | None = None,
) -> None:
    """Add ``(actor_id, role)`` pairs; an actor already taking part keeps its role. A caller that
    knows who takes part already passes them as ``known``, which saves the query."""
    if known is None:
        query = select(EventParticipant.actor_id).where(EventParticipant.event_id == event_id)
        known = set(await session.scalars(query))
    present = set(known)
    for actor_id, role in participants:
        if actor_id not in present:
            present.add(actor_id)
            session.add(EventParticipant(event_id=event_id, actor_id=actor_id, role=role))


async def add_evidence(
    session: AsyncSession, *, event_id: int, article_id: int, quote: str, start: int, end: int
) -> bool:
    """Record that the article supports the event with ``quote`` at ``[start, end)``; False if known."""
    known = await session.scalar(
        select(Evidence.id).where(
            Evidence.event_id == event_id, Evidence.article_id == article_id, Evidence.start_offset == start
        )
    )
    if known is not None:
        return False
    create_evidence(session, event_id=event_id, article_id=article_id, quote=quote, start=start, end=end)
    return True


async def list_evidence_offsets(session: AsyncSession, *, article_id: int) -> set[tuple[int, int]]:
    """``(event_id, start_offset)`` of the evidence the article already gives."""
    query = select(Evidence.event_id, Evidence.start_offset).where(Evidence.article_id == article_id)
    return {(event_id, start) for event_id, start in (await session.execute(query)).all()}


def create_evidence(session: AsyncSession, *, event_id: int, article_id: int, quote: str, start: int, end: int) -> None:
    """Add evidence the caller knows to be new (written with the next flush)."""
    session.add(Evidence(event_id=event_id, article_id=article_id, quote=quote, start_offset=start, end_offset=end))


async def list_at_venues(session: AsyncSession, *, kinds: Iterable[str], venue_ids: Iterable[int]) -> Sequence[Event]:
    """Events of ``kinds`` held at one of ``venue_ids``, with participants loaded: a summit is found by its
    place, whoever is named at it."""
    ids = list(venue_ids)
    return await _with_participants(session, kinds, Event.venue_id.in_(ids)) if ids else []


async def list_sharing_participants(
    session: AsyncSession, *, kinds: Iterable[str], actor_ids: Iterable[int], at_least: int = 1
) -> Sequence[Event]:
    """Events of ``kinds`` in which at least ``at_least`` of ``actor_ids`` took part, with participants
    loaded. Asking for two keeps a meeting's lookup to the events of that pair, however often each of
    them appears alone."""
    ids = list(actor_ids)
    if not ids:
        return []
    sharing = (
        select(EventParticipant.event_id)
        .where(EventParticipant.actor_id.in_(ids))
        .group_by(EventParticipant.event_id)
        .having(func.count() >= max(1, min(at_least, len(ids))))
    )
    return await _with_participants(session, kinds, Event.id.in_(sharing))


async def _with_participants(
    session: AsyncSession, kinds: Iterable[str], condition: ColumnElement[bool]
) -> Sequence[Event]:
    query = (
        select(Event)
        .where(Event.kind.in_(list(kinds)))
        .where(condition)
        .options(selectinload(Event.participants))
        .order_by(Event.id)
        # Participants may have been added since an event was loaded; autoflush has written them.
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(query)).all()


async def reporting_dates(session: AsyncSession, *, event_ids: Collection[int]) -> dict[int, tuple[date, date]]:
    """For each event, the earliest and the latest reference date of the dated articles that report it
    (events reported only by undated articles are left out)."""
    if not event_ids:
        return {}
    query = (
        select(Evidence.event_id, func.min(Article.reference_date), func.max(Article.reference_date))
        .join(Article, Article.id == Evidence.article_id)
        .where(Evidence.event_id.in_(list(event_ids)), Article.reference_date.is_not(None))
        .group_by(Evidence.event_id)
    )
    rows = (await session.execute(query)).all()
    return {event_id: (first, last) for event_id, first, last in rows if first is not None and last is not None}


async def list_by_ids(session: AsyncSession, *, event_ids: Iterable[int]) -> Sequence[Event]:
    """The events with these ids, participants loaded afresh."""
    query = (
        select(Event)
        .where(Event.id.in_(list(event_ids)))
        .options(selectinload(Event.participants))
        .order_by(Event.id)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(query)).all()


async def list_children(session: AsyncSession, *, event_id: int) -> Sequence[Event]:
    """The events held during ``event_id`` (meetings during a visit), with participants loaded."""
    query = (
        select(Event)
        .where(Event.parent_id == event_id)
        .options(selectinload(Event.participants))
        .order_by(Event.id)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(query)).all()
