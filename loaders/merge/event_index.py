"""What the store knows of stored events during one load, found by the people who took part.

Each report is matched against the stored events its people took part in. Asking the database for
them on every report costs a query and a load of objects each time, and more as the knowledge base
grows; the index answers from memory instead. The events of an actor are read once, the first time
the actor comes up in a load, and what the load itself writes is recorded as it is written.

What an article records stays pending until its transaction commits (``commit``) and is dropped
when it rolls back (``discard``), so the index never holds an event that is not in the database.
Another process writing events during the same load is not seen: the index is for one loader.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import EventKind
from db.models import Event
from db.services import events as event_service
from loaders.dating import DateRange

__all__ = ["EventIndex", "EventSnapshot", "stored_dates"]


def stored_dates(event: Event) -> DateRange | None:
    """The stored event's dates as a range, or None when it is undated."""
    if event.start_date is None or event.start_precision is None:
        return None
    end = event.end_date or event.start_date
    return event.start_date, event.start_precision, end, event.end_precision or event.start_precision


@dataclass(frozen=True)
class EventSnapshot:
    """An event as identity and nesting see it."""

    id: int
    kind: str
    actor_ids: frozenset[int]
    venue_id: int | None
    dates: DateRange | None
    status: str
    parent_id: int | None
    reported: tuple[date, date] | None = None
    """The earliest and the latest day of writing of the dated articles that report it."""

    @classmethod
    def of(cls, event: Event, actor_ids: Iterable[int], reported: tuple[date, date] | None = None) -> EventSnapshot:
        return cls(
            id=event.id,
            kind=event.kind,
            actor_ids=frozenset(actor_ids),
            venue_id=event.venue_id,
            dates=stored_dates(event),
            status=event.status,
            parent_id=event.parent_id,
            reported=reported,
        )


@dataclass
class EventIndex:
    """Stored events by id and by participant, with a pending layer for the open transaction."""

    _events: dict[int, EventSnapshot] = field(default_factory=dict)
    _by_actor: dict[int, set[int]] = field(default_factory=dict)
    _by_venue: dict[int, set[int]] = field(default_factory=dict)
    _loaded_actors: set[int] = field(default_factory=set)
    _loaded_venues: set[int] = field(default_factory=set)
    _pending: dict[int, EventSnapshot] = field(default_factory=dict)
    _pending_by_actor: dict[int, set[int]] = field(default_factory=dict)
    _pending_by_venue: dict[int, set[int]] = field(default_factory=dict)

    async def load_actors(self, session: AsyncSession, actor_ids: Iterable[int]) -> None:
        """Read the stored events of the actors not read yet in this load."""
        unread = set(actor_ids) - self._loaded_actors
        if not unread:
            return
        stored = await event_service.list_sharing_participants(session, kinds=list(EventKind), actor_ids=unread)
        await self._keep(session, stored)
        self._loaded_actors |= unread

    async def load_venues(self, session: AsyncSession, venue_ids: Iterable[int]) -> None:
        """Read the stored summits at the venues not read yet in this load: a summit may name no one."""
        unread = set(venue_ids) - self._loaded_venues
        if not unread:
            return
        await self._keep(
            session, await event_service.list_at_venues(session, kinds=[EventKind.SUMMIT], venue_ids=unread)
        )
        self._loaded_venues |= unread

    async def _keep(self, session: AsyncSession, stored: Iterable[Event]) -> None:
        stored = list(stored)
        unknown = [event.id for event in stored if event.id not in self._events]
        reported = await event_service.reporting_dates(session, event_ids=unknown)
        for event in stored:
            # An event this transaction wrote is pending, and newer there; the rest is committed.
            if event.id not in self._pending:
                known = self._events.get(event.id)
                span = known.reported if known is not None else reported.get(event.id)
                snapshot = EventSnapshot.of(event, (p.actor_id for p in event.participants), span)
                self._put(self._events, self._by_actor, self._by_venue, snapshot)

    def get(self, event_id: int) -> EventSnapshot | None:
        return self._pending.get(event_id) or self._events.get(event_id)

    def sharing(self, *, kinds: Collection[str], actor_ids: Collection[int], at_least: int = 1) -> list[EventSnapshot]:
        """Events of ``kinds`` in which at least ``at_least`` of ``actor_ids`` took part, by id. Only
        actors passed to ``load_actors`` are answered for."""
        wanted = set(actor_ids)
        needed = max(1, min(at_least, len(wanted)))
        ids = set().union(*(self._by_actor.get(a, set()) | self._pending_by_actor.get(a, set()) for a in wanted))
        found = (self.get(event_id) for event_id in sorted(ids))
        return [s for s in found if s is not None and s.kind in kinds and len(s.actor_ids & wanted) >= needed]

    def at_venues(self, *, kinds: Collection[str], venue_ids: Collection[int]) -> list[EventSnapshot]:
        """Events of ``kinds`` held at one of ``venue_ids``, by id. Only venues passed to ``load_venues``
        (and what this load wrote) are answered for."""
        ids = set().union(*(self._by_venue.get(v, set()) | self._pending_by_venue.get(v, set()) for v in venue_ids))
        found = (self.get(event_id) for event_id in sorted(ids))
        return [s for s in found if s is not None and s.kind in kinds and s.venue_id in venue_ids]

    def record(self, snapshot: EventSnapshot) -> None:
        """The event as the open transaction has written it."""
        self._put(self._pending, self._pending_by_actor, self._pending_by_venue, snapshot)

    def commit(self) -> None:
        for snapshot in self._pending.values():
            self._put(self._events, self._by_actor, self._by_venue, snapshot)
        self.discard()

    def discard(self) -> None:
        self._pending.clear()
        self._pending_by_actor.clear()
        self._pending_by_venue.clear()

    @staticmethod
    def _put(
        events: dict[int, EventSnapshot],
        by_actor: dict[int, set[int]],
        by_venue: dict[int, set[int]],
        snapshot: EventSnapshot,
    ) -> None:
        events[snapshot.id] = snapshot
        for actor_id in snapshot.actor_ids:
            by_actor.setdefault(actor_id, set()).add(snapshot.id)
        if snapshot.venue_id is not None:
            by_venue.setdefault(snapshot.venue_id, set()).add(snapshot.id)
