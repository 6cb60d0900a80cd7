"""``among(column, ids)`` selects the rows whose column is one of the ids, with the same SQL for any
number of them (so a statement is parsed and prepared once, not once per count of ids)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from db.models import Actor
from db.queries.among import among
from db.services import actors


async def test_the_same_statement_for_any_number_of_ids(session: AsyncSession, engine: AsyncEngine) -> None:
    created = [
        (await actors.get_or_create(session, slug=f"actor-{n}", kind="person", name=f"Actor {n}")).id for n in range(5)
    ]
    await session.commit()
    statements: set[str] = set()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.add(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        found = [
            sorted(await session.scalars(select(Actor.id).where(among(Actor.id, ids))))
            for ids in ([created[0]], created[1:4], [*created, 10_000], [])
        ]
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert found == [[created[0]], sorted(created[1:4]), sorted(created), []]
    assert len(statements) == 1, statements
