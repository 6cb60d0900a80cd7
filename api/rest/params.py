"""Query and path parameters of the REST API, read and checked in one place, into the data layer's
filters, orderings and page requests (the grammar GraphQL's inputs translate into as well).

Every problem with a request's parameters is collected, then refused at once as one 400 that names
each bad parameter and why. Unknown parameters are refused too, so a misspelt filter never silently
widens a result.

    >>> query = read_events(request)  # doctest: +SKIP
    >>> query.filter.kinds, query.page.first
    (['meeting'], 20)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Generic, TypeVar

from starlette.requests import Request

from api.problems import ProblemError
from db.dates import last_day, parse_partial_date
from db.enums import ActorKind, EventKind, EventStatus, VenueKind
from db.ids import InvalidIdError, decode_id
from db.limits import MAX_FILTER_VALUES, MAX_STRING_LENGTH, MAX_TEXT_LENGTH
from db.queries.actors import ActorFilter, ActorSortField
from db.queries.articles import ArticleFilter, ArticleSortField
from db.queries.events import EventFilter, EventSortField
from db.queries.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageRequest, SortDirection
from db.queries.topics import TopicFilter, TopicSortField
from db.queries.venues import VenueFilter, VenueSortField
from db.slugs import ids_or_slugs

__all__ = [
    "EVENT_PARAMETERS",
    "MAX_TEXT_LENGTH",
    "MAX_VALUES",
    "ListQuery",
    "path_pk",
    "read_actors",
    "read_articles",
    "read_event_filter",
    "read_events",
    "read_topics",
    "read_venues",
]

T = TypeVar("T")
FilterT = TypeVar("FilterT")
SortT = TypeVar("SortT", bound=StrEnum)
EnumT = TypeVar("EnumT", bound=StrEnum)

# One cap for both APIs (db.limits): GraphQL refuses the same long lists and texts.
MAX_VALUES = MAX_FILTER_VALUES
PAGE_PARAMETERS = ("limit", "cursor")
EVENT_PARAMETERS = (
    "actor",
    "venue",
    "country",
    "topic",
    "kind",
    "status",
    "from",
    "to",
    "min_confidence",
    "q",
    "sort",
    *PAGE_PARAMETERS,
)
_COUNTRY = re.compile(r"[A-Za-z]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,4}")
# A JSON number, the form the document's `type: number` promises (so "1e-07" too, not "nan" or "1_0").
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class ListQuery(Generic[FilterT, SortT]):
    """What a list endpoint was asked for: the filter, the order and the page."""

    filter: FilterT
    sort: SortT
    direction: SortDirection
    page: PageRequest
    # The parameters as given, minus the cursor: the base of the links to the next page.
    base: list[tuple[str, str]] = field(default_factory=list)


class _Reader:
    """The query parameters of one request and the problems found in them so far."""

    def __init__(self, request: Request, allowed: Collection[str]) -> None:
        self.params = request.query_params
        self.errors: list[tuple[str, str]] = []
        for name in dict.fromkeys(self.params.keys()):
            if name not in allowed:
                self.errors.append((name, f"unknown parameter; this endpoint takes {', '.join(allowed)}"))

    def one(self, name: str, parse: Callable[[str], T]) -> T | None:
        values = self.params.getlist(name)
        if not values:
            return None
        if len(values) > 1:
            self.errors.append((name, "given more than once; it takes one value"))
            return None
        return self._parse(name, values[0], parse)

    def many(self, name: str, parse: Callable[[str], T]) -> list[T]:
        values = self.params.getlist(name)
        if len(values) > MAX_VALUES:
            self.errors.append((name, f"given {len(values)} times; at most {MAX_VALUES} values"))
            return []
        parsed = [self._parse(name, value, parse) for value in values]
        return [value for value in parsed if value is not None]

    def _parse(self, name: str, value: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(value)
        except ValueError as exc:
            self.errors.append((name, str(exc)))
            return None

    def page(self) -> PageRequest:
        limit = self.one("limit", _limit)
        return PageRequest(first=limit if limit is not None else DEFAULT_PAGE_SIZE, after=self.one("cursor", _cursor))

    def finish(self) -> list[tuple[str, str]]:
        """The parameters as given, cursor left out; raises the 400 when anything was wrong."""
        if self.errors:
            raise ProblemError.bad_parameters(self.errors)
        return [(name, value) for name, value in self.params.multi_items() if name != "cursor"]


def _text(value: str) -> str | None:
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"at most {MAX_TEXT_LENGTH} characters, not {len(value)}")
    if _CONTROL.search(value):
        raise ValueError("must not hold control characters")
    return value.strip() or None


def _limit(value: str) -> int:
    if not _WHOLE_NUMBER.fullmatch(value) or not 1 <= int(value) <= MAX_PAGE_SIZE:
        raise ValueError(f"must be a whole number from 1 to {MAX_PAGE_SIZE}, not {value[:20]!r}")
    return int(value)


def _cursor(value: str) -> str:
    # Whether it belongs to this list and order is up to the data layer, which reads it.
    if not value or len(value) > MAX_STRING_LENGTH or not value.isascii():
        raise ValueError("not a cursor this list issued")
    return value


def _confidence(value: str) -> float:
    number = float(value) if _NUMBER.fullmatch(value) else math.nan
    if not 0 <= number <= 1:
        raise ValueError(f"must be a number from 0 to 1, not {value[:20]!r}")
    return number


def _country(value: str) -> str:
    if not _COUNTRY.fullmatch(value):
        raise ValueError(f"must be an ISO 3166-1 alpha-2 code such as 'CN', not {value[:20]!r}")
    return value.upper()


def _choice(enum: type[StrEnum]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in {member.value for member in enum}:
            raise ValueError(f"must be one of {', '.join(member.value for member in enum)}, not {value[:40]!r}")
        return value

    return parse


def _id_of(type_name: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            return decode_id(value, expected_type=type_name)[1]
        except InvalidIdError as exc:
            raise ValueError(f"not the ID of a {type_name}: {value[:64]!r}") from exc

    return parse


def _topic(value: str) -> int | str:
    """A topic's primary key, or its slug as given."""
    try:
        ids, slugs = ids_or_slugs([value], "Topic")
    except InvalidIdError as exc:
        raise ValueError(f"not the ID or the slug of a Topic: {value[:64]!r}") from exc
    return ids[0] if ids else slugs[0]


