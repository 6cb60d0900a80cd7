"""What the knowledge base holds: how many articles, events, actors, venues and topics, in one
statement (a scalar subquery each).

    >>> await holdings(session)  # doctest: +SKIP
    {'articles': 5, 'events': 23, 'actors': 48, 'venues': 13, 'topics': 16}
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.queries.tables import ACTORS, ARTICLES, EVENTS, TOPICS, VENUES

__all__ = ["holdings"]

_TABLES = {"articles": ARTICLES, "events": EVENTS, "actors": ACTORS, "venues": VENUES, "topics": TOPICS}
_HOLDINGS = select(
    *(select(func.count()).select_from(table).scalar_subquery().label(name) for name, table in _TABLES.items())
)


async def holdings(session: AsyncSession) -> dict[str, int]:
    """The number of rows of each kind, by plural name, in the order above."""
    row = (await session.execute(_HOLDINGS)).one()
    return {name: int(value) for name, value in row._mapping.items()}
