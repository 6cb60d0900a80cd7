"""Visits and the meetings held during them: after an article's events are stored, each meeting is
placed inside the visit it happened during, an undated visit takes the span of its meetings, and an
undated meeting the dates of its visit. Derived, never guessed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.dates import first_day
from db.models import Event
from db.services import events as event_service
from loaders.dating import DateRange, a_day_within
from loaders.merge import EventSnapshot, dates_agree, stored_dates

if TYPE_CHECKING:
    from loaders.store.writer import ArticleWriter

__all__ = ["nest_and_date", "set_dates"]


def set_dates(event: Event, dates: DateRange | None) -> None:
    """Give ``event`` the dates of ``dates``; None changes nothing."""
    if dates is None:
        return
    start, start_precision, end, end_precision = dates
    # A window within its unit ("later this year" from June) is stored as the unit it prints as.
    event.start_date, event.start_precision = first_day(start, start_precision), start_precision
    event.end_date, event.end_precision = end, end_precision


async def nest_and_date(writer: ArticleWriter) -> None:
    """Place meetings inside the visits they happened during; then date an undated visit by its
    meetings and an undated meeting by its visit. Both are derived, never guessed: a visit spans at
    least its meetings, and a meeting during a visit happened within the visit's days."""
    index = writer.index
    for event in list(writer.touched.values()):
        snapshot = index.get(event.id)
        if snapshot is None:
            continue
        await index.load_actors(writer.session, snapshot.actor_ids)
        if event.kind == "visit":
            for meeting in index.sharing(kinds=["meeting", "call"], actor_ids=snapshot.actor_ids):
                if meeting.parent_id is None and await _happened_during(writer, meeting, snapshot):
                    child = await writer.event(meeting.id)
                    child.parent_id = event.id
                    writer.record(child)
        elif event.kind in {"meeting", "call"} and event.parent_id is None:
            for visit in index.sharing(kinds=["visit"], actor_ids=snapshot.actor_ids):
                if await _happened_during(writer, snapshot, visit):
                    event.parent_id = visit.id
                    writer.record(event)
                    writer.record(await writer.event(visit.id))
                    break
    await writer.session.flush()
    await _derive_dates(writer)
    for event in writer.touched.values():
        writer.record(event)


async def _derive_dates(writer: ArticleWriter) -> None:
    session = writer.session
    events = list(writer.touched.values())
    for visit in (e for e in events if e.kind == "visit"):
        children = {e.id: e for e in events if e.parent_id == visit.id}
        children |= {e.id: e for e in await event_service.list_children(session, event_id=visit.id)}
        dated = [d for e in children.values() if (d := stored_dates(e)) is not None]
        own = stored_dates(visit)
        if own is not None:
            dated.append(own)
        if dated:
            set_dates(visit, _span_of(dated))
    for meeting in (e for e in events if e.start_date is None):
        if meeting.parent_id is None:
            continue
        parent = writer.touched.get(meeting.parent_id) or await event_service.get(session, event_id=meeting.parent_id)
        parent_dates = stored_dates(parent) if parent is not None else None
        if parent_dates is not None:
            set_dates(meeting, a_day_within(parent_dates))  # a day of the visit, as precisely as it pins one
    await session.flush()


def _span_of(ranges: list[DateRange]) -> DateRange:
    """The range from the earliest start to the latest end: a visit covers the days of its meetings."""
    first, last = min(ranges, key=lambda d: d[0]), max(ranges, key=lambda d: d[2])
    return first[0], first[1], last[2], last[3]


async def _happened_during(writer: ArticleWriter, meeting: EventSnapshot, visit: EventSnapshot) -> bool:
    if meeting.id == visit.id or (meeting.status == "occurred") != (visit.status == "occurred"):
        return False
    if not visit.actor_ids <= meeting.actor_ids:
        return False
    meeting_facts, visit_facts = await writer.facts_of(meeting), await writer.facts_of(visit)
    if not visit_facts.venue_chain:
        return False
    dated_alike = (
        meeting_facts.dates is not None
        and visit_facts.dates is not None
        and dates_agree(meeting_facts.dates, visit_facts.dates)
    )
    if meeting_facts.venue_chain:
        inside = visit_facts.venue_chain[0] in meeting_facts.venue_chain
        # An undated side agrees with nothing across articles: the same article must report both.
        reported_together = meeting.id in writer.reported and visit.id in writer.reported
        return inside and (dated_alike or (reported_together and dates_agree(meeting_facts.dates, visit_facts.dates)))
    return dated_alike
