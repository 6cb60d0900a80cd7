"""Reading events: the filter grammar both APIs share, orderings, a paginated list, the same page for
many parents at once (an actor's, a venue's or a topic's events, one statement for all of them), and
batch look-ups keyed by event ids for DataLoaders (participants, topics, evidence, children).

Dates: an event covers the days from its start to the last day its end (or, without an end, its
start) can mean at its precision, so an event of "June 2023" overlaps a range that ends on June 30
or starts on June 1. Undated events never match a date range, and sort after dated ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import Date, Select, and_, case, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.enums import DatePrecision
from db.queries.among import among, among_ids, id_list
from db.queries.pagination import (
    Ordering,
    Page,
    PageRequest,
    SortDirection,
    SortKey,
    SqlExpression,
    count_rows,
    count_rows_per_parent,
    paginate,
    paginate_per_parent,
)
from db.queries.rows import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    TOPIC_COLUMNS,
    ActorRow,
    ArticleRow,
    EventRow,
    EvidenceRow,
    ParticipantRow,
    TopicRow,
)
from db.queries.tables import ACTORS, ARTICLES, EVENT_TOPICS, EVENTS, EVIDENCE, PARTICIPANTS, TOPICS, VENUES
from db.queries.text import contains
from db.queries.venues import venue_ids_within, venue_trees

__all__ = [
    "EventFilter",
    "EventParent",
    "EventSortField",
    "children_by_parent_ids",
    "count_events",
    "count_events_per_parent",
    "event_conditions",
    "events_by_ids",
    "evidence_by_event_ids",
    "list_events",
    "list_events_per_parent",
    "participants_by_event_ids",
    "topics_by_event_ids",
]

UNDATED = date(1, 1, 1)


class EventSortField(StrEnum):
    START = "start"
    CONFIDENCE = "confidence"
    TITLE = "title"


class EventParent(StrEnum):
    """What events hang off in a nested list: an actor's are those it took part in, a venue's those
    held there or at a place inside it, a topic's those about it."""

    ACTOR = "actor"
    VENUE = "venue"
    TOPIC = "topic"


@dataclass(frozen=True)
class EventFilter:
    """Which events to list. Each given criterion must hold; within one, any value does, except
    ``actor_ids``, all of whom took part. ``date_from``/``date_to`` are inclusive days."""

    actor_ids: Sequence[int] = ()
    venue_ids: Sequence[int] = ()
    countries: Sequence[str] = ()
    topic_ids: Sequence[int] = ()
    kinds: Sequence[str] = ()
    statuses: Sequence[str] = ()
    date_from: date | None = None
    date_to: date | None = None
    min_confidence: float | None = None
    text: str | None = None

    def frozen(self) -> EventFilter:
        """The same filter holding tuples, so that it hashes (a key of a cache or a batch)."""
        return replace(
            self,
            actor_ids=tuple(self.actor_ids),
            venue_ids=tuple(self.venue_ids),
            countries=tuple(self.countries),
            topic_ids=tuple(self.topic_ids),
            kinds=tuple(self.kinds),
            statuses=tuple(self.statuses),
        )


def _ends_on_or_after(day: date) -> ColumnElement[bool]:
    """The last day the event covers is ``day`` or later, read at the precision of its end."""
    end = func.coalesce(EVENTS.c.end_date, EVENTS.c.start_date)
    precision = case((EVENTS.c.end_date.is_(None), EVENTS.c.start_precision), else_=EVENTS.c.end_precision)
    return or_(
        and_(precision == DatePrecision.DAY.value, end >= day),
        and_(precision == DatePrecision.MONTH.value, end >= day.replace(day=1)),
        and_(precision == DatePrecision.YEAR.value, end >= date(day.year, 1, 1)),
    )


