"""Keyset pagination through connections: pages in both directions without gaps or repeats, stable
while events are added, and the page cap and bad cursors refused with a clear error."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.queries.pagination import MAX_PAGE_SIZE
from db.services import events
from tests.schema.conftest import Run
from tests.schema.world import World

PAGE = """query($first: Int, $after: String, $last: Int, $before: String, $order: EventOrder) {
  events(first: $first, after: $after, last: $last, before: $before, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { title } }
  }
}"""


async def page(run: Run, **variables: Any) -> dict[str, Any]:
    response = await run(PAGE, **variables)
    assert "errors" not in response, response
    connection: dict[str, Any] = response["data"]["events"]
    return connection


async def walk_forward(run: Run, size: int, **variables: Any) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        connection = await page(run, first=size, after=after, **variables)
        seen += [edge["node"]["title"] for edge in connection["edges"]]
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not connection["pageInfo"]["hasNextPage"]:
            return seen
        after = connection["pageInfo"]["endCursor"]


async def test_pages_forwards_and_backwards_hold_every_event_once(run: Run, world: World) -> None:
    for order in (
        {"field": "START", "direction": "ASC"},
        {"field": "CONFIDENCE", "direction": "DESC"},
        {"field": "TITLE", "direction": "DESC"},
    ):
        everything = [edge["node"]["title"] for edge in (await page(run, first=MAX_PAGE_SIZE, order=order))["edges"]]
        assert len(everything) == len(world.events)
        for size in (1, 2, 3):
            assert await walk_forward(run, size, order=order) == everything
        backwards: list[str] = []
        before = None
        while True:
            connection = await page(run, last=2, before=before, order=order)
            backwards = [edge["node"]["title"] for edge in connection["edges"]] + backwards
            if not connection["pageInfo"]["hasPreviousPage"]:
                break
            before = connection["pageInfo"]["startCursor"]
        assert backwards == everything


async def test_cursor_stays_valid_while_events_are_added(
    run: Run, world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    before_adding = await walk_forward(run, 100)
    first_page = await page(run, first=3)
    async with session_factory() as session:
        for title, day in (("Early addition", date(2022, 5, 1)), ("Late addition", date(2023, 12, 1))):
            await events.create(
                session, kind="call", title=title, status="occurred", confidence=0.5, start=day, start_precision="day"
            )
        await session.commit()
    rest = await walk_forward_from(run, first_page["pageInfo"]["endCursor"])
    shown = [edge["node"]["title"] for edge in first_page["edges"]] + rest
    # Nothing skipped or repeated; the addition after the cursor shows up, the one before it does not.
    assert [title for title in shown if "addition" not in title] == before_adding
    assert "Late addition" in rest
    assert "Early addition" not in shown
    assert first_page["totalCount"] == len(world.events)
    assert (await page(run, first=1))["totalCount"] == len(world.events) + 2


async def walk_forward_from(run: Run, after: str) -> list[str]:
    seen: list[str] = []
    cursor: str | None = after
    while cursor is not None:
        connection = await page(run, first=2, after=cursor)
        seen += [edge["node"]["title"] for edge in connection["edges"]]
        cursor = connection["pageInfo"]["endCursor"] if connection["pageInfo"]["hasNextPage"] else None
    return seen


async def test_page_requests_refused_with_a_clear_error(run: Run, world: World) -> None:
    assert (await run(PAGE, first=10_000))["errors"] == ["first may be at most 100, not 10000"]
    assert (await run(PAGE, last=101))["errors"] == ["last may be at most 100, not 101"]
    assert (await run(PAGE, first=-1))["errors"] == ["first may not be negative"]
    assert (await run(PAGE, first=1, last=1))["errors"] == ["pass first or last, not both"]
    assert (await run(PAGE, first=1, after="garbage"))["errors"] == [
        "not a cursor of this list in this order: 'garbage'"
    ]
    by_title = await page(run, first=1, order={"field": "TITLE", "direction": "ASC"})
    refused = await run(PAGE, first=1, after=by_title["pageInfo"]["endCursor"])
    assert refused["errors"][0].startswith("not a cursor of this list in this order")


async def test_default_page_is_twenty(
    run: Run, world: World, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        for number in range(25):
            await events.create(session, kind="call", title=f"Call {number}", status="occurred", confidence=0.5)
        await session.commit()
    connection = await page(run)
    assert len(connection["edges"]) == 20
    assert connection["pageInfo"]["hasNextPage"] is True
    assert connection["totalCount"] == 25 + len(world.events)
