"""What one load knows to be stored, kept across its articles so each thing is looked up once.

Every addition waits for the article's transaction: ``commit`` keeps it, ``discard`` drops it, so a
rolled-back article never leaves an id behind that points nowhere (SQLite hands a rolled-back id to
the next row).

Other writers may store articles meanwhile (another load, a worker, the HTTP ingest), and a rebuild
may store events again (``loaders.store.replay``). Ids of actors, venues and places never change once
stored, but events do: ``catch_up`` is given the writers' mark under the writers' lock
(``db.services.writers``) and forgets the events when another writer has stored an article or rebuilt
events since this cache last saw the database, so they are read again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from loaders.merge import EventIndex

__all__ = ["ActorFacts", "Staged", "StoreCache"]

K = TypeVar("K")
V = TypeVar("V")


class Staged(Generic[K, V]):
    """A mapping whose additions wait for the transaction: ``commit`` keeps them, ``discard`` drops them."""

    def __init__(self) -> None:
        self._committed: dict[K, V] = {}
        self._pending: dict[K, V] = {}

    def __contains__(self, key: K) -> bool:
        return key in self._pending or key in self._committed

    def get(self, key: K) -> V | None:
        return self._pending.get(key, self._committed.get(key))

    def stage(self, key: K, value: V) -> V:
        self._pending[key] = value
        return value

    def commit(self) -> None:
        self._committed.update(self._pending)
        self._pending.clear()

    def discard(self) -> None:
        self._pending.clear()


@dataclass(frozen=True)
class ActorFacts:
    """Of a stored actor: whether its country and description are set, and the spellings (normalised)
    recorded as its aliases. An article that would fill a gap or add a spelling looks the actor up
    again, as it would without a cache, so a load, a worker and an HTTP ingest store the same actor."""

    has_country: bool
    has_description: bool
    spellings: frozenset[str]


@dataclass
class StoreCache:
    """What one load knows to be stored, kept across its articles so each thing is looked up once:
    ids of actors and venues, the places containing each venue and its country, and the events
    (``EventIndex``). What an article adds waits for its transaction (``commit``, ``discard``), so a
    rolled-back article never leaves an id behind that points nowhere."""

    actors: Staged[str, int] = field(default_factory=Staged)
    actor_facts: Staged[str, ActorFacts] = field(default_factory=Staged)
    """What the database holds of each cached actor that a later article could add to (``ActorFacts``)."""
    venues: Staged[str, int] = field(default_factory=Staged)
    chains: Staged[int, tuple[int, ...]] = field(default_factory=Staged)
    countries: Staged[int, str | None] = field(default_factory=Staged)
    events: EventIndex = field(default_factory=EventIndex)
    mark: tuple[int, int] | None = None
    """The writers' mark (newest article id, latest rebuild) as this cache last left or saw it; None:
    unknown, so the events are read again."""

    def catch_up(self, mark: tuple[int, int]) -> None:
        """Forget the stored events when the mark is not the one this cache last saw."""
        if mark != self.mark:
            self.events = EventIndex()
            self.mark = mark

    def commit(self) -> None:
        for staged in (self.actors, self.actor_facts, self.venues, self.chains, self.countries, self.events):
            staged.commit()

    def discard(self) -> None:
        for staged in (self.actors, self.actor_facts, self.venues, self.chains, self.countries, self.events):
            staged.discard()
