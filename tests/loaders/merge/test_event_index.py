"""The event index answers from memory what the database holds, and forgets what a rollback undid."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import actors
from db.services import events as event_service
from loaders.merge import EventIndex, EventSnapshot


async def _people(session: AsyncSession, *slugs: str) -> list[int]:
    found = [await actors.get_or_create(session, slug=slug, kind="person", name=slug.title()) for slug in slugs]
    return [actor.id for actor in found]


async def _meeting(session: AsyncSession, actor_ids: list[int], day: date) -> int:
    event = await event_service.create(
        session, kind="meeting", title="talks", status="occurred", confidence=0.8, start=day, start_precision="day"
    )
    await event_service.add_participants(
        session, event_id=event.id, participants=[(a, "participant") for a in actor_ids]
    )
    await session.flush()
    return event.id


async def test_stored_events_are_found_by_the_people_who_took_part(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    async with session_factory() as session, session.begin():
        wang, sullivan, blinken = await _people(session, "wang-yi", "jake-sullivan", "antony-blinken")
        vienna = await _meeting(session, [wang, sullivan], date(2023, 5, 11))
        beijing = await _meeting(session, [wang, blinken], date(2023, 6, 19))
    index = EventIndex()
    async with session_factory() as session:
        await index.load_actors(session, [wang, sullivan])

    pair = index.sharing(kinds=["meeting"], actor_ids=[wang, sullivan], at_least=2)
    assert [event.id for event in pair] == [vienna]
    assert pair[0].dates == (date(2023, 5, 11), "day", date(2023, 5, 11), "day")
    assert [e.id for e in index.sharing(kinds=["meeting"], actor_ids=[wang])] == [vienna, beijing]
    assert index.sharing(kinds=["visit"], actor_ids=[wang]) == []


async def test_what_an_article_records_is_kept_on_commit_and_dropped_on_discard() -> None:
    index = EventIndex()
    index.record(
        EventSnapshot(
            id=7, kind="call", actor_ids=frozenset({1, 2}), venue_id=None, dates=None, status="occurred", parent_id=None
        )
    )
    assert [e.id for e in index.sharing(kinds=["call"], actor_ids=[1, 2], at_least=2)] == [7]
    index.discard()
    assert index.get(7) is None
    assert index.sharing(kinds=["call"], actor_ids=[1, 2]) == []

    index.record(
        EventSnapshot(
            id=7, kind="call", actor_ids=frozenset({1, 3}), venue_id=None, dates=None, status="planned", parent_id=None
        )
    )
    index.commit()
    index.discard()
    assert index.get(7) == EventSnapshot(
        id=7, kind="call", actor_ids=frozenset({1, 3}), venue_id=None, dates=None, status="planned", parent_id=None
    )
    assert index.sharing(kinds=["call"], actor_ids=[1, 2], at_least=2) == []


async def test_an_event_written_in_the_open_transaction_is_not_taken_as_committed(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    index = EventIndex()
    async with session_factory() as session, session.begin():
        wang, sullivan = await _people(session, "wang-yi", "jake-sullivan")
        malta = await _meeting(session, [wang, sullivan], date(2023, 9, 16))
        index.record(
            EventSnapshot(
                id=malta,
                kind="meeting",
                actor_ids=frozenset({wang, sullivan}),
                venue_id=None,
                dates=None,
                status="occurred",
                parent_id=None,
            )
        )
        await index.load_actors(session, [wang, sullivan])
        await session.rollback()
    index.discard()
    assert index.get(malta) is None
