"""Keyset pagination shared by every list of the APIs: a page request (first/after, last/before), an
ordering on one or more sort keys ending in the primary key, opaque cursors, and the page itself.

A cursor holds the sort values of its row (``db.queries.cursors``), so the next page starts strictly
after that row whatever was added or removed since: no row is skipped or repeated while data is added.
A query built once (``template``) gets its page and count statements built once too.

>>> PageRequest(first=101).size()
Traceback (most recent call last):
...
db.queries.cursors.PaginationError: first may be at most 100, not 101
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import CTE, FromClause, Integer, Select, Subquery, bindparam, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.queries.cursors import (
    Ordering,
    PaginationError,
    SortKey,
    SqlExpression,
    beyond,
    cursor_params,
    decode_cursor,
    encode_cursor,
)

__all__ = [
    "DEFAULT_PAGE_SIZE",
    "MAX_PAGE_SIZE",
    "Build",
    "Join",
    "Ordering",
    "Page",
    "PageRequest",
    "PaginationError",
    "SortDirection",
    "SortKey",
    "SqlExpression",
    "bounded",
    "built",
    "count_rows",
    "cursor_values",
    "labelled",
    "order_by",
    "page_of",
    "paginate",
]

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

RowT = TypeVar("RowT")


class SortDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class PageRequest:
    """``first`` rows after the cursor ``after``, or ``last`` rows before ``before``; neither means
    ``DEFAULT_PAGE_SIZE`` rows from the start, and more than ``max_size`` is refused."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None
    max_size: int = MAX_PAGE_SIZE

    def size(self) -> int:
        """How many rows the page holds at most; raises ``PaginationError`` for a bad request."""
        if self.first is not None and self.last is not None:
            raise PaginationError("pass first or last, not both")
        for name, value in (("first", self.first), ("last", self.last)):
            if value is not None and value < 0:
                raise PaginationError(f"{name} may not be negative")
            if value is not None and value > self.max_size:
                raise PaginationError(f"{name} may be at most {self.max_size}, not {value}")
        default = min(DEFAULT_PAGE_SIZE, self.max_size)
        return self.first if self.first is not None else self.last if self.last is not None else default

    @property
    def backwards(self) -> bool:
        return self.last is not None


@dataclass(frozen=True)
class Page(Generic[RowT]):
    """Rows in order, the cursor of each, and whether more lie beyond either end."""

    items: list[RowT]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    # How many rows the whole list holds, when the page was read with its count (else None).
    total: int | None = None

    @property
    def start_cursor(self) -> str | None:
        return self.cursors[0] if self.cursors else None

    @property
    def end_cursor(self) -> str | None:
        return self.cursors[-1] if self.cursors else None


def bounded(query: Select[Any], ordering: Ordering, request: PageRequest) -> Select[Any]:
    """``query`` restricted to the rows between the request's cursors, whose sort values are bound
    parameters (``page_after_0``…, ``page_before_0``…: ``cursor_values``)."""
    if request.after is not None:
        query = query.where(beyond(ordering, cursor_params(ordering, "page_after"), forwards=True))
    if request.before is not None:
        query = query.where(beyond(ordering, cursor_params(ordering, "page_before"), forwards=False))
    return query


def cursor_values(ordering: Ordering, request: PageRequest) -> dict[str, Any]:
    """The values of the parameters ``bounded`` binds; a cursor that is not one of ``ordering`` is
    refused (``PaginationError``)."""
    values: dict[str, Any] = {}
    for name, cursor in (("page_after", request.after), ("page_before", request.before)):
        if cursor is not None:
            values.update({f"{name}_{index}": value for index, value in enumerate(decode_cursor(ordering, cursor))})
    return values


# Page statements by (template, ordering, cursors given, direction): a caller whose query is the same
# object for the same template gets the same statement back, whose SQL and cache key SQLAlchemy then
# computes once. Bounded: at most this many are kept, the oldest dropped first.
_STATEMENTS_KEPT = 512
_statements: OrderedDict[Hashable, Select[Any]] = OrderedDict()


def _kept(key: Hashable | None, build: Callable[[], Select[Any]]) -> Select[Any]:
    """``build()``, or the statement built for ``key`` before (None: never kept)."""
    if key is None:
        return build()
    statement = _statements.get(key)
    if statement is None:
        statement = _statements[key] = build()
        if len(_statements) > _STATEMENTS_KEPT:
            _statements.popitem(last=False)
    return statement


def order_by(ordering: Ordering, *, reverse: bool) -> list[ColumnElement[Any]]:
    return [key.expression.desc() if key.descending != reverse else key.expression.asc() for key in ordering.keys]


def labelled(ordering: Ordering) -> list[ColumnElement[Any]]:
    return [key.expression.label(f"sort_key_{index}") for index, key in enumerate(ordering.keys)]


def page_of(rows: Sequence[Sequence[Any]], ordering: Ordering, request: PageRequest) -> Page[Any]:
    """The page of ``rows`` (each the entity then its sort values, in the order fetched, one more than
    the page holds when more lie beyond it)."""
    size = request.size()
    more = len(rows) > size
    kept = list(rows[:size])
    if request.backwards:
        kept.reverse()
    items = [row[0] for row in kept]
    cursors = [encode_cursor(ordering, tuple(row[1:])) for row in kept]
    if request.backwards:
        return Page(items, cursors, has_next_page=request.before is not None, has_previous_page=more)
    return Page(items, cursors, has_next_page=more, has_previous_page=request.after is not None)


Build = Callable[[Sequence[Any]], Any]


