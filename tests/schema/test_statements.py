"""No N+1: the Timeline query costs the same number of SQL statements for a page of one event and for
a page of a hundred, counted on the engine as they reach the database; an article's reference date and
its audit trail cost none (they are on the article's row)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.explorer import TIMELINE_QUERY
from db.services import actors, articles, events, topics, venues
from tests.schema.conftest import Run, gid
from tests.schema.dated_articles import ARTICLES as DATED_ARTICLES
from tests.schema.dated_articles import DATING
from tests.schema.world import GREAT_HALL

EVENTS = 120
TEXT_COLUMN = re.compile(r"(?<!\()articles\.text\b")


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)


async def seed_many(session: AsyncSession) -> int:
    """EVENTS meetings of the same two people, each exercising every field of the Timeline query
    (venue with a parent, participants, topics, a parent event, a child, a source)."""
    blinken = await actors.get_or_create(session, slug="antony-blinken", kind="person", name="Antony Blinken")
    wang = await actors.get_or_create(session, slug="wang-yi", kind="person", name="Wang Yi")
    hall = await venues.get_or_create(session, spec=GREAT_HALL)
    taxonomy = await topics.ensure_taxonomy(session, definitions=[("trade", "Trade", None)])
    text = "Blinken met Wang Yi."
    article = await articles.create(session, source="many.txt", raw_text=text, text=text, title="Many", outlet="Wire")
    tour = await events.create(session, kind="visit", title="Tour", status="occurred", confidence=0.5)
    for number in range(EVENTS):
        day = date(2023, 1, 1) + timedelta(days=number)
        meeting = await events.create(
            session,
            kind="meeting",
            title=f"Meeting {number}",
            status="occurred",
            confidence=0.8,
            start=day,
            start_precision="day",
            venue_id=hall.id,
            parent_id=tour.id,
        )
        await events.add_participants(
            session, event_id=meeting.id, participants=[(blinken.id, "guest"), (wang.id, "host")]
        )
        await topics.link_event(session, event_id=meeting.id, topics={"trade": ["trade"]}, taxonomy=taxonomy)
        await events.add_evidence(
            session, event_id=meeting.id, article_id=article.id, quote=text, start=0, end=len(text)
        )
        await events.create(
            session, kind="call", title=f"Follow-up {number}", status="occurred", confidence=0.5, parent_id=meeting.id
        )
    await session.commit()
    return blinken.id


async def test_timeline_statement_count_does_not_grow_with_the_page(
    run: Run, engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        blinken_id = await seed_many(session)
    counts = {}
    for size in (1, 100):
        query = TIMELINE_QUERY.replace("first: 20", f"first: {size}")
        with counting(engine) as statements:
            response = await run(query, actor=gid("Actor", blinken_id))
        assert "errors" not in response, response
        edges = response["data"]["events"]["edges"]
        assert len(edges) == size
        assert all(edge["node"]["children"] and edge["node"]["sources"] and edge["node"]["parent"] for edge in edges)
        counts[size] = len(statements)
    assert counts[1] == counts[100], counts
    # One statement each: the page (with its count, and each event's venue, parent event and venue's
    # parent, by a join), participants with their actors, topics, children, evidence with its articles.
    assert counts[100] == 5, counts


async def test_reference_dates_and_their_trails_cost_no_statement(
    run: Run, engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    _title, day, precision, basis = DATED_ARTICLES["caption"]
    async with session_factory() as session:
        for number in range(EVENTS):
            text = f"Story {number}."
            await articles.create(
                session,
                source=f"{number}.txt",
                raw_text=text,
                text=text,
                reference_date=day,
                reference_date_precision=precision,
                reference_date_basis=basis,
            )
        await session.commit()
    counts = {}
    for size in (1, 100):
        for fields in ("", DATING):
            with counting(engine) as statements:
                response = await run(f"{{ articles(first: {size}) {{ nodes {{ id title {fields} }} }} }}")
            assert "errors" not in response, response
            nodes = response["data"]["articles"]["nodes"]
            assert len(nodes) == size
            assert not fields or all(len(node["referenceDateBasis"]["candidates"]) == 4 for node in nodes)
            counts[(size, fields)] = len(statements)
    # The page alone, with or without the dating fields, for one article or a hundred.
    assert set(counts.values()) == {1}, counts


async def test_articles_are_read_without_their_texts_unless_asked(
    run: Run, engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    async with session_factory() as session:
        await seed_many(session)
    queries = {
        "sources": "{ events(first: 100) { nodes { sources { article { title outlet } } } } }",
        "articles": "{ articles { nodes { title referenceDate } } }",
        "search": '{ search(query: "many") { ... on Article { title } } }',
        "text": "{ articles { nodes { title text } } }",
    }
    statements = {}
    for name, query in queries.items():
        with counting(engine) as seen:
            response = await run(query)
        assert "errors" not in response, response
        # The columns selected: search's score reads the text, as it should, inside lower(…).
        statements[name] = " ".join(seen).lower()
        if name == "text":
            assert response["data"]["articles"]["nodes"] == [{"title": "Many", "text": "Blinken met Wang Yi."}]
    for name in ("sources", "articles", "search"):
        assert not TEXT_COLUMN.search(statements[name]), statements[name]
        assert "raw_text" not in statements[name], statements[name]
    assert TEXT_COLUMN.search(statements["text"])
    assert "raw_text" not in statements["text"]