def _first_day(value: str) -> date:
    return parse_partial_date(_date_text(value))[0]


def _last_day(value: str) -> date:
    day, precision = parse_partial_date(_date_text(value))
    return last_day(day, precision)


def _date_text(value: str) -> str:
    if not value.isascii() or value != value.strip():
        raise ValueError(f"must be a date such as '2023', '2023-06' or '2023-06-18', not {value[:20]!r}")
    try:
        parse_partial_date(value)
    except ValueError as exc:
        raise ValueError(f"must be a date such as '2023', '2023-06' or '2023-06-18', not {value[:20]!r}") from exc
    return value


def _sort(reader: _Reader, enum: type[EnumT], default: str) -> tuple[EnumT, SortDirection]:
    """``field`` ascending or ``-field`` descending."""
    choices = [option for member in enum for option in (member.value, f"-{member.value}")]

    def parse(value: str) -> str:
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}, not {value[:40]!r}")
        return value

    chosen = reader.one("sort", parse) or default
    direction = SortDirection.DESC if chosen.startswith("-") else SortDirection.ASC
    return enum(chosen.removeprefix("-")), direction


def _event_filter(reader: _Reader, actor_pk: int | None = None) -> EventFilter:
    actors = reader.many("actor", _id_of("Actor"))
    topics = reader.many("topic", _topic)
    return EventFilter(
        actor_ids=[*actors, actor_pk] if actor_pk is not None else actors,
        venue_ids=reader.many("venue", _id_of("Venue")),
        countries=reader.many("country", _country),
        topic_ids=[topic for topic in topics if isinstance(topic, int)],
        topic_slugs=[topic for topic in topics if isinstance(topic, str)],
        kinds=reader.many("kind", _choice(EventKind)),
        statuses=reader.many("status", _choice(EventStatus)),
        date_from=reader.one("from", _first_day),
        date_to=reader.one("to", _last_day),
        min_confidence=reader.one("min_confidence", _confidence),
        text=reader.one("q", _text),
    )