def built(rows: Sequence[Sequence[Any]], width: int, build: Build | None) -> list[Sequence[Any]]:
    """``rows`` as (item, sort values…): the item is the first column (an entity), or ``build`` of the
    first ``width`` columns (a plain row)."""
    if build is None:
        return list(rows)
    return [(build(row[:width]), *row[width:]) for row in rows]


# What ``paginate`` joins to the page's rows, after the page is cut: given the FROM clause so far and the
# page (a subquery of the query's columns), the FROM clause with more tables joined and the columns of
# theirs to select after the query's own.
Join = Callable[[FromClause, Subquery], tuple[FromClause, Sequence[ColumnElement[Any]]]]


def _over(ordering: Ordering, rows: Subquery | CTE) -> Ordering:
    """``ordering`` on the sort keys ``rows`` selected (``sort_key_0``…) rather than on their expressions."""
    keys = tuple(replace(key, expression=rows.c[f"sort_key_{index}"]) for index, key in enumerate(ordering.keys))
    return Ordering(ordering.name, keys)


def _page_statement(
    query: Select[Any], ordering: Ordering, request: PageRequest, *, counted: bool, join: Join | None
) -> Select[Any]:
    """The statement of a page of ``query`` (see ``paginate``): its columns, ``join``'s, the sort keys
    and, when ``counted``, how many rows ``query`` selects in all. The page is cut (ordered and
    limited) before anything is joined to it, so joined tables are read for its rows only; counted, the
    rows are selected once (a CTE) for both the page and the count, and the count comes as a row of
    NULLs when the page is empty."""
    keyed = query.add_columns(*labelled(ordering))
    source: Select[Any] | CTE = keyed.cte("matching") if counted else keyed
    over = _over(ordering, source) if isinstance(source, CTE) else ordering
    rows = select(*source.c) if isinstance(source, CTE) else keyed
    page = (
        bounded(rows, over, request)
        .order_by(*order_by(over, reverse=request.backwards))
        .limit(bindparam("page_limit", type_=Integer()))
        .subquery("page")
    )
    width = len(query.selected_columns)
    from_: FromClause = page
    total: list[ColumnElement[Any]] = []
    if isinstance(source, CTE):
        counting = select(func.count().label("total")).select_from(source).subquery("total")
        from_, total = counting.outerjoin(page, true()), [counting.c.total]
    extra: Sequence[ColumnElement[Any]] = ()
    if join is not None:
        from_, extra = join(from_, page)
    sort_keys = _over(ordering, page)
    return (
        select(*list(page.c)[:width], *extra, *(key.expression for key in sort_keys.keys), *total)
        .select_from(from_)
        .order_by(*order_by(sort_keys, reverse=request.backwards))
    )


async def paginate(
    session: AsyncSession,
    query: Select[Any],
    ordering: Ordering,
    request: PageRequest,
    *,
    build: Build | None = None,
    params: Mapping[str, Any] | None = None,
    template: Hashable | None = None,
    counted: bool = False,
    join: Join | None = None,
) -> Page[Any]:
    """One page of ``query`` (which selects one entity, unordered; or columns that ``build`` makes one
    item of) in ``ordering``; ``params`` are the values of the parameters ``query`` binds by name.
    ``template`` names ``query`` when it is built once and reused: the page statement around it is then
    built once too (the cursors' values and the page's size are bound).

    With ``build``, a page can also be ``counted`` (``Page.total``: how many rows ``query`` selects, in
    the same statement) and have more tables joined to its rows (``join``; ``build`` then gets their
    columns after the query's).

    ``has_previous_page`` going forwards (and ``has_next_page`` going backwards) is true when a cursor
    was given: rows lie beyond it, as Relay allows when counting them would cost another query."""
    size = request.size()
    width = len(query.selected_columns)
    values = cursor_values(ordering, request)

    def statement() -> Select[Any]:
        if counted or join is not None:
            return _page_statement(query, ordering, request, counted=counted, join=join)
        ordered = (
            bounded(query, ordering, request)
            .add_columns(*labelled(ordering))
            .order_by(*order_by(ordering, reverse=request.backwards))
        )
        return ordered.limit(bindparam("page_limit", type_=Integer()))

    assert build is not None or not (counted or join), "only a page of plain rows is counted or joined"
    cursors = (request.after is not None, request.before is not None, request.backwards)
    key = None if template is None else ("page", template, ordering.name, cursors, counted, join)
    values.update(params or {}, page_limit=size + 1)
    kept = _kept(key, statement)
    rows = (await session.execute(kept, values)).all()
    if not (counted or join):
        return page_of(built(rows, width, build), ordering, request)
    # The page's own columns and the joined ones, before the sort keys (and the count).
    width = len(kept.selected_columns) - len(ordering.keys) - counted
    if not counted:
        return page_of(built(rows, width, build), ordering, request)
    total = int(rows[0][-1]) if rows else 0
    # The last sort key (the primary key) is NULL only in the row of an empty page.
    found = [row[:-1] for row in rows if row[-2] is not None]
    return replace(page_of(built(found, width, build), ordering, request), total=total)


async def count_rows(
    session: AsyncSession,
    query: Select[Any],
    *,
    params: Mapping[str, Any] | None = None,
    template: Hashable | None = None,
) -> int:
    """How many rows ``query`` selects (``params`` and ``template`` as for ``paginate``)."""

    def statement() -> Select[Any]:
        return select(func.count()).select_from(query.order_by(None).subquery())

    key = None if template is None else ("count", template)
    return int(await session.scalar(_kept(key, statement), dict(params or {})) or 0)
