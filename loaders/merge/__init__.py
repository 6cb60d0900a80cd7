"""Merge: an event as a report describes it, and the stored events of the same people, in; whether it
is one of them (and how well it fits), and what the merged event then says, out.

- ``same_happening`` decides identity on ``EventFacts`` (kind, participants, venue with the places
  containing it, dates, status); ``merge_dates`` and ``merge_status`` combine two reports.
- ``EventIndex`` holds what one load knows of stored events (``EventSnapshot``s), found by the
  people who took part, so each report is matched without a query per report.

    >>> same_happening(new_report, stored_event)  # doctest: +SKIP
    5.5
"""

from loaders.merge.event_index import EventIndex, EventSnapshot, stored_dates
from loaders.merge.identity import (
    EventFacts,
    dates_agree,
    merge_dates,
    merge_status,
    merge_trip_dates,
    same_happening,
    same_trip,
)

__all__ = [
    "EventFacts",
    "EventIndex",
    "EventSnapshot",
    "dates_agree",
    "merge_dates",
    "merge_status",
    "merge_trip_dates",
    "same_happening",
    "same_trip",
    "stored_dates",
]
