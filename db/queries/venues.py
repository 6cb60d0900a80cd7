"""Reading venues: a filtered, paginated list, look-ups by id and by parent, and the subtree of places
inside a venue (a city holds its buildings).

>>> venue_ids_within("venue_ids")  # doctest: +SKIP
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import CTE, Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Venue
from db.queries.among import among, among_ids, id_list
from db.queries.pagination import Ordering, Page, PageRequest, SortDirection, SortKey, count_rows, paginate
from db.queries.rows import VENUE_COLUMNS, VenueRow
from db.queries.tables import VENUES
from db.queries.text import contains

__all__ = [
    "VenueFilter",
    "VenueSortField",
    "children_by_parent_ids",
    "count_venues",
    "list_venues",
    "venue_ids_within",
    "venue_trees",
    "venues_by_ids",
]


class VenueSortField(StrEnum):
    NAME = "name"


@dataclass(frozen=True)
class VenueFilter:
    """Venues in any of ``countries`` (ISO alpha-2), of any of ``kinds``, whose name holds ``search``."""

    countries: Sequence[str] = ()
    kinds: Sequence[str] = ()
    search: str | None = None


def venue_ids_within(bound: str) -> Select[int]:
    """The ids of the venues bound as ``bound`` at execution (``{bound: id_list(ids)}``) and of every
    place inside them, at any depth. ``UNION`` rather than ``UNION ALL`` so a cycle in the parent chain
    ends the recursion instead of looping."""
    tree = select(VENUES.c.id).where(among_ids(VENUES.c.id, bound)).cte("venue_tree", recursive=True)
    tree = tree.union(select(VENUES.c.id).where(VENUES.c.parent_id == tree.c.id))
    return select(tree.c.id)


def venue_trees(venue_ids: Sequence[int]) -> CTE:
    """``(root, id)`` for each of these venues (its own root) and every place inside it, at any depth:
    ``venue_ids_within`` for many venues at once, each place tagged with the venue it lies in."""
    roots = select(VENUES.c.id.label("root"), VENUES.c.id.label("id")).where(among(VENUES.c.id, venue_ids))
    tree = roots.cte("venue_trees", recursive=True)
    return tree.union(select(tree.c.root, VENUES.c.id).where(VENUES.c.parent_id == tree.c.id))


def _filtered(venue_filter: VenueFilter) -> Select[Venue]:
    query = select(Venue)
    if venue_filter.countries:
        query = query.where(Venue.country.in_([code.upper() for code in venue_filter.countries]))
    if venue_filter.kinds:
        query = query.where(Venue.kind.in_(list(venue_filter.kinds)))
    if venue_filter.search:
        query = query.where(contains(Venue.name, venue_filter.search))
    return query


def _ordering(field: VenueSortField, direction: SortDirection) -> Ordering:
    descending = direction is SortDirection.DESC
    return Ordering(
        name=f"venue:{field}:{direction}",
        keys=(SortKey(Venue.name, descending), SortKey(Venue.id, descending)),
    )


async def list_venues(
    session: AsyncSession,
    *,
    venue_filter: VenueFilter,
    page: PageRequest,
    sort: VenueSortField = VenueSortField.NAME,
    direction: SortDirection = SortDirection.ASC,
) -> Page[Venue]:
    """One page of the venues that pass ``venue_filter``."""
    return await paginate(session, _filtered(venue_filter), _ordering(sort, direction), page)


async def count_venues(session: AsyncSession, *, venue_filter: VenueFilter) -> int:
    return await count_rows(session, _filtered(venue_filter))


# Built once: only the ids change from call to call.
_VENUES_BY_IDS = select(*VENUE_COLUMNS).where(among_ids(VENUES.c.id))


async def venues_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, VenueRow]:
    """The venues with these ids, by id (missing ones absent)."""
    rows = await session.execute(_VENUES_BY_IDS, {"ids": id_list(ids)})
    return {row.id: VenueRow(*row) for row in rows}


async def children_by_parent_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[Venue]]:
    """The places directly inside each venue, by name."""
    rows = await session.scalars(select(Venue).where(among(Venue.parent_id, ids)).order_by(Venue.name, Venue.id))
    children: dict[int, list[Venue]] = defaultdict(list)
    for venue in rows:
        assert venue.parent_id is not None
        children[venue.parent_id].append(venue)
    return children
