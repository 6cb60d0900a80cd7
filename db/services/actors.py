"""Reading and writing actors, their aliases, positions and mentions.

>>> await get_or_create(session, slug="wang-yi", kind="person", name="Wang Yi")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Actor, ActorAlias, ActorPosition, Mention

__all__ = ["PositionSpec", "add_aliases", "add_mentions", "get", "get_by_slug", "get_or_create"]


@dataclass(frozen=True)
class PositionSpec:
    """An office to record for a new actor."""

    title: str
    country: str | None = None
    start: date | None = None
    end: date | None = None


async def get(session: AsyncSession, *, actor_id: int) -> Actor | None:
    return await session.get(Actor, actor_id)


async def get_by_slug(session: AsyncSession, *, slug: str) -> Actor | None:
    return await session.scalar(select(Actor).where(Actor.slug == slug))


async def get_or_create(
    session: AsyncSession,
    *,
    slug: str,
    kind: str,
    name: str,
    country: str | None = None,
    description: str | None = None,
    positions: Iterable[PositionSpec] = (),
) -> Actor:
    """The actor with ``slug``, created (with its positions) when missing. An existing actor keeps its
    data, except that a missing country or description is filled in."""
    actor = await get_by_slug(session, slug=slug)
    if actor is not None:
        actor.country = actor.country or country
        actor.description = actor.description or description
        return actor
    actor = Actor(slug=slug, kind=kind, name=name, country=country, description=description)
    session.add(actor)
    await session.flush()
    seen: set[tuple[str, date | None]] = set()
    for spec in positions:
        if (spec.title, spec.start) in seen:
            continue
        seen.add((spec.title, spec.start))
        session.add(
            ActorPosition(
                actor_id=actor.id, title=spec.title, country=spec.country, start_date=spec.start, end_date=spec.end
            )
        )
    return actor


async def add_aliases(session: AsyncSession, *, actor: Actor, spellings: Iterable[tuple[str, str]]) -> None:
    """Record ``(spelling, normalized)`` pairs the actor goes by; known ones are left alone."""
    known = set(await session.scalars(select(ActorAlias.normalized).where(ActorAlias.actor_id == actor.id)))
    for spelling, normalized in spellings:
        if normalized and normalized not in known:
            known.add(normalized)
            session.add(ActorAlias(actor_id=actor.id, spelling=spelling, normalized=normalized))


async def add_mentions(
    session: AsyncSession, *, article_id: int, mentions: Sequence[tuple[int, str, int, int]]
) -> None:
    """Record that the article names each actor (by id), spelled so, at ``[start, end)`` of its text,
    in one statement (an article names dozens); mentions already recorded are left alone."""
    stored = await session.execute(
        select(Mention.actor_id, Mention.start_offset).where(Mention.article_id == article_id)
    )
    known = {(actor_id, start) for actor_id, start in stored}
    rows: dict[tuple[int, int], dict[str, object]] = {}
    for actor_id, spelling, start, end in mentions:
        if (actor_id, start) in known:
            continue
        rows.setdefault(
            (actor_id, start),
            {
                "article_id": article_id,
                "actor_id": actor_id,
                "spelling": spelling,
                "start_offset": start,
                "end_offset": end,
            },
        )
    if rows:
        await session.execute(insert(Mention), list(rows.values()))
