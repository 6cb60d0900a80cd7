"""Batched reads for exports: every row once, in ID order, never more than a batch at a time, with the
same filter as the lists."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.queries import events as event_queries
from db.queries.event_filter import EventFilter
from db.queries.exports import (
    actor_records,
    article_records,
    count_unplaced_events,
    event_records,
    venue_records,
)
from db.queries.pagination import PageRequest
from tests.schema.world import World


async def test_events_come_in_batches_in_id_order(session: AsyncSession, world: World) -> None:
    batches = [batch async for batch in event_records(session, event_filter=EventFilter(), batch_size=2)]
    assert all(len(batch) <= 2 for batch in batches)
    ids = [record.id for batch in batches for record in batch]
    assert ids == sorted(world.events.values())
    by_id = {record.id: record for batch in batches for record in batch}
    meeting = by_id[world.events["meet_wang"]]
    assert meeting.participants == ("Antony Blinken", "Wang Yi")
    assert meeting.venue == "Great Hall of the People"
    assert (meeting.latitude, meeting.longitude) == (39.9, 116.39)


async def test_statements_grow_with_batches_not_rows(engine: AsyncEngine, session: AsyncSession, world: World) -> None:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine.sync_engine, "before_cursor_execute", count)
    try:
        rows = [
            record
            async for batch in event_records(session, event_filter=EventFilter(), batch_size=3)
            for record in batch
        ]
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", count)
    batches = -(-len(rows) // 3)
    # A query of the batch, then its participants and topics; a full last batch asks once more.
    assert len(statements) <= 3 * batches + 1


async def test_the_filter_is_the_lists(session: AsyncSession, world: World) -> None:
    for event_filter in (
        EventFilter(topic_slugs=["taiwan"]),
        EventFilter(countries=["CN"], statuses=["occurred"]),
        EventFilter(topic_ids=[world.topics["climate"]], topic_slugs=["trade"]),
    ):
        page = await event_queries.list_events(session, event_filter=event_filter, page=PageRequest(first=100))
        exported = [r.id async for batch in event_records(session, event_filter=event_filter) for r in batch]
        assert exported == sorted(row.id for row in page.items)
        assert exported
    unplaced = await count_unplaced_events(session, event_filter=EventFilter())
    records = [r async for batch in event_records(session, event_filter=EventFilter()) for r in batch]
    assert unplaced == sum(r.latitude is None for r in records) > 0


async def test_every_actor_venue_and_article(session: AsyncSession, world: World) -> None:
    actors = [row["id"] async for batch in actor_records(session, batch_size=2) for row in batch]
    venues = [row["id"] async for batch in venue_records(session, batch_size=2) for row in batch]
    articles = [row async for batch in article_records(session, batch_size=2) for row in batch]
    assert actors == sorted(world.actors.values())
    assert set(world.venues.values()) <= set(venues)
    assert [row["id"] for row in articles] == sorted(world.articles.values())
    assert all(isinstance(row["published"], str) for row in articles)
