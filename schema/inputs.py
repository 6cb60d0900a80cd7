"""Filter and order inputs, and their translation into the data layer's filters (IDs decoded, date
bounds widened to the days they stand for)."""

from __future__ import annotations

from collections.abc import Sequence

import strawberry

from db.ids import decode_id
from db.queries.actors import ActorFilter
from db.queries.articles import ArticleFilter
from db.queries.events import EventFilter
from db.queries.topics import TopicFilter
from db.queries.venues import VenueFilter
from db.slugs import ids_or_slugs
from schema.enums import (
    ActorKind,
    ActorOrderField,
    ArticleOrderField,
    EventKind,
    EventOrderField,
    EventStatus,
    OrderDirection,
    TopicOrderField,
    VenueKind,
    VenueOrderField,
)
from schema.scalars import PartialDate

__all__ = [
    "ActorFilterInput",
    "ActorOrder",
    "ArticleFilterInput",
    "ArticleOrder",
    "EventFilterInput",
    "EventOrder",
    "TopicFilterInput",
    "TopicOrder",
    "VenueFilterInput",
    "VenueOrder",
    "decode_ids",
]


def decode_ids(ids: Sequence[strawberry.ID | None] | None, type_name: str) -> list[int]:
    """The primary keys inside ``ids`` (nulls skipped); an ID of another type is refused."""
    return [decode_id(value, expected_type=type_name)[1] for value in ids or () if value is not None]


def _present(values: Sequence[str | None] | None) -> list[str]:
    return [value for value in values or () if value is not None]


@strawberry.input(description="Events that pass every criterion given; within a list, any value passes.")
class EventFilterInput:
    actors: list[strawberry.ID | None] | None = strawberry.field(
        default=None, description="Actors who all took part (nulls are ignored)."
    )
    venues: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Held at one of these venues or a place inside one (a city holds its buildings)."
    )
    countries: list[str] | None = strawberry.field(
        default=None, description="Held at a venue in one of these countries (ISO 3166-1 alpha-2)."
    )
    topics: list[strawberry.ID] | None = strawberry.field(
        default=None, description="About one of these topics, each given by its ID or its slug ('taiwan')."
    )
    kinds: list[EventKind] | None = None
    statuses: list[EventStatus] | None = None
    from_: PartialDate | None = strawberry.field(
        name="from", default=None, description="Ends on or after this date (at the precision of each event)."
    )
    to: PartialDate | None = strawberry.field(default=None, description="Starts on or before this date.")
    min_confidence: float | None = strawberry.field(default=None, description="Confidence at least this (0 to 1).")
    text: str | None = strawberry.field(default=None, description="Title or a supporting quote contains this.")
    located: bool | None = strawberry.field(
        default=None,
        description=(
            "true: only events with a point on a map (their venue's coordinates, else those of the place it"
            " lies in, as the GeoJSON export places them); false: only the others, those without a venue too."
        ),
    )

    def to_filter(self) -> EventFilter:
        topic_ids, topic_slugs = ids_or_slugs(_present(self.topics), "Topic")
        return EventFilter(
            actor_ids=decode_ids(self.actors, "Actor"),
            venue_ids=decode_ids(self.venues, "Venue"),
            countries=list(self.countries or ()),
            topic_ids=topic_ids,
            topic_slugs=topic_slugs,
            kinds=[kind.value for kind in self.kinds or ()],
            statuses=[status.value for status in self.statuses or ()],
            date_from=self.from_.first_day if self.from_ else None,
            date_to=self.to.last_day if self.to else None,
            min_confidence=self.min_confidence,
            text=self.text or None,
            located=self.located,
        )


@strawberry.input(description="How to order events; ties are broken by ID.")
class EventOrder:
    field: EventOrderField = EventOrderField.START
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Actors that pass every criterion given.")
class ActorFilterInput:
    search: str | None = strawberry.field(default=None, description="Name or an alias contains this.")
    kinds: list[ActorKind] | None = None
    countries: list[str] | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 codes.")

    def to_filter(self) -> ActorFilter:
        return ActorFilter(
            search=self.search or None,
            kinds=[kind.value for kind in self.kinds or ()],
            countries=_present(self.countries),
        )


@strawberry.input(description="How to order actors; ties are broken by ID.")
class ActorOrder:
    field: ActorOrderField = ActorOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Venues that pass every criterion given.")
class VenueFilterInput:
    countries: list[str] | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2 codes.")
    kinds: list[VenueKind] | None = None
    search: str | None = strawberry.field(default=None, description="Name contains this.")

    def to_filter(self) -> VenueFilter:
        return VenueFilter(
            countries=_present(self.countries),
            kinds=[kind.value for kind in self.kinds or ()],
            search=self.search or None,
        )


@strawberry.input(description="How to order venues; ties are broken by ID.")
class VenueOrder:
    field: VenueOrderField = VenueOrderField.NAME
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Topics that pass every criterion given.")
class TopicFilterInput:
    search: str | None = strawberry.field(default=None, description="Label or slug contains this.")
    slugs: list[str] | None = None

    def to_filter(self) -> TopicFilter:
        return TopicFilter(search=self.search or None, slugs=_present(self.slugs))


@strawberry.input(description="How to order topics; ties are broken by ID.")
class TopicOrder:
    field: TopicOrderField = TopicOrderField.LABEL
    direction: OrderDirection = OrderDirection.ASC


@strawberry.input(description="Articles that pass every criterion given.")
class ArticleFilterInput:
    outlets: list[str] | None = strawberry.field(default=None, description="Exact outlet names.")
    published_from: PartialDate | None = strawberry.field(default=None, description="Published on or after.")
    published_to: PartialDate | None = strawberry.field(default=None, description="Published on or before.")
    search: str | None = strawberry.field(default=None, description="Title contains this.")

    def to_filter(self) -> ArticleFilter:
        return ArticleFilter(
            outlets=_present(self.outlets),
            published_from=self.published_from.first_day if self.published_from else None,
            published_to=self.published_to.last_day if self.published_to else None,
            search=self.search or None,
        )


@strawberry.input(description="How to order articles; ties are broken by ID.")
class ArticleOrder:
    field: ArticleOrderField = ArticleOrderField.PUBLISHED
    direction: OrderDirection = OrderDirection.DESC
