"""The worst-case cost of documents (``schema.limits``), the limits refusing them before any SQL, and
the cost reported in ``extensions``."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry
from graphql import parse
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from api.explorer import TIMELINE_QUERY
from db.settings import Settings
from schema.context import Context
from schema.limits import LIST_ESTIMATE, QueryCost, analyse_query, repeated_fields
from schema.root import build_schema
from tests.schema.test_statements import counting


def cost(graphql_schema: strawberry.Schema, document: str, **variables: Any) -> QueryCost:
    analysis = analyse_query(graphql_schema, parse(document), None, variables, page_cap=100)
    assert analysis is not None
    assert analysis.problems == []
    return analysis.cost


@pytest.mark.parametrize(
    ("document", "nodes", "points"),
    [
        # A page of the default size: 20 events, and the look-up of the page.
        ("{ events { nodes { title } } }", 20, 21),
        ("{ events(first: 5) { edges { cursor node { title } } pageInfo { hasNextPage } } }", 5, 6),
        ("{ events(last: 7) { nodes { id } totalCount } }", 7, 9),
        # Above the page cap the resolver refuses; the analysis counts the cap.
        ("{ events(first: 1000) { nodes { id } } }", 100, 101),
        # Each event's venue: a look-up and an object per event.
        ("{ events(first: 10) { nodes { venue { name } } } }", 20, 31),
        # A list without pagination counts as LIST_ESTIMATE objects.
        ("{ events(first: 1) { nodes { participants { role } } } }", 1 + LIST_ESTIMATE, 3 + LIST_ESTIMATE),
        ('{ nodes(ids: ["a", "b", "c"]) { id } }', 3, 4),
        ('{ search(query: "x", first: 4) { __typename } }', 4, 14),
        # The dearest member of a union counts.
        (
            '{ search(query: "x", first: 2) { ... on Event { title } '
            "... on Actor { events(first: 3) { nodes { id } } } } }",
            8,
            20,
        ),
        # A fragment spread twice is fetched once; scalars and introspection cost nothing.
        ("{ ...F ...F } fragment F on Query { events(first: 2) { nodes { id } } }", 2, 3),
        ("{ __typename __schema { types { name fields { name } } } }", 0, 0),
    ],
)
def test_worst_cases(graphql_schema: strawberry.Schema, document: str, nodes: int, points: int) -> None:
    assert cost(graphql_schema, document) == QueryCost(nodes=nodes, points=points)


def test_the_timeline_fits_at_every_page_size(graphql_schema: strawberry.Schema) -> None:
    settings = Settings()
    small = cost(graphql_schema, TIMELINE_QUERY)
    large = cost(graphql_schema, TIMELINE_QUERY.replace("first: 20", "first: 100"))
    assert small == QueryCost(nodes=1280, points=1422)
    assert large == QueryCost(nodes=6400, points=7102)
    assert large.nodes <= settings.graphql_max_nodes
    assert large.points <= settings.graphql_max_cost


def test_variables_and_their_defaults_size_the_pages(graphql_schema: strawberry.Schema) -> None:
    document = "query($n: Int = 3) { events(first: $n) { nodes { id } } }"
    assert cost(graphql_schema, document).nodes == 3
    assert cost(graphql_schema, document, n=9).nodes == 9


def test_inputs_are_checked_wherever_they_are_written(graphql_schema: strawberry.Schema) -> None:
    document = 'query($a: [ID]) { events(filter: {actors: $a, text: "a\\u0000"}) { totalCount } }'
    analysis = analyse_query(graphql_schema, parse(document), None, {"a": ["x"] * 21}, page_cap=100)
    assert analysis is not None
    assert analysis.problems == [
        ("events(filter).actors", "at most 20 values, not 21"),
        ("events(filter).text", "must not hold NUL characters"),
    ]


def test_repeated_fields_are_counted_per_selection_set() -> None:
    assert repeated_fields(parse("{ a: __typename a: __typename b: __typename }"), 1) == ("a", 2)
    assert repeated_fields(
        parse("{ events { totalCount } ...F } fragment F on Query { events { totalCount } }"), 1
    ) == (
        "events",
        2,
    )
    # The same name in different selection sets, and one fragment spread twice, are no repeats.
    assert repeated_fields(parse("{ events { totalCount } actors { totalCount } }"), 1) is None
    assert repeated_fields(parse("{ ...F ...F } fragment F on Query { events { totalCount } }"), 1) is None


async def test_a_query_over_a_limit_is_refused_before_any_sql(
    engine: AsyncEngine, session_factory: async_sessionmaker[AsyncSession]
) -> None:
    schema = build_schema(Settings(graphql_max_nodes=50, graphql_max_cost=60))
    documents = {
        "{ events(first: 51) { nodes { id } } }": "may return 51 objects; the limit is 50",
        "{ events(first: 30) { nodes { id venue { name } } } }": "may return 60 objects; the limit is 50",
        "{ events(first: 25) { nodes { venue { id } } totalCount } }": "costs 77 points; the limit is 60",
    }
    for document, message in documents.items():
        async with session_factory() as session:
            with counting(engine) as statements:
                result = await schema.execute(document, context_value=Context.for_session(session))
        assert statements == []
        assert result.data is None
        assert result.errors is not None
        (error,) = result.errors
        assert message in error.message
        assert error.extensions == {"code": "QUERY_TOO_COMPLEX"}
        assert result.extensions is not None
        assert result.extensions["cost"]["maxNodes"] == 50


async def test_every_query_reports_its_cost(session_factory: async_sessionmaker[AsyncSession]) -> None:
    async with session_factory() as session:
        result = await build_schema(Settings()).execute(
            "{ topics(first: 3) { nodes { label eventCount } } }", context_value=Context.for_session(session)
        )
    assert result.errors is None
    assert result.extensions == {"cost": {"nodes": 3, "points": 7, "maxNodes": 10_000, "maxPoints": 20_000}}
