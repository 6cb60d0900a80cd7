"""The validation cache holds across requests: a document is validated once, however often it comes
with whatever variables, and what it refused the first time it refuses again."""

from __future__ import annotations

import uuid

from db.settings import Settings
from schema.root import ReadoutSchema, build_schema
from tests.schema.conftest import Run

EVENTS_PAGE = "query Events_%s($n: Int) { events(first: $n) { nodes { id title venue { name } } } }"


async def test_a_repeated_document_is_validated_once(run: Run, graphql_schema: ReadoutSchema) -> None:
    # A text the session-wide schema has not validated before (the test runs once per database).
    document = EVENTS_PAGE % uuid.uuid4().hex
    before = graphql_schema.validated.cache_info()
    for size in range(1, 6):
        response = await run(document, n=size)
        assert response == {"data": {"events": {"nodes": []}}}
    after = graphql_schema.validated.cache_info()
    assert (after.misses - before.misses, after.hits - before.hits) == (1, 4), (before, after)


async def test_a_refused_document_stays_refused_when_it_repeats() -> None:
    schema = build_schema(Settings(graphql_max_depth=2))
    messages = []
    for _ in range(3):
        result = await schema.execute("{ events { nodes { venue { parent { name } } } } }")
        assert result.errors is not None
        messages.append([error.message for error in result.errors])
    assert messages[0] == messages[1] == messages[2]
    assert "exceeds maximum operation depth" in messages[0][0]
    info = schema.validated.cache_info()
    assert (info.misses, info.hits) == (1, 2), info
