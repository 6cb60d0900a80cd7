"""The ``Article`` type (with the events it supports) and the ``articles`` / ``article`` entry points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from db.ids import decode_id, encode_id
from db.queries import articles as article_queries
from db.queries.rows import ArticleLike
from db.reference_date import read_basis
from db.titles import article_title
from schema import event as event_types
from schema.connection import Connection, build_connection, page_request
from schema.context import Context
from schema.inputs import ArticleFilterInput, ArticleOrder
from schema.lookahead import selections_of
from schema.node import Node
from schema.reference_date import ReferenceDateBasis
from schema.scalars import PartialDate

if TYPE_CHECKING:
    from schema.event import Event

__all__ = ["Article", "ArticleConnection", "ArticleQuery"]

Info = strawberry.Info[Context, None]


@strawberry.type(description="An article as loaded; quotes and offsets refer to its cleaned `text`.")
class Article(Node):
    title: str = strawberry.field(
        description="The headline; for an article printed without one, the opening words of its story (cut at "
        "80 characters, ending in '…'), so that every article has a title to show."
    )
    outlet: str | None
    published: PartialDate | None = strawberry.field(description="The date printed on the page.")
    authors: list[str]
    dateline: str | None = strawberry.field(description="The city of the dateline, as printed.")
    source_path: str = strawberry.field(description="The path or URL the article was loaded from.")
    reference_date: PartialDate | None = strawberry.field(
        description="The day the story was written, from which its relative dates ('on Sunday') are resolved, "
        "no more precise than its evidence; null when nothing dates it."
    )
    encoding: str | None = strawberry.field(
        description="The character encoding the input was decoded from (utf-8, utf-16, cp1252, …); null for "
        "articles stored before it was recorded."
    )
    pk: strawberry.Private[int]
    # The stored JSON, read only when `referenceDateBasis` is asked for.
    stored_basis: strawberry.Private[object]

    @classmethod
    def from_row(cls, row: ArticleLike) -> Article:
        return cls(
            id=strawberry.ID(encode_id("Article", row.id)),
            title=article_title(row.title, row.opening),
            outlet=row.outlet,
            published=PartialDate.of(row.published),
            authors=list(row.authors),
            dateline=row.dateline,
            source_path=row.source,
            reference_date=PartialDate.of(row.reference_date, row.reference_date_precision),
            encoding=row.encoding,
            pk=row.id,
            stored_basis=row.reference_date_basis,
        )

    @strawberry.field(
        description="How `referenceDate` was chosen: the rule and every candidate date with its verdict; null "
        "when the article was stored without an audit trail."
    )
    def reference_date_basis(self) -> ReferenceDateBasis | None:
        basis = read_basis(self.stored_basis)
        return ReferenceDateBasis.of(basis) if basis is not None else None

    @strawberry.field(description="The cleaned text that quotes and offsets refer to.")
    async def text(self, info: Info) -> str:
        # Read apart from the article's row, and only when asked for: texts are long.
        text = await info.context.loaders.article_text.load(self.pk)
        assert text is not None, "the article's row was just read"
        return text

    @strawberry.field(description="The events this article supports with at least one quote.")
    async def events(self, info: Info) -> list[Annotated[Event, strawberry.lazy("schema.event")]]:
        rows = await info.context.loaders.article_events.load(self.pk)
        return await event_types.events_from_rows(info, rows, selections_of(info.selected_fields))


@strawberry.type(description="A page of articles.")
class ArticleConnection(Connection[Article]):
    pass


@strawberry.type
class ArticleQuery:
    @strawberry.field(description="Articles that pass `filter`, newest first unless `orderBy` says otherwise.")
    async def articles(
        self,
        info: Info,
        *,
        filter: ArticleFilterInput | None = None,
        order_by: ArticleOrder | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> ArticleConnection:
        page = page_request(first, after, last, before, cap=info.context.page_cap)
        article_filter = (filter or ArticleFilterInput()).to_filter()
        order = order_by or ArticleOrder()
        db = info.context.db
        rows = await db.run(
            article_queries.list_articles,
            article_filter=article_filter,
            page=page,
            sort=order.field,
            direction=order.direction,
        )

        async def count() -> int:
            return await db.run(article_queries.count_articles, article_filter=article_filter)

        return build_connection(ArticleConnection, rows, Article.from_row, count)

    @strawberry.field(description="The article with this ID, or null.")
    async def article(self, info: Info, id: strawberry.ID) -> Article | None:
        row = await info.context.loaders.article.load(decode_id(id, expected_type="Article")[1])
        return Article.from_row(row) if row else None
