"""The DataLoaders of one request: every look-up a field makes per parent object is batched into one
query per loader and level of the response, so a page of 100 events costs what a page of one does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.dataloader import DataLoader

from db import models
from db.queries import actors, articles, events, topics, venues
from db.queries.actors import Counterpart

__all__ = ["Loaders"]

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
class Loaders:
    """Rows by id, and the rows hanging off each parent id."""

    event: DataLoader[int, models.Event | None]
    actor: DataLoader[int, models.Actor | None]
    venue: DataLoader[int, models.Venue | None]
    topic: DataLoader[int, models.Topic | None]
    article: DataLoader[int, models.Article | None]
    participants: DataLoader[int, list[models.EventParticipant]]
    event_topics: DataLoader[int, list[models.Topic]]
    evidence: DataLoader[int, list[models.Evidence]]
    event_children: DataLoader[int, list[models.Event]]
    venue_children: DataLoader[int, list[models.Venue]]
    aliases: DataLoader[int, list[models.ActorAlias]]
    positions: DataLoader[int, list[models.ActorPosition]]
    counterparts: DataLoader[int, list[Counterpart]]
    article_events: DataLoader[int, list[models.Event]]
    topic_event_count: DataLoader[int, int]

    @classmethod
    def build(cls, run: Runner) -> Loaders:
        """Loaders whose queries go through ``run(query, session-less args…)``."""
        return cls(
            event=_loader(run, events.events_by_ids, _none),
            actor=_loader(run, actors.actors_by_ids, _none),
            venue=_loader(run, venues.venues_by_ids, _none),
            topic=_loader(run, topics.topics_by_ids, _none),
            article=_loader(run, articles.articles_by_ids, _none),
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
        )
