"""The event filter both APIs share, and its WHERE conditions built once per shape.

An ``EventFilter`` says which events to list. Its SQL depends only on which criteria it gives (its
``FilterShape``), not on their values: the conditions are built once per shape, with every value a
bound parameter, and the values travel beside them (``bind``). Statements built from the same
conditions are then the same objects from request to request, so SQLAlchemy computes their cache key
and SQL once rather than per request (building and keying them was about a tenth of a REST request).

Dates: an event covers the days from its start to the last day its end (or, without an end, its
start) can mean at its precision, so an event of "June 2023" overlaps a range that ends on June 30
or starts on June 1. Undated events never match a date range.

    >>> shape, params = bind(EventFilter(kinds=["meeting"]))
    >>> conditions(shape)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, Float, Integer, Select, String, bindparam, case, func, or_, select
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from db.enums import DatePrecision
from db.queries.among import among_ids, id_list
from db.queries.tables import EVENT_TOPICS, EVENTS, EVIDENCE, PARTICIPANTS, TOPICS, VENUES
from db.queries.text import contains_bound, like_pattern
from db.queries.venues import venue_ids_within

__all__ = ["EventFilter", "FilterShape", "bind", "conditions"]


@dataclass(frozen=True)
class EventFilter:
    """Which events to list. Each given criterion must hold; within one, any value does, except
    ``actor_ids``, all of whom took part. ``date_from``/``date_to`` are inclusive days. Topics may be
    named by primary key (``topic_ids``) or by slug (``topic_slugs``); an event about any passes."""

    actor_ids: Sequence[int] = ()
    venue_ids: Sequence[int] = ()
    countries: Sequence[str] = ()
    topic_ids: Sequence[int] = ()
    topic_slugs: Sequence[str] = ()
    kinds: Sequence[str] = ()
    statuses: Sequence[str] = ()
    date_from: date | None = None
    date_to: date | None = None
    min_confidence: float | None = None
    text: str | None = None
    located: bool | None = None

    def frozen(self) -> EventFilter:
        """The same filter holding tuples, so that it hashes (a key of a cache or a batch)."""
        return replace(
            self,
            actor_ids=tuple(self.actor_ids),
            venue_ids=tuple(self.venue_ids),
            countries=tuple(self.countries),
            topic_ids=tuple(self.topic_ids),
            topic_slugs=tuple(self.topic_slugs),
            kinds=tuple(self.kinds),
            statuses=tuple(self.statuses),
        )


@dataclass(frozen=True)
class FilterShape:
    """Which criteria a filter gives: all its conditions' SQL depends on."""

    actors: bool = False
    # More than one actor, all of whom must have taken part (one needs no grouping).
    several_actors: bool = False
    venues: bool = False
    countries: bool = False
    topics: bool = False
    topic_slugs: bool = False
    kinds: bool = False
    statuses: bool = False
    date_from: bool = False
    date_to: bool = False
    min_confidence: bool = False
    text: bool = False
    # True: only located events; False: only the others; None: either.
    located: bool | None = None


def bind(event_filter: EventFilter) -> tuple[FilterShape, dict[str, Any]]:
    """The shape of ``event_filter`` and the values of its bound parameters."""
    params: dict[str, Any] = {}
    actor_ids = list(dict.fromkeys(event_filter.actor_ids))
    if actor_ids:
        params["filter_actor_ids"] = id_list(actor_ids)
    if len(actor_ids) > 1:
        params["filter_actor_count"] = len(actor_ids)
    if event_filter.venue_ids:
        params["filter_venue_ids"] = id_list(event_filter.venue_ids)
    if event_filter.countries:
        params["filter_countries"] = [code.upper() for code in event_filter.countries]
    if event_filter.topic_ids:
        params["filter_topic_ids"] = id_list(event_filter.topic_ids)
    if event_filter.topic_slugs:
        params["filter_topic_slugs"] = list(event_filter.topic_slugs)
    if event_filter.kinds:
        params["filter_kinds"] = list(event_filter.kinds)
    if event_filter.statuses:
        params["filter_statuses"] = list(event_filter.statuses)
    if event_filter.date_to is not None:
        params["filter_to"] = event_filter.date_to
    day = event_filter.date_from
    if day is not None:
        # The first day of the range, of its month and of its year: an event's end is compared with
        # the one its precision can tell.
        params.update(filter_from=day, filter_from_month=day.replace(day=1), filter_from_year=date(day.year, 1, 1))
    if event_filter.min_confidence is not None:
        params["filter_min_confidence"] = event_filter.min_confidence
    if event_filter.text:
        params["filter_text"] = like_pattern(event_filter.text)
    shape = FilterShape(
        actors=bool(actor_ids),
        several_actors=len(actor_ids) > 1,
        venues=bool(event_filter.venue_ids),
        countries=bool(event_filter.countries),
        topics=bool(event_filter.topic_ids),
        topic_slugs=bool(event_filter.topic_slugs),
        kinds=bool(event_filter.kinds),
        statuses=bool(event_filter.statuses),
        date_from=day is not None,
        date_to=event_filter.date_to is not None,
        min_confidence=event_filter.min_confidence is not None,
        text=bool(event_filter.text),
        located=event_filter.located,
    )
    return shape, params


