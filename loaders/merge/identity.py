"""When two reports are one happening, and what the merged event then says.

Two reports are the same event when they are of the same kind, share the people who matter (two
participants of a meeting or call, the traveller of a visit), and neither their places nor their
dates disagree. A cancelled or postponed event stays apart from one that occurred unless both are
dated alike, so a called-off trip never swallows the trip that later happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from db.enums import DatePrecision, EventKind, EventStatus
from loaders.dating import DateRange, covered_days

__all__ = [
    "EventFacts",
    "dates_agree",
    "merge_dates",
    "merge_status",
    "merge_trip_dates",
    "positive_evidence",
    "same_happening",
    "same_trip",
]

STATUS_PRECEDENCE = {
    EventStatus.OCCURRED: 4,
    EventStatus.CANCELLED: 3,
    EventStatus.POSTPONED: 2,
    EventStatus.PLANNED: 1,
    EventStatus.EXPECTED: 0,
}
CALLED_OFF = frozenset({EventStatus.CANCELLED, EventStatus.POSTPONED})
PRECISION_RANK = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}


@dataclass(frozen=True)
class EventFacts:
    """What identity is decided on: kind, participants, the venue with the places containing it
    (innermost first; empty when unknown), dates and status."""

    kind: str
    actor_ids: frozenset[int]
    venue_chain: tuple[int, ...]
    dates: DateRange | None
    status: str
    reported_on: date | None = None
    """The reference date of the article reporting it, when known: what it reports as held happened
    by then, and what it reports as planned had not happened long before."""
    reported: tuple[date, date] | None = None
    """For a stored event: the earliest and latest days of writing of the dated articles reporting it."""
    weekday: int | None = None
    """For an undated report: the weekday it names ("on Sunday"), Monday being 0."""
    apart: bool = False
    """For a report: told as a meeting held apart from others ("separate talks"), never part of a larger one."""


def dates_agree(a: DateRange | None, b: DateRange | None) -> bool:
    """Whether two dates can name the same days (an unknown date agrees with any)."""
    if a is None or b is None:
        return True
    (a_lo, a_hi), (b_lo, b_hi) = covered_days(a), covered_days(b)
    # Reports of the same day often differ by one across time zones; months and years do not.
    slack = timedelta(days=1 if a[1] == b[1] == DatePrecision.DAY else 0)
    return a_lo <= b_hi + slack and b_lo <= a_hi + slack


def _venues_agree(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    return not a or not b or a[0] in b or b[0] in a


def same_happening(
    new: EventFacts, stored: EventFacts, *, strict: bool = True, same_article: bool = False
) -> float | None:
    """How well ``new`` fits ``stored`` as the same real event (higher is better), or None if it is
    another event. ``strict=False`` lets a report that is held on one side and announced on the other
    match without a shared place or date. Across articles (``same_article`` False) some agreement must
    be positive (``positive_evidence``): a missing date or place agrees with anything, and proves nothing."""
    if new.kind != stored.kind:
        return None
    if same_article and same_trip(new, stored):
        return float(len(new.actor_ids & stored.actor_ids)) + 0.5
    shared = new.actor_ids & stored.actor_ids
    needed = 1 if new.kind == EventKind.VISIT else 2
    if new.kind == EventKind.SUMMIT:
        needed = 0 if new.venue_chain and stored.venue_chain else 1
    if len(shared) < min(needed, len(new.actor_ids), len(stored.actor_ids)) or (needed and not shared):
        return None
    if new.kind in {EventKind.MEETING, EventKind.CALL} and not _people_fit(new, stored, same_article=same_article):
        return None
    if not same_article and positive_evidence(new, stored) is None:
        return None
    if not _venues_agree(new.venue_chain, stored.venue_chain) or not dates_agree(new.dates, stored.dates):
        return None
    if not _reported_in_time(new, stored):
        return None
    anchored = bool(new.venue_chain and stored.venue_chain) or bool(new.dates and stored.dates)
    happened_differs = (new.status == EventStatus.OCCURRED) != (stored.status == EventStatus.OCCURRED)
    if strict and happened_differs and not anchored:
        return None  # the same pair meets again and again: "planned" is "held" only where place or date agree
    called_off = (new.status in CALLED_OFF) != (stored.status in CALLED_OFF)
    if called_off and (new.dates is None or stored.dates is None or new.dates[:2] != stored.dates[:2]):
        return None
    score = float(len(shared))
    if new.venue_chain and stored.venue_chain:
        score += 2 if new.venue_chain[0] == stored.venue_chain[0] else 1
    if new.dates and stored.dates:
        score += 2 if new.dates == stored.dates else 1
    score += 0.5 * (new.status == stored.status)
    return score


# The legs of one trip an article reports lie within a week of each other.
TRIP_REACH = timedelta(days=7)


def same_trip(new: EventFacts, stored: EventFacts) -> bool:
    """Whether two visits one article reports are legs of one trip: the same traveller, in the same
    country (or a place unknown on one side), within a week of each other (or of the day of writing,
    for a leg it does not date), neither called off. "Arrived in Shanghai on Wednesday … talks in
    Beijing on Friday … flies home on Sunday" is one visit to China."""
    if new.kind != EventKind.VISIT or not new.actor_ids & stored.actor_ids:
        return False
    if new.status in CALLED_OFF or stored.status in CALLED_OFF:
        return False
    if new.venue_chain and stored.venue_chain and new.venue_chain[-1] != stored.venue_chain[-1]:
        return False
    if not (new.venue_chain and stored.venue_chain) and (new.status == EventStatus.OCCURRED) != (
        stored.status == EventStatus.OCCURRED
    ):
        return False  # a leg told with no place is of the trip told the same way: held, or still a plan
    spans = [covered_days(d) for d in (new.dates, stored.dates) if d is not None]
    if len(spans) == 2:
        (a_first, a_last), (b_first, b_last) = spans
        return a_first - TRIP_REACH <= b_last and b_first <= a_last + TRIP_REACH
    if len(spans) == 1 and new.reported_on is not None:
        first, last = spans[0]
        return first - TRIP_REACH <= new.reported_on <= last + TRIP_REACH
    return True


