"""The enumerations of the schema: the model's closed vocabularies and the sort orders of each list.
The data layer's own enums, registered with strawberry under their GraphQL names, so values pass
between the layers unconverted."""

from __future__ import annotations

import strawberry

from db import enums
from db.queries.actors import ActorSortField
from db.queries.articles import ArticleSortField
from db.queries.events import EventSortField
from db.queries.pagination import SortDirection
from db.queries.topics import TopicSortField
from db.queries.venues import VenueSortField

__all__ = [
    "ActorKind",
    "ActorOrderField",
    "ArticleOrderField",
    "DateCandidateVerdict",
    "DatePrecision",
    "EventKind",
    "EventOrderField",
    "EventStatus",
    "OrderDirection",
    "TopicOrderField",
    "VenueKind",
    "VenueOrderField",
]

ActorKind = enums.ActorKind
strawberry.enum(ActorKind, name="ActorKind", description="What kind of actor.")
VenueKind = enums.VenueKind
strawberry.enum(VenueKind, name="VenueKind", description="Building, city, region or country.")
EventKind = enums.EventKind
strawberry.enum(EventKind, name="EventKind", description="What kind of event.")
EventStatus = enums.EventStatus
strawberry.enum(EventStatus, name="EventStatus", description="Whether the event took place.")
DatePrecision = enums.DatePrecision
strawberry.enum(DatePrecision, name="DatePrecision", description="How much of a date the evidence gives.")
DateCandidateVerdict = enums.DateCandidateVerdict
strawberry.enum(
    DateCandidateVerdict,
    name="DateCandidateVerdict",
    description="What became of a candidate reference date: CHOSEN (the reference date), CONSISTENT (agrees with "
    "it) or REJECTED (overruled; its `why` says by what).",
)
OrderDirection = SortDirection
strawberry.enum(OrderDirection, name="OrderDirection", description="Ascending or descending.")
EventOrderField = EventSortField
strawberry.enum(EventOrderField, name="EventOrderField", description="What events sort by.")
ActorOrderField = ActorSortField
strawberry.enum(ActorOrderField, name="ActorOrderField", description="What actors sort by.")
VenueOrderField = VenueSortField
strawberry.enum(VenueOrderField, name="VenueOrderField", description="What venues sort by.")
TopicOrderField = TopicSortField
strawberry.enum(TopicOrderField, name="TopicOrderField", description="What topics sort by.")
ArticleOrderField = ArticleSortField
strawberry.enum(ArticleOrderField, name="ArticleOrderField", description="What articles sort by.")
