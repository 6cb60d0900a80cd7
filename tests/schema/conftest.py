"""Fixtures of the schema tests: the seeded world, and a way to run a query against it the way the
HTTP view does (a fresh context and session per request)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.ids import encode_id
from db.settings import Settings
from schema.context import Context
from schema.root import ReadoutSchema, build_schema
from tests.schema.world import World, build_world

Run = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture(scope="session")
def graphql_schema() -> ReadoutSchema:
    return build_schema(Settings())


@pytest.fixture
async def world(session_factory: async_sessionmaker[AsyncSession]) -> World:
    async with session_factory() as session:
        return await build_world(session)


@pytest.fixture
def run(graphql_schema: ReadoutSchema, session_factory: async_sessionmaker[AsyncSession]) -> Run:
    """``await run(query, **variables)``: the response as a dict with ``data`` and, if any, ``errors``
    (their messages)."""

    async def execute(query: str, **variables: Any) -> dict[str, Any]:
        async with session_factory() as session:
            result = await graphql_schema.execute(
                query, variable_values=variables, context_value=Context.for_session(session)
            )
        response: dict[str, Any] = {"data": result.data}
        if result.errors:
            response["errors"] = [error.message for error in result.errors]
        return response

    return execute


def gid(type_name: str, pk: int) -> str:
    return encode_id(type_name, pk)