def read_events(request: Request, *, actor_pk: int | None = None) -> ListQuery[EventFilter, EventSortField]:
    """``GET /events`` (and ``/actors/{id}/events``, whose actor joins those of ``actor``)."""
    reader = _Reader(request, EVENT_PARAMETERS)
    event_filter = _event_filter(reader, actor_pk)
    sort, direction = _sort(reader, EventSortField, EventSortField.START.value)
    page = reader.page()
    return ListQuery(event_filter, sort, direction, page, reader.finish())


def read_event_filter(request: Request) -> EventFilter:
    """The filter of an export of events (``/events.geojson``…): the parameters of ``GET /events``
    but its order and pages, since an export holds every event that passes, in ID order."""
    reader = _Reader(request, [name for name in EVENT_PARAMETERS if name not in ("sort", *PAGE_PARAMETERS)])
    event_filter = _event_filter(reader)
    reader.finish()
    return event_filter


def read_actors(request: Request) -> ListQuery[ActorFilter, ActorSortField]:
    """``GET /actors``: ``q`` (name or alias), ``kind``, ``country``."""
    reader = _Reader(request, ("q", "kind", "country", *PAGE_PARAMETERS))
    actor_filter = ActorFilter(
        search=reader.one("q", _text),
        kinds=reader.many("kind", _choice(ActorKind)),
        countries=reader.many("country", _country),
    )
    page = reader.page()
    return ListQuery(actor_filter, ActorSortField.NAME, SortDirection.ASC, page, reader.finish())


def read_venues(request: Request) -> ListQuery[VenueFilter, VenueSortField]:
    """``GET /venues``: ``q`` (name), ``kind``, ``country``."""
    reader = _Reader(request, ("q", "kind", "country", *PAGE_PARAMETERS))
    venue_filter = VenueFilter(
        search=reader.one("q", _text),
        kinds=reader.many("kind", _choice(VenueKind)),
        countries=reader.many("country", _country),
    )
    page = reader.page()
    return ListQuery(venue_filter, VenueSortField.NAME, SortDirection.ASC, page, reader.finish())


def read_topics(request: Request) -> ListQuery[TopicFilter, TopicSortField]:
    """``GET /topics``: ``q`` (label or slug)."""
    reader = _Reader(request, ("q", *PAGE_PARAMETERS))
    topic_filter = TopicFilter(search=reader.one("q", _text))
    page = reader.page()
    return ListQuery(topic_filter, TopicSortField.LABEL, SortDirection.ASC, page, reader.finish())


def read_articles(request: Request) -> ListQuery[ArticleFilter, ArticleSortField]:
    """``GET /articles``: ``outlet``, ``from``/``to`` (published), ``q`` (title), ``sort``."""
    reader = _Reader(request, ("outlet", "from", "to", "q", "sort", *PAGE_PARAMETERS))
    outlets = [outlet for outlet in reader.many("outlet", _text) if outlet]
    article_filter = ArticleFilter(
        outlets=outlets,
        published_from=reader.one("from", _first_day),
        published_to=reader.one("to", _last_day),
        search=reader.one("q", _text),
    )
    sort, direction = _sort(reader, ArticleSortField, f"-{ArticleSortField.PUBLISHED.value}")
    page = reader.page()
    return ListQuery(article_filter, sort, direction, page, reader.finish())


def path_pk(request: Request, type_name: str) -> int:
    """The primary key inside the path's ``{id}``; an ID that is no ID of a ``type_name`` names
    nothing here, so it is a 404 like an ID whose row is gone."""
    value = request.path_params["id"]
    try:
        return decode_id(value, expected_type=type_name)[1]
    except InvalidIdError as exc:
        raise ProblemError.not_found(f"No {type_name.lower()} has the ID {value[:64]!r}.") from exc
