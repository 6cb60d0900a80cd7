"""The GraphQL response cache: a query asked again, with the same variables, while the data has not
changed, is answered from memory for the price of a hash and one look-up of the data version.

Entries are keyed by the SHA-256 of the document, its variables (keys sorted) and the operation name,
and hold the data version (``db.data_version``: every committed write raises it) that the answer was
computed on; an entry of an older version is executed again and replaced. Only answers without errors
are kept. The look-up happens when execution would start: after parsing, validation and the query
limits, which refuse and charge the query's cost as for any other.

The version is read before any data, so an answer is never kept under a version newer than its data.
For a query with no entry it is read lazily, just before the first statement the execution runs
(``data_version.read_before_first_statement``): a query the resolvers refuse (a page too large, a bad
cursor) still runs no SQL.

The cache belongs to the app (``Context.responses``), one per database; a context without one (a
direct ``schema.execute``) executes every query.

>>> cache = ResponseCache(maxsize=2)
>>> cache.get(ResponseCache.key("{ events { totalCount } }", {}, None), version=7) is None
True
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from graphql import ExecutionResult
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.extensions import SchemaExtension

from db import data_version

__all__ = ["ResponseCache", "ResponseCaching"]


@dataclass(frozen=True)
class _Entry:
    version: int
    result: ExecutionResult


class ResponseCache:
    """The last ``maxsize`` successful results, least recently used out first."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._entries: OrderedDict[str, _Entry] = OrderedDict()

    @staticmethod
    def key(query: str, variables: Mapping[str, Any] | None, operation_name: str | None) -> str | None:
        """The entry's key, or None when the variables are not plain JSON (such a request is not cached)."""
        try:
            payload = orjson.dumps([query, variables or {}, operation_name], option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return None
        return hashlib.sha256(payload).hexdigest()

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def get(self, key: str, *, version: int) -> ExecutionResult | None:
        """The result kept for ``key`` if it was computed on ``version``."""
        found = self._entries.get(key)
        if found is None or found.version != version:
            return None
        self._entries.move_to_end(key)
        return found.result

    def put(self, key: str, result: ExecutionResult, *, version: int) -> None:
        """Keep ``result``, computed on ``version``, if it answered without errors."""
        if result.errors or result.data is None or self.maxsize == 0:
            return
        self._entries[key] = _Entry(version, result)
        self._entries.move_to_end(key)
        while len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)


class ResponseCaching(SchemaExtension):
    """Answers from ``Context.responses`` when it holds the query on the current data version, and
    keeps what was executed otherwise."""

    def __init__(self) -> None:
        super().__init__()
        self.version: int | None = None

    async def _read_version(self, session: AsyncSession) -> None:
        self.version = await data_version.current(session)

    def _found(self, version: int) -> None:
        self.version = version

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        cache: ResponseCache | None = getattr(context.context, "responses", None)
        key = None
        if cache is not None and cache.maxsize and context.result is None and context.query is not None:
            key = cache.key(context.query, context.variables, context.operation_name)
        if cache is None or key is None:
            yield
            return
        database = context.context.db
        if key in cache:
            try:
                await database.run(self._read_version)
            except (SQLAlchemyError, OSError):
                # Unanswered here, the failure comes back from the resolvers' first query, which maps
                # it like any other (503 when the database is unreachable, a masked error otherwise).
                self.version = None
            cached = cache.get(key, version=self.version) if self.version is not None else None
            if cached is not None:
                context.result = cached
                yield
                return
        cancel = (
            data_version.read_before_first_statement(database.session, self._found) if self.version is None else None
        )
        yield
        if cancel is not None:
            cancel()
        if self.version is not None and isinstance(context.result, ExecutionResult):
            cache.put(key, context.result, version=self.version)