def _reported_in_time(new: EventFacts, stored: EventFacts) -> bool:
    """Whether a report written on its day of writing can be of ``stored``: an event reported as held had
    taken place by then, and one reported as planned had not taken place long before, unless the report
    dates itself to a period running up to its writing ("trips over the past months"): then it tells of
    what happened, whatever its tense, and a later report must join the event as an earlier one would."""
    if new.reported_on is None or stored.dates is None:
        return True
    first, last = covered_days(stored.dates)
    if new.status == EventStatus.OCCURRED and first > new.reported_on:
        return False
    if new.status not in {EventStatus.PLANNED, EventStatus.EXPECTED} or last >= new.reported_on - timedelta(days=1):
        return True
    return new.dates is not None and _runs_up_to(new.dates, new.reported_on)


def _runs_up_to(dates: DateRange, day: date) -> bool:
    """Whether ``dates`` are a period that starts before ``day`` and ends in its month."""
    first, last = covered_days(dates)
    return first < day and (last.year, last.month) == (day.year, day.month)


def _people_fit(new: EventFacts, stored: EventFacts, *, same_article: bool) -> bool:
    """The people of a meeting: the same, or a part of them named where the article or the dates say it
    is that meeting. A report naming more people than the stored event is another, larger meeting
    (a trilateral is not the bilateral of the same day); it never adds people to it. A report told as held
    apart ("separate talks") is no part of a larger meeting either."""
    if new.actor_ids == stored.actor_ids:
        return True
    if new.apart:
        return False  # "met each guest apart": not the larger meeting of the day
    if new.actor_ids < stored.actor_ids:
        return same_article or bool(new.dates and stored.dates)
    return same_article and stored.actor_ids < new.actor_ids


# Articles written this many days apart about the same people report the same visit or meeting.
REPORTING_REACH = timedelta(days=7)


def positive_evidence(new: EventFacts, stored: EventFacts) -> str | None:
    """What positively says ``new`` is ``stored``, in words, or None: their dates overlap; they name the
    same place, or one inside the other; the articles were written within a week of each other, or of
    the event's days; or an undated report names the weekday of its one day. A missing date or place
    agrees with anything, and says nothing."""
    if new.dates and stored.dates and dates_agree(new.dates, stored.dates):
        return "dates overlap"
    if new.venue_chain and stored.venue_chain and _venues_agree(new.venue_chain, stored.venue_chain):
        return "the same place, or one inside the other"
    if new.weekday is not None and _one_day(stored.dates) == new.weekday:
        return "it names the weekday of the event's day"
    if new.reported_on is not None:
        days = [stored.reported] if stored.reported else []
        days += [covered_days(stored.dates)] if stored.dates else []
        for first, last in days:
            if first - REPORTING_REACH <= new.reported_on <= last + REPORTING_REACH:
                return "written within a week of it"
    if new.dates and stored.reported:
        first, last = covered_days(new.dates)
        if first - REPORTING_REACH <= stored.reported[1] and stored.reported[0] <= last + REPORTING_REACH:
            return "its reports were written within a week of these dates"
    return None


def _one_day(dates: DateRange | None) -> int | None:
    """The weekday of a range that is one day, else None."""
    if dates is None or dates[1] != DatePrecision.DAY or dates[0] != dates[2]:
        return None
    return dates[0].weekday()


def merge_status(current: str, reported: str) -> str:
    """The status after another report: an event reported as held is held, however it was announced."""
    return max(current, reported, key=lambda status: STATUS_PRECEDENCE.get(EventStatus(status), -1))


def merge_trip_dates(current: DateRange | None, reported: DateRange | None) -> DateRange | None:
    """The days of a trip from two of its legs: from the first day of either to the last of either."""
    if current is None or reported is None:
        return current or reported
    first = min(current, reported, key=lambda d: d[0])
    last = max(current, reported, key=lambda d: covered_days(d)[1])
    return first[0], first[1], last[2], last[3]


def merge_dates(current: DateRange | None, reported: DateRange | None) -> DateRange | None:
    """The more precise of two agreeing dates (a day beats a month beats a year; then the shorter range)."""
    if current is None or reported is None:
        return current or reported

    def key(dates: DateRange) -> tuple[int, int]:
        lo, hi = covered_days(dates)
        return PRECISION_RANK.get(DatePrecision(dates[1]), 3), (hi - lo).days

    return min(current, reported, key=key)