def event_conditions(event_filter: EventFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions on the events table that ``event_filter`` asks for."""
    conditions: list[ColumnElement[bool]] = []
    actor_ids = list(dict.fromkeys(event_filter.actor_ids))
    if actor_ids:
        with_all = (
            select(PARTICIPANTS.c.event_id)
            .where(PARTICIPANTS.c.actor_id.in_(actor_ids))
            .group_by(PARTICIPANTS.c.event_id)
            .having(func.count(PARTICIPANTS.c.actor_id.distinct()) == len(actor_ids))
        )
        conditions.append(EVENTS.c.id.in_(with_all))
    if event_filter.venue_ids:
        conditions.append(EVENTS.c.venue_id.in_(venue_ids_within(event_filter.venue_ids)))
    if event_filter.countries:
        codes = [code.upper() for code in event_filter.countries]
        in_countries = select(VENUES.c.id).where(VENUES.c.country.in_(codes))
        conditions.append(EVENTS.c.venue_id.in_(in_countries))
    if event_filter.topic_ids:
        about = select(EVENT_TOPICS.c.event_id).where(EVENT_TOPICS.c.topic_id.in_(list(event_filter.topic_ids)))
        conditions.append(EVENTS.c.id.in_(about))
    if event_filter.kinds:
        conditions.append(EVENTS.c.kind.in_(list(event_filter.kinds)))
    if event_filter.statuses:
        conditions.append(EVENTS.c.status.in_(list(event_filter.statuses)))
    if event_filter.date_from is not None or event_filter.date_to is not None:
        conditions.append(EVENTS.c.start_date.is_not(None))
    if event_filter.date_to is not None:
        conditions.append(EVENTS.c.start_date <= event_filter.date_to)
    if event_filter.date_from is not None:
        conditions.append(_ends_on_or_after(event_filter.date_from))
    if event_filter.min_confidence is not None:
        conditions.append(EVENTS.c.confidence >= event_filter.min_confidence)
    if event_filter.text:
        quoted = select(EVIDENCE.c.event_id).where(contains(EVIDENCE.c.quote, event_filter.text))
        conditions.append(or_(contains(EVENTS.c.title, event_filter.text), EVENTS.c.id.in_(quoted)))
    return conditions


def _ordering(field: EventSortField, direction: SortDirection) -> Ordering:
    descending = direction is SortDirection.DESC
    identity = SortKey(EVENTS.c.id, descending)
    keys: tuple[SortKey, ...]
    if field is EventSortField.CONFIDENCE:
        keys = (SortKey(EVENTS.c.confidence, descending, float, float), identity)
    elif field is EventSortField.TITLE:
        keys = (SortKey(EVENTS.c.title, descending), identity)
    else:
        # Undated events last in either direction: a flag first, then the date with NULL replaced.
        undated = case((EVENTS.c.start_date.is_(None), 1), else_=0)
        start = func.coalesce(EVENTS.c.start_date, literal(UNDATED, Date()))
        keys = (
            SortKey(undated, False, int, int),
            SortKey(start, descending, date.isoformat, date.fromisoformat),
            identity,
        )
    return Ordering(name=f"event:{field}:{direction}", keys=keys)


def _filtered(event_filter: EventFilter) -> Select[Any]:
    return select(*EVENT_COLUMNS).where(*event_conditions(event_filter))


def _event_row(values: Sequence[Any]) -> EventRow:
    return EventRow(*values)


async def list_events(
    session: AsyncSession,
    *,
    event_filter: EventFilter,
    page: PageRequest,
    sort: EventSortField = EventSortField.START,
    direction: SortDirection = SortDirection.ASC,
) -> Page[EventRow]:
    """One page of the events that pass ``event_filter``, in the order asked for."""
    return await paginate(session, _filtered(event_filter), _ordering(sort, direction), page, build=_event_row)


async def count_events(session: AsyncSession, *, event_filter: EventFilter) -> int:
    return await count_rows(session, _filtered(event_filter))


def _of_parents(
    parent: EventParent, parent_ids: Sequence[int], event_filter: EventFilter
) -> tuple[Select[Any], SqlExpression]:
    """The events of any of ``parent_ids`` that pass ``event_filter``, and the expression naming the
    parent each row belongs to (an event of two of the parents comes once for each)."""
    ids = list(parent_ids)
    conditions = event_conditions(event_filter)
    if parent is EventParent.ACTOR:
        query = select(*EVENT_COLUMNS).join(PARTICIPANTS, PARTICIPANTS.c.event_id == EVENTS.c.id)
        return query.where(among(PARTICIPANTS.c.actor_id, ids), *conditions), PARTICIPANTS.c.actor_id
    if parent is EventParent.TOPIC:
        query = select(*EVENT_COLUMNS).join(EVENT_TOPICS, EVENT_TOPICS.c.event_id == EVENTS.c.id)
        return query.where(among(EVENT_TOPICS.c.topic_id, ids), *conditions), EVENT_TOPICS.c.topic_id
    tree = venue_trees(ids)
    return select(*EVENT_COLUMNS).join(tree, tree.c.id == EVENTS.c.venue_id).where(*conditions), tree.c.root


async def list_events_per_parent(
    session: AsyncSession,
    *,
    parent: EventParent,
    parent_ids: Sequence[int],
    event_filter: EventFilter,
    page: PageRequest,
    sort: EventSortField = EventSortField.START,
    direction: SortDirection = SortDirection.ASC,
) -> dict[int, Page[EventRow]]:
    """For each of ``parent_ids``, the page of its events that pass ``event_filter``, in one statement
    whatever the number of parents (the filter's own actors, venues and topics apply besides)."""
    query, key = _of_parents(parent, parent_ids, event_filter)
    return await paginate_per_parent(
        session,
        query,
        parent=key,
        parent_ids=parent_ids,
        ordering=_ordering(sort, direction),
        request=page,
        build=_event_row,
    )


async def count_events_per_parent(
    session: AsyncSession, *, parent: EventParent, parent_ids: Sequence[int], event_filter: EventFilter
) -> dict[int, int]:
    """How many events that pass ``event_filter`` each of ``parent_ids`` has (none: absent)."""
    query, key = _of_parents(parent, parent_ids, event_filter)
    return await count_rows_per_parent(session, query, key)


# The batch look-ups below are built once, at import: only their ids change from call to call.
_EVENTS_BY_IDS = select(*EVENT_COLUMNS).where(among_ids(EVENTS.c.id))


async def events_by_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, EventRow]:
    """The events with these ids, by id (missing ones absent)."""
    rows = await session.execute(_EVENTS_BY_IDS, {"ids": id_list(ids)})
    return {row.id: EventRow(*row) for row in rows}


_PARTICIPANTS_BY_EVENT_IDS = (
    select(PARTICIPANTS.c.event_id, PARTICIPANTS.c.actor_id, PARTICIPANTS.c.role, *ACTOR_COLUMNS)
    .join(ACTORS, ACTORS.c.id == PARTICIPANTS.c.actor_id)
    .where(among_ids(PARTICIPANTS.c.event_id))
    .order_by(PARTICIPANTS.c.event_id, PARTICIPANTS.c.actor_id)
)


async def participants_by_event_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[ParticipantRow]]:
    """Who took part in each event, with the actor, in the order they were recorded (by actor id)."""
    grouped: dict[int, list[ParticipantRow]] = defaultdict(list)
    for row in await session.execute(_PARTICIPANTS_BY_EVENT_IDS, {"ids": id_list(ids)}):
        grouped[row[0]].append(ParticipantRow(row[0], row[1], row[2], ActorRow(*row[3:])))
    return grouped


