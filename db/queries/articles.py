"""Reading articles: a filtered, paginated list, look-ups by id, their texts, and the events each one
supports. Articles are read without their texts (``raw_text`` is never read here, ``text`` only when
asked for): an article's reference under every event source would otherwise drag its whole body
along."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Date, Select, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer
from sqlalchemy.orm.interfaces import ORMOption

from db.models import Article
from db.queries.among import among, among_ids, id_list
from db.queries.pagination import Ordering, Page, PageRequest, SortDirection, SortKey, count_rows, paginate
from db.queries.rows import EVENT_COLUMNS, EventRow
from db.queries.tables import EVENTS, EVIDENCE
from db.queries.text import contains

__all__ = [
    "ArticleFilter",
    "ArticleSortField",
    "articles_by_ids",
    "count_articles",
    "events_by_article_ids",
    "list_articles",
    "texts_by_ids",
    "without_texts",
]

UNDATED = date(1, 1, 1)


class ArticleSortField(StrEnum):
    PUBLISHED = "published"
    TITLE = "title"


@dataclass(frozen=True)
class ArticleFilter:
    """Articles from any of ``outlets`` (exact names), published between the inclusive days given,
    whose title holds ``search``."""

    outlets: Sequence[str] = ()
    published_from: date | None = None
    published_to: date | None = None
    search: str | None = None


def without_texts(*, keep_text: bool = False) -> list[ORMOption]:
    """Options that leave the texts out of the ``Article`` rows a query loads (``text`` in when
    ``keep_text``); reading a text left out raises instead of loading it."""
    options: list[ORMOption] = [defer(Article.raw_text, raiseload=True)]
    if not keep_text:
        options.append(defer(Article.text, raiseload=True))
    return options


def _filtered(article_filter: ArticleFilter, *, with_text: bool = False) -> Select[Article]:
    query = select(Article).options(*without_texts(keep_text=with_text))
    if article_filter.outlets:
        query = query.where(Article.outlet.in_(list(article_filter.outlets)))
    if article_filter.published_from is not None:
        query = query.where(Article.published >= article_filter.published_from)
    if article_filter.published_to is not None:
        query = query.where(Article.published <= article_filter.published_to)
    if article_filter.search:
        query = query.where(contains(Article.title, article_filter.search))
    return query


def _ordering(field: ArticleSortField, direction: SortDirection) -> Ordering:
    descending = direction is SortDirection.DESC
    identity = SortKey(Article.id, descending)
    if field is ArticleSortField.TITLE:
        title = func.coalesce(Article.title, "")
        return Ordering(name=f"article:{field}:{direction}", keys=(SortKey(title, descending), identity))
    # Articles without a date last in either direction, as for events.
    undated = case((Article.published.is_(None), 1), else_=0)
    published = func.coalesce(Article.published, literal(UNDATED, Date()))
    keys = (
        SortKey(undated, False, int, int),
        SortKey(published, descending, date.isoformat, date.fromisoformat),
        identity,
    )
    return Ordering(name=f"article:{field}:{direction}", keys=keys)


async def list_articles(
    session: AsyncSession,
    *,
    article_filter: ArticleFilter,
    page: PageRequest,
    sort: ArticleSortField = ArticleSortField.PUBLISHED,
    direction: SortDirection = SortDirection.DESC,
    with_text: bool = False,
) -> Page[Article]:
    """One page of the articles that pass ``article_filter``, newest first unless asked otherwise;
    their cleaned ``text`` is loaded only ``with_text``."""
    query = _filtered(article_filter, with_text=with_text)
    return await paginate(session, query, _ordering(sort, direction), page)


async def count_articles(session: AsyncSession, *, article_filter: ArticleFilter) -> int:
    return await count_rows(session, _filtered(article_filter))


async def articles_by_ids(session: AsyncSession, ids: Sequence[int], *, with_text: bool = False) -> dict[int, Article]:
    """The articles with these ids, by id (missing ones absent); their ``text`` only ``with_text``."""
    query = select(Article).where(among(Article.id, ids)).options(*without_texts(keep_text=with_text))
    return {article.id: article for article in await session.scalars(query)}


async def texts_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, str]:
    """The cleaned text of each article, by id (missing ones absent)."""
    query = select(Article.id, Article.text).where(among(Article.id, ids))
    return {row.id: row.text for row in await session.execute(query)}


# Built once: only the ids change from call to call.
_SUPPORTED = (
    select(EVIDENCE.c.article_id, EVIDENCE.c.event_id).where(among_ids(EVIDENCE.c.article_id)).distinct().subquery()
)
_EVENTS_BY_ARTICLE_IDS = (
    select(_SUPPORTED.c.article_id, *EVENT_COLUMNS)
    .join(EVENTS, EVENTS.c.id == _SUPPORTED.c.event_id)
    .order_by(_SUPPORTED.c.article_id, EVENTS.c.id)
)


async def events_by_article_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[EventRow]]:
    """The events each article supports with at least one quote, by event id."""
    grouped: dict[int, list[EventRow]] = defaultdict(list)
    for row in await session.execute(_EVENTS_BY_ARTICLE_IDS, {"ids": id_list(ids)}):
        grouped[row[0]].append(EventRow(*row[1:]))
    return grouped
