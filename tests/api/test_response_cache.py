"""The GraphQL response cache: a query asked again on unchanged data is answered without running it
(one statement, the look-up of the data version), a write makes the next answer new, an answer with
errors is never kept, and a cache of size 0 keeps nothing."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import event
from starlette.testclient import TestClient

from api.app import create_app
from db.services import actors
from db.session import create_engine, create_session_factory
from db.settings import Settings

PARTLY_WRONG = '{ actors { totalCount } actor(id: "not-an-id") { name } }'
ACTORS = "query Actors($kind: [ActorKind!]) { actors(filter: {kinds: $kind}) { totalCount nodes { name } } }"


def _post(client: TestClient, statements: list[str], query: str = ACTORS, **variables: Any) -> dict[str, Any]:
    engine = client.app.state.engine.sync_engine  # type: ignore[attr-defined]

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        response = client.post("/graphql", json={"query": query, "variables": variables})
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def _add_actor(settings: Settings, slug: str) -> None:
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            await actors.get_or_create(session, slug=slug, kind="person", name=slug.title())
            await session.commit()
    finally:
        await engine.dispose()


def test_a_repeated_query_is_answered_from_the_cache_until_the_data_changes(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        first: list[str] = []
        answer = _post(client, first, kind=["PERSON"])
        assert answer["data"]["actors"] == {"totalCount": 0, "nodes": []}
        again: list[str] = []
        assert _post(client, again, kind=["PERSON"]) == answer
        assert len(first) > 1
        assert len(again) == 1
        assert "data_version" in again[0]

        other: list[str] = []
        _post(client, other, kind=["COUNTRY"])
        assert len(other) == len(first)

        asyncio.run(_add_actor(migrated_settings, "wang-yi"))
        changed: list[str] = []
        assert _post(client, changed, kind=["PERSON"])["data"]["actors"] == {
            "totalCount": 1,
            "nodes": [{"name": "Wang-Yi"}],
        }
        assert len(changed) == len(first)


def test_errors_are_not_kept_and_size_zero_keeps_nothing(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        counts = []
        for _ in range(2):
            statements: list[str] = []
            assert _post(client, statements, PARTLY_WRONG)["errors"]
            counts.append(len(statements))
        assert counts[0] == counts[1] > 1
    uncached = migrated_settings.model_copy(update={"graphql_response_cache_size": 0})
    with TestClient(create_app(uncached)) as client:
        counts = []
        for _ in range(2):
            statements: list[str] = []
            _post(client, statements, kind=["PERSON"])
            counts.append(len(statements))
        assert counts[0] == counts[1] > 1
        assert all("data_version" not in statement for statement in statements)
