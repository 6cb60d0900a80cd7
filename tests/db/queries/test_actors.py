"""The busiest actor: the person in most events (ties by name), else whoever takes part in any."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Actor, EventParticipant
from db.queries.actors import busiest_actor
from tests.schema.world import World


async def test_the_person_in_most_events(session_factory: async_sessionmaker[AsyncSession], world: World) -> None:
    async with session_factory() as session:
        taking_part = (
            await session.execute(
                select(Actor.id, Actor.name, EventParticipant.event_id)
                .join(EventParticipant, EventParticipant.actor_id == Actor.id)
                .where(Actor.kind == "person")
            )
        ).all()
        found = await busiest_actor(session)
    events = Counter((actor_id, name) for actor_id, name, _ in {tuple(row) for row in taking_part})
    expected = min(events, key=lambda actor: (-events[actor], actor[1], actor[0]))
    assert found == expected
    assert found[0] in world.actors.values()


async def test_none_in_an_empty_knowledge_base(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with session_factory() as session:
        assert await busiest_actor(session) is None
