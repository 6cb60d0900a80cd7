"""The per-request context: one database session, a lock that lets resolvers running side by side
take turns on it (an ``AsyncSession`` runs one statement at a time), and the request's DataLoaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from db.queries.pagination import MAX_PAGE_SIZE
from schema.loaders import Loaders

if TYPE_CHECKING:
    from schema.errors import PublicError
    from schema.responses import ResponseCache

__all__ = ["Context", "Database"]

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Database:
    """The request's session, used by one query at a time."""

    session: AsyncSession
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def run(
        self, fetch: Callable[Concatenate[AsyncSession, P], Awaitable[R]], /, *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """``await fetch(session, *args, **kwargs)`` once no other query holds the session."""
        async with self.lock:
            return await fetch(self.session, *args, **kwargs)


@dataclass
class Context:
    """What every resolver gets as ``info.context``."""

    db: Database
    loaders: Loaders
    page_cap: int = MAX_PAGE_SIZE
    # Spends a query's cost points from the client's rate limit: None when they were there, else the
    # refusal (schema.limits calls it once the cost is known). None: no rate limit.
    charge: Callable[[int], Awaitable[PublicError | None]] | None = None
    # The app's response cache (schema.responses); None: every query is executed.
    responses: ResponseCache | None = None

    @classmethod
    def for_session(
        cls,
        session: AsyncSession,
        *,
        page_cap: int = MAX_PAGE_SIZE,
        charge: Callable[[int], Awaitable[PublicError | None]] | None = None,
        responses: ResponseCache | None = None,
    ) -> Context:
        """A fresh context (empty DataLoader caches) around ``session``; pages hold at most ``page_cap``;
        ``charge`` spends the cost of the query from the client's rate limit; ``responses`` answers
        repeated queries."""
        database = Database(session)
        return cls(
            db=database, loaders=Loaders.build(database.run), page_cap=page_cap, charge=charge, responses=responses
        )
