"""The lean executor (schema.execution) answers exactly what strawberry's own executor answers: the
same data for the queries of the APIs on the world, and the same errors where a plain field holds a
value its type refuses."""

from __future__ import annotations

import enum
from typing import Any

import pytest
import strawberry
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.explorer import TIMELINE_QUERY
from db.settings import Settings
from schema.context import Context
from schema.execution import LeanExecutionContext, plain_leaves
from schema.root import build_schema
from tests.schema.conftest import gid
from tests.schema.world import World

QUERIES = [
    TIMELINE_QUERY,
    """{ actors { totalCount nodes { __typename id name kind aliases positions { title start end }
      counterparts { eventCount actor { name } } events(first: 2) { nodes { title start status } } } } }""",
    """{ venues { nodes { name kind city country latitude longitude parent { name parent { name } }
      children { name } events { totalCount edges { cursor node { id title confidence } } } } } }""",
    """{ topics { nodes { slug label eventCount } } articles { nodes { title outlet published sourcePath
      referenceDate events { title venue { name } } } } }""",
    """{ search(query: "Blinken") { __typename ... on Event { t: title title start } ... on Actor { name }
      ... on Article { headline: title } } }""",
]


async def _answers(
    session_factory: async_sessionmaker[AsyncSession], executor: type[Any], query: str, **variables: Any
) -> Any:
    schema = build_schema(Settings())
    schema.execution_context_class = executor
    async with session_factory() as session:
        result = await schema.execute(query, variable_values=variables, context_value=Context.for_session(session))
    return result.data, [(error.message, error.path) for error in result.errors or []]


@pytest.mark.parametrize("index", range(len(QUERIES)))
async def test_the_apis_queries_are_answered_alike(
    world: World, session_factory: async_sessionmaker[AsyncSession], index: int
) -> None:
    variables = {"actor": gid("Actor", world.actors["blinken"])} if QUERIES[index] is TIMELINE_QUERY else {}
    lean = await _answers(session_factory, LeanExecutionContext, QUERIES[index], **variables)
    usual = await _answers(session_factory, StrawberryGraphQLCoreExecutionContext, QUERIES[index], **variables)
    assert lean == usual
    data, errors = lean
    assert not errors
    assert data


class Mood(enum.Enum):
    CALM = "calm"


@strawberry.type
class Thing:
    name: str
    note: str | None
    mood: Mood
    count: int


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing | None]:
        # A null where the type forbids one, a value the enum does not hold, a float for an Int.
        return [
            Thing(name="fine", note=None, mood=Mood.CALM, count=1),
            Thing(name=None, note="x", mood=Mood.CALM, count=2),  # type: ignore[arg-type]  # a wrong value on purpose
            Thing(name="odd", note=None, mood="angry", count=3),  # type: ignore[arg-type]  # a wrong value on purpose
            Thing(name="half", note=None, mood=Mood.CALM, count=2.5),  # type: ignore[arg-type]  # a wrong value on purpose
        ]


def test_values_a_type_refuses_are_the_same_errors() -> None:
    answers = []
    for executor in (LeanExecutionContext, StrawberryGraphQLCoreExecutionContext):
        schema = strawberry.Schema(query=Query, execution_context_class=executor)
        result = schema.execute_sync("{ things { name note mood count } }")
        answers.append((result.data, sorted((error.message, tuple(error.path or ())) for error in result.errors or [])))
    assert answers[0] == answers[1]
    data, errors = answers[0]
    assert data == {"things": [{"name": "fine", "note": None, "mood": "CALM", "count": 1}, None, None, None]}
    assert len(errors) == 3
    assert (schema_leaves := plain_leaves(strawberry.Schema(query=Query)._schema))
    assert ("Thing", "name") in schema_leaves
    assert ("Query", "things") not in schema_leaves


@strawberry.type
class Item:
    name: str

    @strawberry.field
    async def echo(self) -> str:
        if self.name == "boom":
            raise ValueError("boom")
        return self.name


@strawberry.type
class Box:
    item: Item
    maybe: Item | None
    items: list[Item]


def _box(item: Any = None, maybe: Any = None, items: Any = ()) -> Box:
    return Box(item=item or Item(name="one"), maybe=maybe, items=list(items))


@strawberry.type
class BoxQuery:
    @strawberry.field
    def boxes(self) -> list[Box | None]:
        # Fine; a null in a non-null object field; a null name in a list's item; an error awaited in an
        # item; an object of another class.
        return [
            _box(maybe=Item(name="two"), items=[Item(name="a"), Item(name="b")]),
            Box(item=None, maybe=None, items=[]),  # type: ignore[arg-type]  # a wrong value on purpose
            _box(items=[Item(name="a"), Item(name=None)]),  # type: ignore[arg-type]  # a wrong value on purpose
            _box(items=[Item(name="boom")]),
            _box(item=Thing(name="x", note=None, mood=Mood.CALM, count=1)),
        ]


async def test_objects_and_lists_of_objects_complete_alike() -> None:
    answers = []
    for executor in (LeanExecutionContext, StrawberryGraphQLCoreExecutionContext):
        schema = strawberry.Schema(query=BoxQuery, execution_context_class=executor)
        result = await schema.execute(
            "{ boxes { item { name echo } maybe { name } items { name echo } other: items { n: name } } }"
        )
        answers.append((result.data, sorted((error.message, tuple(error.path or ())) for error in result.errors or [])))
    assert answers[0] == answers[1]
    data, errors = answers[0]
    first = {"name": "one", "echo": "one"}
    assert data["boxes"][0] == {
        "item": first,
        "maybe": {"name": "two"},
        "items": [{"name": "a", "echo": "a"}, {"name": "b", "echo": "b"}],
        "other": [{"n": "a"}, {"n": "b"}],
    }
    assert data["boxes"][1:4] == [None, None, None]
    assert len(errors) == 3
