"""One article's writer: what its transaction has fetched, created and touched so far, and the rows
of its actors, venues and mentions.

In: an open session, the stored ``Article`` and the load's ``StoreCache``. Out: actor and venue ids
(fetched or created, cached until the transaction ends), stored events by id, the index told what this
article made of them (``record``), and the article's mentions written. The events an article reports
are stored by ``loaders.store.events``; ``loaders.store.extraction`` drives the whole article.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Article, Event
from db.services import actors as actor_service
from db.services import events as event_service
from db.services import venues as venue_service
from loaders.kb import Place, normalize_name
from loaders.merge import EventFacts, EventSnapshot
from loaders.resolve import ActorMention, ResolvedActor
from loaders.store.cache import ActorFacts, StoreCache

__all__ = ["ArticleWriter", "StoreReport"]


@dataclass
class StoreReport:
    events_created: int = 0
    events_merged: int = 0
    shared_event_days: list[tuple[date, str]] = field(default_factory=list)
    """Days of events this article names only by weekday ("on Sunday") that other articles date
    exactly to that weekday: evidence of when an undated article was written."""
    pending: bool = False
    """The article came before articles stored already and its events wait for the rebuild at the end
    of its load (``loaders.store.rebuild_pending``)."""
    rebuilt: int = 0
    """How many articles' events were stored again with this one (``loaders.store.replay``): it came
    before them in the canonical order. Then ``events_created`` counts the events gained."""
    capped: dict[str, list[int]] = field(default_factory=dict)
    """What the per-article caps cut (``loaders.store.extraction.StoreLimits``): for each of
    ``mentions`` and ``event_reports`` cut, ``[found, kept]``; empty when nothing was cut."""


def _adds_to(facts: ActorFacts, resolved: ResolvedActor, spellings: list[tuple[str, str]]) -> bool:
    """Whether storing ``resolved`` would change the stored actor ``facts`` describe."""
    return (
        (not facts.has_country and resolved.country is not None)
        or (not facts.has_description and resolved.description is not None)
        or any(normalized and normalized not in facts.spellings for _, normalized in spellings)
    )


class ArticleWriter:
    """The state of one article's transaction and the look-ups that fill it."""

    def __init__(self, session: AsyncSession, article: Article, cache: StoreCache) -> None:
        self.session, self.article, self.cache = session, article, cache
        self.index = cache.events
        self.dateline_country: str | None = None
        self.report = StoreReport()
        self.touched: dict[int, Event] = {}
        self.reported: set[int] = set()
        """Events this article reports with a quote of its own (``touched`` also holds those it nests)."""
        self.evidence: set[tuple[int, int]] = set()
        self.event_topics: dict[int, dict[str, list[str]]] = {}

    async def actor(self, resolved: ResolvedActor) -> int:
        known = self.cache.actors.get(resolved.slug)
        spellings = [(s, normalize_name(s)) for s in (resolved.name, *resolved.aliases)]
        facts = self.cache.actor_facts.get(resolved.slug)
        if known is not None and facts is not None and not _adds_to(facts, resolved, spellings):
            return known
        # Not cached, or this article fills a gap: the same look-up a writer without a cache makes.
        actor = await actor_service.get_or_create(
            self.session,
            slug=resolved.slug,
            kind=resolved.kind,
            name=resolved.name,
            country=resolved.country,
            description=resolved.description,
            positions=resolved.positions,
        )
        await actor_service.add_aliases(self.session, actor=actor, spellings=spellings)
        recorded = facts.spellings if facts is not None else frozenset()
        self.cache.actor_facts.stage(
            resolved.slug,
            ActorFacts(
                has_country=actor.country is not None,
                has_description=actor.description is not None,
                spellings=recorded | {normalized for _, normalized in spellings if normalized},
            ),
        )
        return self.cache.actors.stage(resolved.slug, actor.id)

    async def venue_chain(self, place: Place | None) -> tuple[tuple[int, ...], int | None]:
        if place is None:
            return (), None
        venue_id = self.cache.venues.get(place.slug)
        if venue_id is None:
            venue = await venue_service.get_or_create(self.session, spec=place)
            venue_id = self.cache.venues.stage(place.slug, venue.id)
        return await self.chain_of(venue_id), venue_id

    async def chain_of(self, venue_id: int | None) -> tuple[int, ...]:
        """The venue and the places containing it, innermost first; empty for no venue."""
        if venue_id is None:
            return ()
        chain = self.cache.chains.get(venue_id)
        if chain is None:
            chain = self.cache.chains.stage(
                venue_id, tuple(await venue_service.ancestor_ids(self.session, venue_id=venue_id))
            )
        return chain

    async def country_of(self, venue_id: int) -> str | None:
        """The ISO code of the venue's country, when it has one."""
        if venue_id in self.cache.countries:
            return self.cache.countries.get(venue_id)
        venue = await venue_service.get(self.session, venue_id=venue_id)
        return self.cache.countries.stage(venue_id, venue.country if venue else None)

    async def event(self, event_id: int) -> Event:
        """The stored event, to change it."""
        if event_id in self.touched:
            return self.touched[event_id]
        with self.session.no_autoflush:  # a row by its key: what is pending cannot change the answer
            event = await event_service.get(self.session, event_id=event_id)
        if event is None:
            raise LookupError(f"event {event_id} is indexed but not stored")
        return event

    def record(self, event: Event, actor_ids: Iterable[int] = (), *, reported_here: bool = False) -> None:
        """Note in the index what this article has made of ``event`` (``reported_here``: with a quote)."""
        known = self.index.get(event.id)
        people = (known.actor_ids if known else frozenset()) | frozenset(actor_ids)
        reported = known.reported if known else None
        day = self.article.reference_date
        if reported_here and day is not None:
            reported = (min(reported[0], day), max(reported[1], day)) if reported else (day, day)
        self.index.record(EventSnapshot.of(event, people, reported))
        self.touched[event.id] = event

    async def store_mentions(self, mentions: Sequence[ActorMention]) -> None:
        rows = [(await self.actor(m.actor), m.spelling, m.start, m.end) for m in mentions if m.named]
        await actor_service.add_mentions(self.session, article_id=self.article.id, mentions=rows)

    async def facts_of(self, event: EventSnapshot) -> EventFacts:
        return EventFacts(
            kind=event.kind,
            actor_ids=event.actor_ids,
            venue_chain=await self.chain_of(event.venue_id),
            dates=event.dates,
            status=event.status,
            reported=event.reported,
        )
