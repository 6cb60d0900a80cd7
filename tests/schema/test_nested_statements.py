"""No N+1 under a list: every entry point whose nodes hold connections or lists of their own (an
actor's events and counterparts, a venue's events, a topic's events, an article's events, the events
of a participant's actor; search hits; nodes by ID) costs the same number of SQL statements for a page
of 1, 20 or 100 parents, counted as they reach the database; ``node(id:)`` what ``nodes`` of one ID
costs. (REST's lists and resources: tests/api/rest/test_statements.py.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.services import actors, articles, events, topics, venues
from tests.schema.conftest import Run
from tests.schema.test_statements import counting
from tests.schema.world import CHINA, Place

PARENTS = 100
EVENTS_EACH = 3
SIZES = (1, 20, 100)
RecordProperty = Callable[[str, object], None]

ACTORS = """{ actors(first: N) { nodes { name aliases positions { title } counterparts { eventCount actor { name } }
  events(first: 3) { totalCount pageInfo { hasNextPage endCursor } nodes { title venue { name } } } } } }"""
VENUES = """{ venues(first: N, filter: {kinds: [BUILDING]}) { nodes { name parent { name } children { name }
  events(first: 5) { totalCount nodes { id } } } } }"""
TOPICS = "{ topics(first: N) { nodes { label eventCount events(first: 2) { totalCount nodes { id } } } } }"
ARTICLES = "{ articles(first: N) { nodes { title events { id title venue { name } } } } }"
EVENTS = """{ events(first: N) { nodes { title participants { actor { name
  events(first: 1, orderBy: {field: TITLE, direction: DESC}) { totalCount nodes { id } } } } } } }"""
# What each query lists at the top, and how many of the nested events each of its parents shows.
SHAPES = {
    "actors": (ACTORS, "events", 3),
    "venues": (VENUES, "events", EVENTS_EACH),
    "topics": (TOPICS, "events", 2),
    "articles": (ARTICLES, "events", EVENTS_EACH),
}


async def seed_parents(session: AsyncSession) -> None:
    """PARENTS actors, buildings, topics and articles; each parent has EVENTS_EACH events of its own,
    which its neighbour (the next actor) also took part in."""
    taxonomy = await topics.ensure_taxonomy(
        session, definitions=[(f"topic-{n:03}", f"Topic {n:03}", None) for n in range(PARENTS)]
    )
    people = [
        await actors.get_or_create(session, slug=f"person-{n:03}", kind="person", name=f"Person {n:03}")
        for n in range(PARENTS)
    ]
    for number, person in enumerate(people):
        await actors.add_aliases(session, actor=person, spellings=[(f"P. {number:03}", f"p. {number:03}")])
        city = Place(f"city-{number:03}", "city", f"City {number:03}", country="CN", parent=CHINA)
        hall = await venues.get_or_create(
            session, spec=Place(f"hall-{number:03}", "building", f"Hall {number:03}", country="CN", parent=city)
        )
        text = f"Person {number} met their neighbour."
        article = await articles.create(session, source=f"{number}.txt", raw_text=text, text=text, title=f"A {number}")
        neighbour = people[(number + 1) % PARENTS]
        for index in range(EVENTS_EACH):
            meeting = await events.create(
                session,
                kind="meeting",
                title=f"Meeting {number}.{index}",
                status="occurred",
                confidence=0.7,
                start=date(2023, 1, 1) + timedelta(days=index),
                start_precision="day",
                venue_id=hall.id,
            )
            await events.add_participants(
                session, event_id=meeting.id, participants=[(person.id, "host"), (neighbour.id, "guest")], known=()
            )
            await topics.link_event(
                session, event_id=meeting.id, topics={f"topic-{number:03}": ["x"]}, taxonomy=taxonomy
            )
            await events.add_evidence(
                session, event_id=meeting.id, article_id=article.id, quote=text, start=0, end=len(text)
            )
    await session.commit()


@pytest.fixture
async def parents(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with session_factory() as session:
        await seed_parents(session)


async def _count(run: Run, engine: AsyncEngine, query: str, size: int) -> tuple[int, dict[str, object]]:
    with counting(engine) as statements:
        response = await run(query.replace("first: N", f"first: {size}"))
    assert "errors" not in response, response
    return len(statements), response["data"]


@pytest.mark.parametrize("shape", sorted(SHAPES))
async def test_a_list_of_parents_costs_the_same_for_any_page(
    run: Run, engine: AsyncEngine, parents: None, shape: str, record_property: RecordProperty
) -> None:
    query, field, per_parent = SHAPES[shape]
    counts = {}
    for size in SIZES:
        counts[size], data = await _count(run, engine, query, size)
        nodes = data[shape]["nodes"]  # type: ignore[index]
        assert len(nodes) == size
        assert all(
            len(node[field] if isinstance(node[field], list) else node[field]["nodes"]) == per_parent for node in nodes
        )
    record_property("measurement", f"statements of {shape} at first 1/20/100: {counts}")
    assert len(set(counts.values())) == 1, counts


async def test_connections_below_lists_below_a_list_cost_the_same_for_any_page(
    run: Run, engine: AsyncEngine, parents: None, record_property: RecordProperty
) -> None:
    counts = {}
    for size in SIZES:
        counts[size], data = await _count(run, engine, EVENTS, size)
        nodes = data["events"]["nodes"]  # type: ignore[index]
        assert len(nodes) == size
        totals = {p["actor"]["events"]["totalCount"] for node in nodes for p in node["participants"]}
        # Each actor hosts EVENTS_EACH meetings and is the guest of as many.
        assert totals == {2 * EVENTS_EACH}
    record_property("measurement", f"statements of events > participants > actor > events at first 1/20/100: {counts}")
    assert len(set(counts.values())) == 1, counts


# Search hits and nodes fetched by ID, with the connections below them.
SEARCH_EVENTS = """{ search(query: "Meeting", first: N) { ... on Event { title venue { name parent { name } }
  participants { actor { name events(first: 2) { totalCount nodes { title } } } }
  topics { label } sources { quote } } } }"""
SEARCH_ACTORS = """{ search(query: "Person", first: N) { ... on Actor { name aliases
  events(first: 2) { totalCount nodes { title venue { name } } } } } }"""
NODE_FIELDS = """... on Actor { name aliases counterparts { actor { name } } events(first: 3) { totalCount
  nodes { title venue { name } } } } ... on Venue { name parent { name } events(first: 2) { totalCount nodes { id } } }
  ... on Topic { label events(first: 2) { totalCount nodes { id } } }
  ... on Article { headline: title supported: events { title venue { name } } }
  ... on Event { title venue { name } participants { actor { name events(first: 1) { totalCount } } } }"""
NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { " + NODE_FIELDS + " } }"
NODE = "query($id: ID!) { node(id: $id) { " + NODE_FIELDS + " } }"
# Each type's list, for the IDs of its nodes.
LISTS = {
    "actors": "{ actors(first: 100) { nodes { id } } }",
    "venues": "{ venues(first: 100, filter: {kinds: [BUILDING]}) { nodes { id } } }",
    "topics": "{ topics(first: 100) { nodes { id } } }",
    "articles": "{ articles(first: 100) { nodes { id } } }",
    "events": "{ events(first: 100) { nodes { id } } }",
}


SEARCHES = {"events": SEARCH_EVENTS, "actors": SEARCH_ACTORS}


@pytest.mark.parametrize("name", sorted(SEARCHES))
async def test_search_costs_the_same_for_any_number_of_hits(
    run: Run, engine: AsyncEngine, parents: None, name: str, record_property: RecordProperty
) -> None:
    query = SEARCHES[name]
    counts = {}
    for size in SIZES:
        counts[size], data = await _count(run, engine, query.replace("first: N", f"first: {size}"), size)
        hits = data["search"]  # type: ignore[index]
        assert len(hits) == size
        assert all(hit.get("title") or hit.get("name") for hit in hits)
    record_property("measurement", f"statements of search for {name} at first 1/20/100: {counts}")
    assert len(set(counts.values())) == 1, counts


async def _ids(run: Run, shape: str) -> list[str]:
    response = await run(LISTS[shape])
    assert "errors" not in response, response
    return [node["id"] for node in response["data"][shape]["nodes"]]


@pytest.mark.parametrize("shape", sorted(LISTS))
async def test_nodes_by_id_cost_the_same_for_one_or_a_hundred(
    run: Run, engine: AsyncEngine, parents: None, shape: str, record_property: RecordProperty
) -> None:
    ids = await _ids(run, shape)
    assert len(ids) == PARENTS
    counts = {}
    for size in SIZES:
        with counting(engine) as statements:
            response = await run(NODES, ids=ids[:size])
        assert "errors" not in response, response
        nodes = response["data"]["nodes"]
        assert len(nodes) == size
        assert all(
            node and (node.get("name") or node.get("title") or node.get("label") or node["headline"]) for node in nodes
        )
        counts[size] = len(statements)
    singles = {}
    for index in (0, PARENTS // 2):
        with counting(engine) as statements:
            response = await run(NODE, id=ids[index])
        assert "errors" not in response, response
        assert response["data"]["node"]
        singles[index] = len(statements)
    record_property("measurement", f"statements of nodes({shape}) at 1/20/100: {counts}; node(id:): {singles}")
    if shape == "actors":
        # A hundred actors are every actor: each counterpart is then one of the nodes already read, and
        # the look-up of counterparts' actors is skipped (one statement fewer, never more).
        assert counts[1] == counts[20] == counts[100] + 1, counts
    else:
        assert len(set(counts.values())) == 1, counts
    # node(id:) costs what nodes(ids:) of one ID costs, whichever node it is.
    assert set(singles.values()) == {counts[1]}, (singles, counts)


PAGE = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { title }"
NESTED = {
    "actors": "{ actors(first: 100) { nodes { id events(%s) { " + PAGE + " } } } }",
    "venues": "{ venues(first: 100, filter: {kinds: [CITY]}) { nodes { id events(%s) { " + PAGE + " } } } }",
    "topics": "{ topics(first: 100) { nodes { id events(%s) { " + PAGE + " } } } }",
}
ROOT = '{ events(%s, filter: {%s: ["%s"]%s}) { ' + PAGE + " } }"


async def _pages(run: Run, shape: str, arguments: str, extra_filter: str) -> dict[str, object]:
    """Each parent's nested page, with the root list's page for the same parent beside it."""
    nested_arguments = arguments + (f", filter: {{{extra_filter.lstrip(', ')}}}" if extra_filter else "")
    response = await run(NESTED[shape] % nested_arguments)
    assert "errors" not in response, response
    pages = {}
    for node in response["data"][shape]["nodes"][::17]:
        root = await run(ROOT % (arguments, shape, node["id"], extra_filter))
        assert "errors" not in root, root
        pages[node["id"]] = (node["events"], root["data"]["events"])
    return pages


@pytest.mark.parametrize("shape", sorted(NESTED))
async def test_nested_pages_are_the_root_list_filtered_by_their_parent(run: Run, parents: None, shape: str) -> None:
    for extra_filter in ("", ', kinds: [MEETING], from: "2023-01-02"'):
        first = await _pages(run, shape, "first: 2", extra_filter)
        for nested, root in first.values():
            assert nested == root
        after = await _pages(
            run, shape, f'first: 5, after: "{next(iter(first.values()))[0]["pageInfo"]["endCursor"]}"', extra_filter
        )
        backwards = await _pages(run, shape, "last: 1, orderBy: {field: TITLE, direction: DESC}", extra_filter)
        for pages in (after, backwards):
            assert pages
            for nested, root in pages.values():
                assert nested == root
