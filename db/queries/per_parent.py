"""Nested lists without N+1: the same page, or the count, of the rows of many parents at once, in one
statement whatever the number of parents (an actor's, a venue's or a topic's events under a list of
them), on the keyset pagination of ``db.queries.pagination``.

    >>> await paginate_per_parent(session, query, parent=key, parent_ids=[1, 2], ...)  # doctest: +SKIP
    {1: Page(...), 2: Page(...)}
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from db.queries.pagination import (
    Build,
    Ordering,
    Page,
    PageRequest,
    SqlExpression,
    bounded,
    cursor_values,
    labelled,
    order_by,
    page_of,
)

__all__ = ["count_rows_per_parent", "paginate_per_parent"]


async def paginate_per_parent(
    session: AsyncSession,
    query: Select[Any],
    *,
    parent: SqlExpression,
    parent_ids: Sequence[int],
    ordering: Ordering,
    request: PageRequest,
    build: Build | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[int, Page[Any]]:
    """The same page of each parent's rows, in one statement: ``query`` selects one entity (or columns
    that ``build`` makes one item of), unordered, joined to ``parent`` (the id of the row's parent) and
    limited to ``parent_ids``; each parent's rows are numbered in ``ordering`` (``ROW_NUMBER() OVER
    (PARTITION BY parent …)``) and the first of them kept. Every one of ``parent_ids`` gets a page,
    empty when it has no rows. ``params`` are the values of the parameters ``query`` binds by name."""
    size = request.size()
    width = len(query.selected_columns)
    position = func.row_number().over(partition_by=parent, order_by=order_by(ordering, reverse=request.backwards))
    values = cursor_values(ordering, request)
    windowed = (
        bounded(query, ordering, request)
        .add_columns(parent.label("parent_key"), *labelled(ordering), position.label("position"))
        .subquery("windowed")
    )
    items: list[Any] = (
        [aliased(query.column_descriptions[0]["entity"], windowed)] if build is None else list(windowed.c)[:width]
    )
    width = len(items)
    sort_values = [windowed.c[f"sort_key_{index}"] for index in range(len(ordering.keys))]
    outer = (
        select(*items, windowed.c.parent_key, *sort_values)
        .where(windowed.c.position <= size + 1)
        .order_by(windowed.c.parent_key, windowed.c.position)
    )
    grouped: dict[int, list[Sequence[Any]]] = defaultdict(list)
    for row in await session.execute(outer, {**values, **(params or {})}):
        item = row[0] if build is None else build(row[:width])
        grouped[row[width]].append((item, *row[width + 1 :]))
    return {parent_id: page_of(grouped.get(parent_id, []), ordering, request) for parent_id in parent_ids}


async def count_rows_per_parent(
    session: AsyncSession, query: Select[Any], parent: SqlExpression, *, params: Mapping[str, Any] | None = None
) -> dict[int, int]:
    """How many rows ``query`` selects for each ``parent`` (the id of a row's parent, as for
    ``paginate_per_parent``), in one statement; parents without rows are absent."""
    keyed = query.order_by(None).add_columns(parent.label("parent_key")).subquery("keyed")
    counted = select(keyed.c.parent_key, func.count()).group_by(keyed.c.parent_key)
    return {parent_id: int(count) for parent_id, count in await session.execute(counted, dict(params or {}))}
