"""Events named by weekday ("on Sunday"): which weekday an undated report names, whether it names the
day of a stored event, and whether an undated article could be dated that way at all.

In: event candidates (and, for ``may_share_a_day``, a session and the load's cache). Out: weekdays
and yes-or-no answers; nothing is written. ``loaders.store.transaction.shared_event_days`` dates an
undated article by them, and ``loaders.store.events`` notes the shared days as it stores.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.services import actors as actor_service
from loaders.dating import DateRange
from loaders.extract import ArticleExtraction, EventCandidate
from loaders.store.cache import StoreCache

__all__ = ["may_share_a_day", "names_days_by_weekday", "names_the_weekday_of", "weekday_named"]

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_named(candidate: EventCandidate) -> int | None:
    """The weekday an undated report names ("on Sunday"), when it names exactly one."""
    if candidate.dates is not None or not candidate.date_phrase:
        return None
    named = [day for day, name in enumerate(_WEEKDAY_NAMES) if name in candidate.date_phrase.lower()]
    return named[0] if len(named) == 1 else None


def names_the_weekday_of(candidate: EventCandidate, dates: DateRange) -> bool:
    """Whether the undated report of an event that happened names by weekday ("on Sunday") the one day
    ``dates`` give. A planned meeting "on Tuesday" says nothing of a Tuesday past."""
    start, precision, end, _ = dates
    if candidate.dates is not None or not candidate.date_phrase or precision != "day" or end != start:
        return False
    if candidate.status != "occurred":
        return False
    return start.strftime("%A").lower() in candidate.date_phrase.lower()


async def may_share_a_day(session: AsyncSession, *, extraction: ArticleExtraction, cache: StoreCache) -> bool:
    """Whether a report of ``extraction`` names by weekday the day of an event already stored with the
    same people (what a trial ``store_extraction`` reports in ``shared_event_days``): a quick test that
    spares most undated articles the trial. It reads, and writes nothing."""
    for candidate in extraction.events:
        if candidate.dates is not None or not candidate.date_phrase:
            continue
        actor_ids = []
        for actor, _ in candidate.participants.values():
            actor_id = cache.actors.get(actor.slug)
            if actor_id is None and (stored := await actor_service.get_by_slug(session, slug=actor.slug)):
                actor_id = stored.id
            if actor_id is not None:
                actor_ids.append(actor_id)
        await cache.events.load_actors(session, actor_ids)
        # As ``_best_match`` looks: a stored event it could match shares the people it knows.
        at_least = 1 if candidate.kind == "visit" else 2
        for event in cache.events.sharing(kinds=[candidate.kind], actor_ids=actor_ids, at_least=at_least):
            if event.dates is not None and names_the_weekday_of(candidate, event.dates):
                return True
    return False


def names_days_by_weekday(extraction: ArticleExtraction, *, undated_only: bool = True) -> bool:
    """Whether an event of ``extraction`` (an undated one, by default) is named by a weekday ("on Sunday")."""
    return any(
        (event.dates is None or not undated_only)
        and event.date_phrase
        and any(day in event.date_phrase.lower() for day in _WEEKDAY_NAMES)
        for event in extraction.events
    )
