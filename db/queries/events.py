"""Reading events: orderings, a paginated list of the events that pass a filter (``event_filter``, the
grammar both APIs share), the same page for many parents at once (an actor's, a venue's or a topic's
events, one statement for all of them), and batch look-ups keyed by event ids for DataLoaders
(participants, topics, evidence, children), built once. Undated events sort after dated ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Date, FromClause, Select, Subquery, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from db.queries.among import among, among_ids, id_list
from db.queries.event_filter import EventFilter, FilterShape, bind, conditions
from db.queries.pagination import (
    Ordering,
    Page,
    PageRequest,
    SortDirection,
    SortKey,
    SqlExpression,
    count_rows,
    paginate,
)
from db.queries.per_parent import count_rows_per_parent, paginate_per_parent
from db.queries.rows import (
    ACTOR_COLUMNS,
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    TOPIC_COLUMNS,
    VENUE_COLUMNS,
    ActorRow,
    ArticleRow,
    EventRow,
    EvidenceRow,
    ParticipantRow,
    TopicRow,
    VenueRow,
)
from db.queries.tables import ACTORS, ARTICLES, EVENT_TOPICS, EVENTS, EVIDENCE, PARTICIPANTS, TOPICS, VENUES
from db.queries.venues import venue_trees

__all__ = [
    "EventFilter",
    "EventParent",
    "EventSortField",
    "children_by_parent_ids",
    "count_events",
    "count_events_per_parent",
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


@cache
def _ordering(field: EventSortField, direction: SortDirection) -> Ordering:
    """The ordering of events by ``field``; the same object every time, so statements built with it
    can be kept (``paginate``'s templates)."""
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


@lru_cache(maxsize=1024)
def _filtered(shape: FilterShape) -> Select[Any]:
    """The events that pass a filter of ``shape``, its values bound (``event_filter.bind``); built once."""
    return select(*EVENT_COLUMNS).where(*conditions(shape))


def _event_row(values: Sequence[Any]) -> EventRow:
    return EventRow(*values)


# A list's page reads each event's venue, parent event and the venue's parent with it, joined to the
# page's rows once the page is cut. Aliases, so that a filter's own subqueries on venues or events are
# never correlated with the joined tables.
_JOINED_VENUES = VENUES.alias("joined_venue")
_JOINED_PARENTS = EVENTS.alias("joined_parent")
_JOINED_VENUE_PARENTS = VENUES.alias("joined_venue_parent")
_EVENT_WIDTH, _VENUE_WIDTH = len(EVENT_COLUMNS), len(VENUE_COLUMNS)


def _venue_and_parent(rows: FromClause, page: Subquery) -> tuple[FromClause, list[ColumnElement[Any]]]:
    """``rows`` with the venue, the parent event and the venue's parent of each event of ``page``
    (``paginate``'s join)."""
    joined = (
        rows.outerjoin(_JOINED_VENUES, _JOINED_VENUES.c.id == page.c.venue_id)
        .outerjoin(_JOINED_PARENTS, _JOINED_PARENTS.c.id == page.c.parent_id)
        .outerjoin(_JOINED_VENUE_PARENTS, _JOINED_VENUE_PARENTS.c.id == _JOINED_VENUES.c.parent_id)
    )
    venue = [_JOINED_VENUES.c[column.name] for column in VENUE_COLUMNS]
    parent = [_JOINED_PARENTS.c[column.name] for column in EVENT_COLUMNS]
    venue_parent = [_JOINED_VENUE_PARENTS.c[column.name] for column in VENUE_COLUMNS]
    return joined, [*venue, *parent, *venue_parent]


def _joined_row(values: Sequence[Any]) -> EventRow:
    """An event of a list's page, with its venue, parent event and venue's parent (``_venue_and_parent``)."""
    venue_values = values[_EVENT_WIDTH : _EVENT_WIDTH + _VENUE_WIDTH]
    parent_values = values[_EVENT_WIDTH + _VENUE_WIDTH : 2 * _EVENT_WIDTH + _VENUE_WIDTH]
    venue_parent_values = values[2 * _EVENT_WIDTH + _VENUE_WIDTH :]
    # Positionally, after the event's own columns: mypy cannot count the columns a slice holds.
    return EventRow(  # type: ignore[call-arg]
        *values[:_EVENT_WIDTH],
        True,
        VenueRow(*venue_values) if venue_values[0] is not None else None,
        EventRow(*parent_values) if parent_values[0] is not None else None,
        VenueRow(*venue_parent_values) if venue_parent_values[0] is not None else None,
    )


async def list_events(
    session: AsyncSession,
    *,
    event_filter: EventFilter,
    page: PageRequest,
    sort: EventSortField = EventSortField.START,
    direction: SortDirection = SortDirection.ASC,
    counted: bool = False,
) -> Page[EventRow]:
    """One page of the events that pass ``event_filter``, in the order asked for, each with its venue
    and its parent event (``EventRow.joined``); ``counted``: with how many events pass in all
    (``Page.total``), read by the same statement."""
    shape, params = bind(event_filter)
    return await paginate(
        session,
        _filtered(shape),
        _ordering(sort, direction),
        page,
        build=_joined_row,
        params=params,
        template=("list", shape),
        counted=counted,
        join=_venue_and_parent,
    )


async def count_events(session: AsyncSession, *, event_filter: EventFilter) -> int:
    shape, params = bind(event_filter)
    return await count_rows(session, _filtered(shape), params=params, template=("events", shape))


def _of_parents(
    parent: EventParent, parent_ids: Sequence[int], event_filter: EventFilter
) -> tuple[Select[Any], SqlExpression, dict[str, Any]]:
    """The events of any of ``parent_ids`` that pass ``event_filter``, the expression naming the parent
    each row belongs to (an event of two of the parents comes once for each), and the values of the
    filter's bound parameters."""
    ids = list(parent_ids)
    shape, params = bind(event_filter)
    where = conditions(shape)
    if parent is EventParent.ACTOR:
        query = select(*EVENT_COLUMNS).join(PARTICIPANTS, PARTICIPANTS.c.event_id == EVENTS.c.id)
        return query.where(among(PARTICIPANTS.c.actor_id, ids), *where), PARTICIPANTS.c.actor_id, params
    if parent is EventParent.TOPIC:
        query = select(*EVENT_COLUMNS).join(EVENT_TOPICS, EVENT_TOPICS.c.event_id == EVENTS.c.id)
        return query.where(among(EVENT_TOPICS.c.topic_id, ids), *where), EVENT_TOPICS.c.topic_id, params
    tree = venue_trees(ids)
    return select(*EVENT_COLUMNS).join(tree, tree.c.id == EVENTS.c.venue_id).where(*where), tree.c.root, params


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
    query, key, params = _of_parents(parent, parent_ids, event_filter)
    return await paginate_per_parent(
        session,
        query,
        parent=key,
        parent_ids=parent_ids,
        ordering=_ordering(sort, direction),
        request=page,
        build=_event_row,
        params=params,
    )


async def count_events_per_parent(
    session: AsyncSession, *, parent: EventParent, parent_ids: Sequence[int], event_filter: EventFilter
) -> dict[int, int]:
    """How many events that pass ``event_filter`` each of ``parent_ids`` has (none: absent)."""
    query, key, params = _of_parents(parent, parent_ids, event_filter)
    return await count_rows_per_parent(session, query, key, params=params)


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
