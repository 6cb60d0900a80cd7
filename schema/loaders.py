"""The DataLoaders of one request: every look-up a field makes per parent object is batched into one
query per loader and level of the response, so a page of 100 events costs what a page of one does.
Nested connections (an actor's events, a venue's, a topic's) are batched too: the pages asked for
with the same filter, order and page request are fetched for all their parents in one query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db import models
from db.queries import actors, articles, events, topics, venues
from db.queries.actors import Counterpart
from db.queries.events import EventFilter, EventParent, EventSortField
from db.queries.pagination import Page, PageRequest, SortDirection
from db.queries.rows import EventLike, EventRow, EvidenceRow, ParticipantRow, TopicRow, VenueRow

__all__ = ["EventPageKey", "EventsOf", "Loaders"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
Runner = Callable[..., Awaitable[Any]]
Fetch = Callable[[AsyncSession, Sequence[K]], Awaitable[Mapping[K, V]]]


def _loader(run: Runner, fetch: Fetch[K, V], missing: Callable[[], V]) -> DataLoader[K, V]:
    """A DataLoader answering each key from one call of ``fetch``; keys it lacks get ``missing()``."""

    async def load(keys: list[K]) -> list[V]:
        found: Mapping[K, V] = await run(fetch, keys)
        return [found[key] if key in found else missing() for key in keys]

    return DataLoader(load_fn=load)


def _none() -> None:
    return None


@dataclass(frozen=True)
class EventsOf:
    """The events of one parent that pass a filter: what a nested connection pages through."""

    parent: EventParent
    parent_id: int
    event_filter: EventFilter

    @classmethod
    def of(cls, parent: EventParent, parent_id: int, event_filter: EventFilter) -> EventsOf:
        """The key, with the filter made hashable."""
        return cls(parent, parent_id, event_filter.frozen())


@dataclass(frozen=True)
class EventPageKey:
    """One page of a parent's events, in an order."""

    events: EventsOf
    sort: EventSortField
    direction: SortDirection
    page: PageRequest


def _event_pages(run: Runner) -> DataLoader[EventPageKey, Page[EventRow]]:
    """Pages of events by parent; one query for the keys that differ only in their parent."""

    async def load(keys: list[EventPageKey]) -> list[Page[EventRow]]:
        groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
        for key in keys:
            groups[(key.events.parent, key.events.event_filter, key.sort, key.direction, key.page)].append(
                key.events.parent_id
            )
        pages: dict[tuple[Any, ...], Page[EventRow]] = {}
        for (parent, event_filter, sort, direction, page), ids in groups.items():
            found = await run(
                events.list_events_per_parent,
                parent=parent,
                parent_ids=ids,
                event_filter=event_filter,
                page=page,
                sort=sort,
                direction=direction,
            )
            pages.update({(parent, event_filter, sort, direction, page, pk): found[pk] for pk in ids})
        return [
            pages[(key.events.parent, key.events.event_filter, key.sort, key.direction, key.page, key.events.parent_id)]
            for key in keys
        ]

    return DataLoader(load_fn=load)


def _event_counts(run: Runner) -> DataLoader[EventsOf, int]:
    """How many events each parent has; one query for the keys that differ only in their parent."""

    async def load(keys: list[EventsOf]) -> list[int]:
        groups: dict[tuple[EventParent, EventFilter], list[int]] = defaultdict(list)
        for key in keys:
            groups[(key.parent, key.event_filter)].append(key.parent_id)
        counts: dict[EventsOf, int] = {}
        for (parent, event_filter), ids in groups.items():
            found = await run(events.count_events_per_parent, parent=parent, parent_ids=ids, event_filter=event_filter)
            counts.update({EventsOf(parent, pk, event_filter): found.get(pk, 0) for pk in ids})
        return [counts[key] for key in keys]

    return DataLoader(load_fn=load)


@dataclass(frozen=True)
class Loaders:
    """Rows by id, and the rows hanging off each parent id."""

    event: DataLoader[int, EventLike | None]
    actor: DataLoader[int, models.Actor | None]
    venue: DataLoader[int, VenueRow | None]
    topic: DataLoader[int, models.Topic | None]
    article: DataLoader[int, models.Article | None]
    article_text: DataLoader[int, str | None]
    participants: DataLoader[int, list[ParticipantRow]]
    event_topics: DataLoader[int, list[TopicRow]]
    evidence: DataLoader[int, list[EvidenceRow]]
    event_children: DataLoader[int, list[EventRow]]
    venue_children: DataLoader[int, list[models.Venue]]
    aliases: DataLoader[int, list[models.ActorAlias]]
    positions: DataLoader[int, list[models.ActorPosition]]
    counterparts: DataLoader[int, list[Counterpart]]
    article_events: DataLoader[int, list[EventRow]]
    topic_event_count: DataLoader[int, int]
    event_pages: DataLoader[EventPageKey, Page[EventRow]]
    event_counts: DataLoader[EventsOf, int]

    @classmethod
    def build(cls, run: Runner) -> Loaders:
        """Loaders whose queries go through ``run(query, session-less args…)``."""
        return cls(
            event=_loader(run, events.events_by_ids, _none),
            actor=_loader(run, actors.actors_by_ids, _none),
            venue=_loader(run, venues.venues_by_ids, _none),
            topic=_loader(run, topics.topics_by_ids, _none),
            article=_loader(run, articles.articles_by_ids, _none),
            article_text=_loader(run, articles.texts_by_ids, _none),
            participants=_loader(run, events.participants_by_event_ids, list),
            event_topics=_loader(run, events.topics_by_event_ids, list),
            evidence=_loader(run, events.evidence_by_event_ids, list),
            event_children=_loader(run, events.children_by_parent_ids, list),
            venue_children=_loader(run, venues.children_by_parent_ids, list),
            aliases=_loader(run, actors.aliases_by_actor_ids, list),
            positions=_loader(run, actors.positions_by_actor_ids, list),
            counterparts=_loader(run, actors.counterparts_by_actor_ids, list),
            article_events=_loader(run, articles.events_by_article_ids, list),
            topic_event_count=_loader(run, topics.event_counts_by_topic_ids, int),
            event_pages=_event_pages(run),
            event_counts=_event_counts(run),
        )