def _ends_on_or_after_bound() -> ColumnElement[bool]:
    """The last day the event covers is the bound ``filter_from`` or later, read at the precision of
    its end."""
    end = func.coalesce(EVENTS.c.end_date, EVENTS.c.start_date)
    precision = case((EVENTS.c.end_date.is_(None), EVENTS.c.start_precision), else_=EVENTS.c.end_precision)
    # The bound at the end's precision (NULL, so no match, for any other): one CASE on the precision,
    # which a scan of many events reads once per event rather than once per precision.
    bound = case(
        {
            DatePrecision.DAY.value: bindparam("filter_from", type_=Date()),
            DatePrecision.MONTH.value: bindparam("filter_from_month", type_=Date()),
            DatePrecision.YEAR.value: bindparam("filter_from_year", type_=Date()),
        },
        value=precision,
    )
    return end >= bound


def _about_topics(shape: FilterShape) -> ColumnElement[bool]:
    """A link of an event to one of the topics named by ID or by slug."""
    named: list[ColumnElement[bool]] = []
    if shape.topics:
        named.append(among_ids(EVENT_TOPICS.c.topic_id, "filter_topic_ids"))
    if shape.topic_slugs:
        slugs: BindParameter[str] = bindparam("filter_topic_slugs", expanding=True)
        named.append(EVENT_TOPICS.c.topic_id.in_(select(TOPICS.c.id).where(TOPICS.c.slug.in_(slugs))))
    return or_(*named)


_PLACED_PARENTS = VENUES.alias("placed_parent")


def _placed_venues() -> Select[tuple[int]]:
    """The venues with a point on a map: their own coordinates, else their parent's."""
    parents = select(_PLACED_PARENTS.c.id).where(
        _PLACED_PARENTS.c.latitude.is_not(None), _PLACED_PARENTS.c.longitude.is_not(None)
    )
    own = VENUES.c.latitude.is_not(None) & VENUES.c.longitude.is_not(None)
    return select(VENUES.c.id).where(or_(own, VENUES.c.parent_id.in_(parents)))


def _placed(*, located: bool) -> ColumnElement[bool]:
    """The event has a point on a map (``located``), or has none (no venue, or one placed nowhere)."""
    placed = _placed_venues()
    if located:
        return EVENTS.c.venue_id.in_(placed)
    return or_(EVENTS.c.venue_id.is_(None), EVENTS.c.venue_id.not_in(placed))


@lru_cache(maxsize=1024)
def conditions(shape: FilterShape) -> tuple[ColumnElement[bool], ...]:
    """The WHERE conditions on the events table of a filter of ``shape``, its values bound by name (the
    parameters ``bind`` gives); the same objects every time for the same shape."""
    found: list[ColumnElement[bool]] = []
    if shape.actors:
        with_any = select(PARTICIPANTS.c.event_id).where(among_ids(PARTICIPANTS.c.actor_id, "filter_actor_ids"))
        # All of several actors: events where as many of them took part (the grouping costs a sort of
        # every participation of theirs, which one actor alone can do without).
        with_all = (
            with_any.group_by(PARTICIPANTS.c.event_id).having(
                func.count(PARTICIPANTS.c.actor_id.distinct()) == bindparam("filter_actor_count", type_=Integer())
            )
            if shape.several_actors
            else with_any
        )
        found.append(EVENTS.c.id.in_(with_all))
    if shape.venues:
        found.append(EVENTS.c.venue_id.in_(venue_ids_within("filter_venue_ids")))
    if shape.countries:
        in_countries = select(VENUES.c.id).where(VENUES.c.country.in_(bindparam("filter_countries", expanding=True)))
        found.append(EVENTS.c.venue_id.in_(in_countries))
    if shape.topics or shape.topic_slugs:
        found.append(EVENTS.c.id.in_(select(EVENT_TOPICS.c.event_id).where(_about_topics(shape))))
    if shape.kinds:
        found.append(EVENTS.c.kind.in_(bindparam("filter_kinds", expanding=True)))
    if shape.statuses:
        found.append(EVENTS.c.status.in_(bindparam("filter_statuses", expanding=True)))
    if shape.date_from or shape.date_to:
        found.append(EVENTS.c.start_date.is_not(None))
    if shape.date_to:
        found.append(EVENTS.c.start_date <= bindparam("filter_to", type_=Date()))
    if shape.date_from:
        found.append(_ends_on_or_after_bound())
    if shape.min_confidence:
        found.append(EVENTS.c.confidence >= bindparam("filter_min_confidence", type_=Float()))
    if shape.text:
        pattern = bindparam("filter_text", type_=String())
        quoted = select(EVIDENCE.c.event_id).where(contains_bound(EVIDENCE.c.quote, pattern))
        found.append(or_(contains_bound(EVENTS.c.title, pattern), EVENTS.c.id.in_(quoted)))
    if shape.located is not None:
        found.append(_placed(located=shape.located))
    return tuple(found)
