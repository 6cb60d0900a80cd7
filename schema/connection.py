"""Relay connections: ``edges { cursor node }``, ``nodes``, ``pageInfo`` and ``totalCount``, built from
a page of the data layer. ``totalCount`` costs a query of its own, run only when asked for."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import strawberry

from db.queries.pagination import Page, PageRequest

__all__ = ["Connection", "Edge", "PageInfo", "build_connection", "connection_of", "page_request"]

NodeT = TypeVar("NodeT")
RowT = TypeVar("RowT")


@strawberry.type(description="Where a page sits in its list.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type(description="A node and the cursor to continue the list after (or before) it.")
class Edge(Generic[NodeT]):
    cursor: str
    node: NodeT


@strawberry.type(description="One page of a list, with the way to the next.")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]]
    page_info: PageInfo
    count: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="The nodes of the page, without their cursors.")
    def nodes(self) -> list[NodeT]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many nodes the whole list holds, across all pages.")
    async def total_count(self) -> int:
        return await self.count()


def page_request(
    first: int | None, after: str | None, last: int | None, before: str | None, *, cap: int
) -> PageRequest:
    """The data layer's page request; refuses ``first``/``last`` over ``cap`` before any query runs."""
    request = PageRequest(first=first, after=after, last=last, before=before, max_size=cap)
    request.size()
    return request


ConnectionT = TypeVar("ConnectionT", bound=Connection[Any])


def build_connection(
    connection: type[ConnectionT],
    page: Page[RowT],
    convert: Callable[[RowT], Any],
    count: Callable[[], Awaitable[int]],
) -> ConnectionT:
    """A ``connection`` (a concrete subclass of ``Connection``) of ``page``, each row turned into its
    GraphQL object by ``convert``."""
    return connection_of(connection, page, [convert(row) for row in page.items], count)


def connection_of(
    connection: type[ConnectionT], page: Page[Any], nodes: Sequence[Any], count: Callable[[], Awaitable[int]]
) -> ConnectionT:
    """A ``connection`` of ``page`` whose rows are already GraphQL objects: ``nodes``, in the page's
    order."""
    return connection(
        edges=[Edge(cursor=cursor, node=node) for node, cursor in zip(nodes, page.cursors, strict=True)],
        page_info=PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=page.start_cursor,
            end_cursor=page.end_cursor,
        ),
        count=count,
    )
