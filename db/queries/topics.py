"""Reading topics: a paginated list, look-ups by id, and how many events each is about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import EventTopic, Topic
from db.queries.among import among
from db.queries.pagination import Ordering, Page, PageRequest, SortDirection, SortKey, count_rows, paginate
from db.queries.text import contains

__all__ = [
    "TopicFilter",
    "TopicSortField",
    "count_topics",
    "event_counts_by_topic_ids",
    "list_topics",
    "topics_by_ids",
]


class TopicSortField(StrEnum):
    LABEL = "label"
    SLUG = "slug"


@dataclass(frozen=True)
class TopicFilter:
    """Topics whose label or slug holds ``search``, or whose slug is one of ``slugs``."""

    search: str | None = None
    slugs: Sequence[str] = ()


def _filtered(topic_filter: TopicFilter) -> Select[Topic]:
    query = select(Topic)
    if topic_filter.search:
        query = query.where(contains(Topic.label, topic_filter.search) | contains(Topic.slug, topic_filter.search))
    if topic_filter.slugs:
        query = query.where(Topic.slug.in_(list(topic_filter.slugs)))
    return query


def _ordering(field: TopicSortField, direction: SortDirection) -> Ordering:
    descending = direction is SortDirection.DESC
    column = Topic.slug if field is TopicSortField.SLUG else Topic.label
    return Ordering(
        name=f"topic:{field}:{direction}", keys=(SortKey(column, descending), SortKey(Topic.id, descending))
    )


async def list_topics(
    session: AsyncSession,
    *,
    topic_filter: TopicFilter,
    page: PageRequest,
    sort: TopicSortField = TopicSortField.LABEL,
    direction: SortDirection = SortDirection.ASC,
) -> Page[Topic]:
    """One page of the topics that pass ``topic_filter``."""
    return await paginate(session, _filtered(topic_filter), _ordering(sort, direction), page)


async def count_topics(session: AsyncSession, *, topic_filter: TopicFilter) -> int:
    return await count_rows(session, _filtered(topic_filter))


async def topics_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, Topic]:
    """The topics with these ids, by id (missing ones absent)."""
    return {topic.id: topic for topic in await session.scalars(select(Topic).where(among(Topic.id, ids)))}


async def event_counts_by_topic_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, int]:
    """How many events each topic is about (topics about none are absent)."""
    query = (
        select(EventTopic.topic_id, func.count(EventTopic.event_id))
        .where(among(EventTopic.topic_id, ids))
        .group_by(EventTopic.topic_id)
    )
    return {topic_id: int(count) for topic_id, count in await session.execute(query)}