_TOPICS_BY_EVENT_IDS = (
    select(EVENT_TOPICS.c.event_id, *TOPIC_COLUMNS)
    .join(TOPICS, TOPICS.c.id == EVENT_TOPICS.c.topic_id)
    .where(among_ids(EVENT_TOPICS.c.event_id))
    .order_by(TOPICS.c.label, TOPICS.c.id)
)


async def topics_by_event_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[TopicRow]]:
    """The topics of each event, by label."""
    grouped: dict[int, list[TopicRow]] = defaultdict(list)
    for row in await session.execute(_TOPICS_BY_EVENT_IDS, {"ids": id_list(ids)}):
        grouped[row[0]].append(TopicRow(*row[1:]))
    return grouped


_EVIDENCE_BY_EVENT_IDS = (
    select(
        EVIDENCE.c.id,
        EVIDENCE.c.event_id,
        EVIDENCE.c.article_id,
        EVIDENCE.c.quote,
        EVIDENCE.c.start_offset,
        EVIDENCE.c.end_offset,
        *ARTICLE_COLUMNS,
    )
    .join(ARTICLES, ARTICLES.c.id == EVIDENCE.c.article_id)
    .where(among_ids(EVIDENCE.c.event_id))
    .order_by(EVIDENCE.c.article_id, EVIDENCE.c.start_offset, EVIDENCE.c.id)
)


async def evidence_by_event_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[EvidenceRow]]:
    """The quotes that support each event, with their article (without its texts), by article and
    position."""
    grouped: dict[int, list[EvidenceRow]] = defaultdict(list)
    for row in await session.execute(_EVIDENCE_BY_EVENT_IDS, {"ids": id_list(ids)}):
        grouped[row[1]].append(EvidenceRow(row[0], row[1], row[2], row[3], row[4], row[5], ArticleRow(*row[6:])))
    return grouped


_CHILDREN_BY_PARENT_IDS = (
    select(*EVENT_COLUMNS)
    .where(among_ids(EVENTS.c.parent_id))
    .order_by(*(key.expression for key in _ordering(EventSortField.START, SortDirection.ASC).keys))
)


async def children_by_parent_ids(session: AsyncSession, ids: Sequence[int]) -> dict[int, list[EventRow]]:
    """The events held during each event (a visit's meetings), in the order of the timeline."""
    grouped: dict[int, list[EventRow]] = defaultdict(list)
    for row in await session.execute(_CHILDREN_BY_PARENT_IDS, {"ids": id_list(ids)}):
        event = EventRow(*row)
        assert event.parent_id is not None
        grouped[event.parent_id].append(event)
    return grouped
