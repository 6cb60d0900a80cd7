"""Reading actors: a filtered, paginated list, and batch look-ups keyed by actor ids for DataLoaders
(the actors themselves, their aliases, their positions, and the actors they met most)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.enums import ActorKind
from db.models import Actor, ActorAlias, ActorPosition, EventParticipant
from db.queries.among import among
from db.queries.pagination import Ordering, Page, PageRequest, SortDirection, SortKey, count_rows, paginate
from db.queries.tables import ACTORS, PARTICIPANTS
from db.queries.text import contains

__all__ = [
    "ActorFilter",
    "ActorSortField",
    "Counterpart",
    "actors_by_ids",
    "aliases_by_actor_ids",
    "busiest_actor",
    "count_actors",
    "counterparts_by_actor_ids",
    "list_actors",
    "positions_by_actor_ids",
]


class ActorSortField(StrEnum):
    NAME = "name"


@dataclass(frozen=True)
class ActorFilter:
    """Actors whose name or an alias holds ``search``, of any of ``kinds``, from any of ``countries``."""

    search: str | None = None
    kinds: Sequence[str] = ()
    countries: Sequence[str] = ()


@dataclass(frozen=True)
class Counterpart:
    """Another actor that took part in ``event_count`` of the same events."""

    actor_id: int
    event_count: int


def _filtered(actor_filter: ActorFilter) -> Select[Actor]:
    query = select(Actor)
    if actor_filter.search:
        by_alias = select(ActorAlias.actor_id).where(contains(ActorAlias.spelling, actor_filter.search))
        query = query.where(or_(contains(Actor.name, actor_filter.search), Actor.id.in_(by_alias)))
    if actor_filter.kinds:
        query = query.where(Actor.kind.in_(list(actor_filter.kinds)))
    if actor_filter.countries:
        query = query.where(Actor.country.in_([code.upper() for code in actor_filter.countries]))
    return query


def _ordering(field: ActorSortField, direction: SortDirection) -> Ordering:
    descending = direction is SortDirection.DESC
    return Ordering(
        name=f"actor:{field}:{direction}",
        keys=(SortKey(Actor.name, descending), SortKey(Actor.id, descending)),
    )


async def list_actors(
    session: AsyncSession,
    *,
    actor_filter: ActorFilter,
    page: PageRequest,
    sort: ActorSortField = ActorSortField.NAME,
    direction: SortDirection = SortDirection.ASC,
) -> Page[Actor]:
    """One page of the actors that pass ``actor_filter``."""
    return await paginate(session, _filtered(actor_filter), _ordering(sort, direction), page)


async def count_actors(session: AsyncSession, *, actor_filter: ActorFilter) -> int:
    return await count_rows(session, _filtered(actor_filter))


async def actors_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Actor]:
    """The actors with these ids, by id (missing ones absent)."""
    return {actor.id: actor for actor in await session.scalars(select(Actor).where(among(Actor.id, ids)))}


async def aliases_by_actor_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[ActorAlias]]:
    """The spellings each actor goes by, in the order they were recorded."""
    query = select(ActorAlias).where(among(ActorAlias.actor_id, ids)).order_by(ActorAlias.id)
    grouped: dict[int, list[ActorAlias]] = defaultdict(list)
    for alias in await session.scalars(query):
        grouped[alias.actor_id].append(alias)
    return grouped


async def positions_by_actor_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[ActorPosition]]:
    """The offices each actor held, earliest first (undated ones last)."""
    query = (
        select(ActorPosition)
        .where(among(ActorPosition.actor_id, ids))
        .order_by(ActorPosition.start_date.is_(None), ActorPosition.start_date, ActorPosition.id)
    )
    grouped: dict[int, list[ActorPosition]] = defaultdict(list)
    for position in await session.scalars(query):
        grouped[position.actor_id].append(position)
    return grouped


async def counterparts_by_actor_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[Counterpart]]:
    """For each actor, the others it shared events with, most shared events first (then by id)."""
    mine, theirs = aliased(EventParticipant), aliased(EventParticipant)
    shared = func.count(theirs.event_id.distinct())
    query = (
        select(mine.actor_id, theirs.actor_id, shared)
        .join(theirs, and_(theirs.event_id == mine.event_id, theirs.actor_id != mine.actor_id))
        .where(among(mine.actor_id, ids))
        .group_by(mine.actor_id, theirs.actor_id)
        .order_by(mine.actor_id, shared.desc(), theirs.actor_id)
    )
    grouped: dict[int, list[Counterpart]] = defaultdict(list)
    for actor_id, other_id, count in await session.execute(query):
        grouped[actor_id].append(Counterpart(actor_id=other_id, event_count=int(count)))
    return grouped


# People before organisations and countries (a timeline of a person reads best), then the most events,
# then the name, so the choice is the same on both databases.
_BUSIEST = (
    select(ACTORS.c.id, ACTORS.c.name)
    .join(PARTICIPANTS, PARTICIPANTS.c.actor_id == ACTORS.c.id)
    .group_by(ACTORS.c.id, ACTORS.c.name, ACTORS.c.kind)
    .order_by((ACTORS.c.kind != ActorKind.PERSON.value), func.count().desc(), ACTORS.c.name, ACTORS.c.id)
    .limit(1)
)


async def busiest_actor(session: AsyncSession) -> tuple[int, str] | None:
    """The id and name of the actor taking part in the most events, a person if any takes part in one;
    None when no actor takes part in any (an empty knowledge base)."""
    row = (await session.execute(_BUSIEST)).first()
    return (int(row.id), str(row.name)) if row is not None else None
