"""Storing one event report of an article: matched against the stored events it could be
(``loaders.merge``), merged into the best or stored as a new event, with its sentence as evidence.

In: the article's ``ArticleWriter`` and an ``EventCandidate``. Out: the event created or changed in
the writer's transaction, its participants, its evidence, and the writer's index and report updated.
"""

from __future__ import annotations

from db.enums import EventKind
from db.models import Event
from db.services import events as event_service
from loaders.extract import EventCandidate
from loaders.merge import (
    EventFacts,
    EventSnapshot,
    dates_agree,
    merge_dates,
    merge_status,
    merge_trip_dates,
    same_happening,
    stored_dates,
)
from loaders.store.nesting import set_dates
from loaders.store.weekdays import names_the_weekday_of, weekday_named
from loaders.store.writer import ArticleWriter

__all__ = ["store_event"]


async def store_event(writer: ArticleWriter, candidate: EventCandidate) -> None:
    """Store one report of the writer's article: merged into the stored event it best matches, or a
    new event (a vague "possible meeting" with no place or date is dropped), with its quote as evidence
    and its people as participants; the writer's index, topics and report are updated."""
    participants = [(await writer.actor(actor), role) for actor, role in candidate.participants.values()]
    chain, venue_id = await writer.venue_chain(candidate.venue)
    facts = EventFacts(
        kind=candidate.kind,
        actor_ids=frozenset(actor_id for actor_id, _ in participants),
        venue_chain=chain,
        dates=candidate.dates,
        status=candidate.status,
        reported_on=writer.article.reference_date,
        weekday=weekday_named(candidate),
        apart=candidate.apart,
    )
    await writer.index.load_actors(writer.session, facts.actor_ids)
    if facts.kind == EventKind.SUMMIT:
        await writer.index.load_venues(writer.session, facts.venue_chain)
    speculative = candidate.status == "expected" and candidate.venue is None and candidate.dates is None
    match = await _best_match(writer, facts, strict=not speculative)
    if match is None and not speculative:
        # Held on one side, announced on the other, with no shared place or date: the same event only
        # when it is the one event of these people it could be.
        match = await _best_match(writer, facts, strict=False, only_if_unique=True)
    if match is None and speculative:
        return  # "a possible meeting", with no place or date, is too vague to be an event of its own
    if match is None:
        start, start_precision, end, end_precision = candidate.dates or (None, None, None, None)
        event = await event_service.create(
            writer.session,
            kind=candidate.kind,
            title=candidate.title(),
            status=candidate.status,
            confidence=candidate.confidence,
            start=start,
            start_precision=start_precision,
            end=end,
            end_precision=end_precision,
            venue_id=venue_id,
        )
        writer.report.events_created += 1
    else:
        event = await writer.event(match.id)
        if speculative:
            candidate.status_is_stated = False  # a vague hope does not change what is known
        if event.id not in writer.touched:
            writer.report.events_merged += 1
    new_evidence = (event.id, candidate.quote_start) not in writer.evidence
    if new_evidence:
        writer.evidence.add((event.id, candidate.quote_start))
        event_service.create_evidence(
            writer.session,
            event_id=event.id,
            article_id=writer.article.id,
            quote=candidate.quote,
            start=candidate.quote_start,
            end=candidate.quote_end,
        )
    if match is not None:
        # The place is judged on what was stored before this report, not on what it brings itself.
        if event.venue_id is not None:
            _note_shared_day(writer, candidate, event, placed=await _placed_alike(writer, event, chain))
        await _merge_into(writer, event, candidate, venue_id, chain, corroborates=new_evidence)
    known = match.actor_ids if match is not None else frozenset()
    await event_service.add_participants(writer.session, event_id=event.id, participants=participants, known=known)
    writer.record(event, facts.actor_ids, reported_here=True)
    writer.reported.add(event.id)
    topics = writer.event_topics.setdefault(event.id, {})
    for slug, phrases in candidate.topics.items():
        topics[slug] = list(dict.fromkeys([*topics.get(slug, []), *phrases]))


async def _placed_alike(writer: ArticleWriter, event: Event, chain: tuple[int, ...]) -> bool:
    """Whether the report and the stored event agree on the place: by the report's own venue, or
    else by the country the story was filed from."""
    event_chain = await writer.chain_of(event.venue_id)
    if chain:
        return chain[0] in event_chain or event_chain[0] in chain
    country = await writer.country_of(event_chain[0]) if event_chain else None
    return country is not None and country == writer.dateline_country


def _note_shared_day(writer: ArticleWriter, candidate: EventCandidate, event: Event, *, placed: bool) -> None:
    """Only a match on place as well as people counts: the same pair meets on many Tuesdays."""
    dates = stored_dates(event)
    if placed and dates is not None and names_the_weekday_of(candidate, dates):
        description = f"'{candidate.date_phrase}' names the day of {event.title}, which other articles date"
        writer.report.shared_event_days.append((dates[0], description))


async def _best_match(
    writer: ArticleWriter, facts: EventFacts, *, strict: bool = True, only_if_unique: bool = False
) -> EventSnapshot | None:
    # Only events that could pass ``same_happening``: a meeting shares two people, a visit its traveller.
    stored = writer.index.sharing(
        kinds=[facts.kind], actor_ids=facts.actor_ids, at_least=1 if facts.kind == "visit" else 2
    )
    if facts.kind == EventKind.SUMMIT:
        # A summit is found by its place too: reports of one summit name different people, or none.
        known = {event.id for event in stored}
        stored += [
            e for e in writer.index.at_venues(kinds=[facts.kind], venue_ids=facts.venue_chain) if e.id not in known
        ]
    best: tuple[float, int, EventSnapshot] | None = None
    fitting = 0
    for event in stored:
        here = event.id in writer.touched
        score = same_happening(facts, await writer.facts_of(event), strict=strict, same_article=here)
        fitting += score is not None
        if score is not None and here:
            score += 3  # this article already reported it: a later mention most likely means it again
        if score is not None and (best is None or (score, -event.id) > best[:2]):
            best = (score, -event.id, event)
    if only_if_unique and fitting != 1:
        return None
    return best[2] if best else None


async def _merge_into(
    writer: ArticleWriter,
    event: Event,
    candidate: EventCandidate,
    venue_id: int | None,
    chain: tuple[int, ...],
    *,
    corroborates: bool,
) -> None:
    if candidate.status_is_stated:
        event.status = merge_status(event.status, candidate.status)
    event_chain = await writer.chain_of(event.venue_id)
    trip_leg = (
        event.kind == "visit" and event.id in writer.reported and not dates_agree(stored_dates(event), candidate.dates)
    )
    merged = merge_trip_dates if trip_leg else merge_dates
    set_dates(event, merged(stored_dates(event), candidate.dates))
    if venue_id is not None and (event.venue_id is None or event.venue_id in chain[1:]):
        event.venue_id = venue_id
    elif (
        event.kind == "visit" and chain and event_chain and chain[0] not in event_chain and event_chain[0] not in chain
    ):
        # Two cities of one trip: the visit is to the country they share (its legs are its meetings).
        event.venue_id = chain[-1] if chain[-1] == event_chain[-1] else event.venue_id
    if corroborates:  # another sentence, not the same one read twice ("spoke by phone")
        event.confidence = round(min(0.99, max(event.confidence, candidate.confidence) + 0.05), 2)
