"""The ``located`` criterion of ``EventFilterInput``: the events with a point on a map (their venue's,
else the place it lies in), exactly those the GeoJSON export places, and ``false`` the rest."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Venue
from db.queries.event_filter import EventFilter
from db.queries.exports import event_records
from tests.schema.conftest import Run, gid
from tests.schema.world import World

IDS = """query($filter: EventFilterInput) {
  events(filter: $filter, first: 100) { totalCount nodes { id } }
}"""


async def ids(run: Run, **criteria: object) -> set[str]:
    response = await run(IDS, filter=criteria)
    assert "errors" not in response, response
    connection = response["data"]["events"]
    assert connection["totalCount"] == len(connection["nodes"])
    return {node["id"] for node in connection["nodes"]}


async def placed_by_export(session_factory: async_sessionmaker[AsyncSession]) -> set[str]:
    async with session_factory() as session:
        records = [record async for batch in event_records(session, event_filter=EventFilter()) for record in batch]
    return {gid("Event", record.id) for record in records if record.latitude is not None}


async def test_located_splits_the_events_as_the_export_places_them(
    run: Run, world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    located = await ids(run, located=True)
    elsewhere = await ids(run, located=False)
    assert located == {gid("Event", world.events[key]) for key in ("visit", "meet_wang", "meet_xi", "yellen", "summit")}
    assert located.isdisjoint(elsewhere)
    assert located | elsewhere == await ids(run)
    assert located == await placed_by_export(session_factory)
    # With other criteria, and null meaning either.
    assert await ids(run, located=True, kinds=["MEETING"]) == {
        gid("Event", world.events["meet_wang"]),
        gid("Event", world.events["meet_xi"]),
    }
    assert await ids(run, located=None) == located | elsewhere


async def test_a_venue_without_a_point_is_placed_by_the_place_it_lies_in(
    run: Run, world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        await session.execute(
            update(Venue).where(Venue.id == world.venues["great_hall"]).values(latitude=None, longitude=None)
        )
        await session.commit()
    meetings = {gid("Event", world.events["meet_wang"]), gid("Event", world.events["meet_xi"])}
    assert meetings <= await ids(run, located=True)
    assert meetings == await placed_by_export(session_factory) & meetings
    # Beijing without a point too: nothing places the Great Hall's or Beijing's events any more.
    async with session_factory() as session:
        await session.execute(
            update(Venue).where(Venue.id == world.venues["beijing"]).values(latitude=None, longitude=None)
        )
        await session.commit()
    located = await ids(run, located=True)
    assert located == {gid("Event", world.events["summit"])}
    assert located == await placed_by_export(session_factory)
    assert meetings <= await ids(run, located=False)
