"""The store stage: one article's extraction in, rows out, inside the caller's transaction.

Actors, venues and topics are fetched or created; each event candidate is merged into the stored
event it reports (``loaders.merge``) or becomes a new one, with the sentence that supports it as
evidence. Then meetings are placed inside the visits they happened during, and an undated visit or
meeting takes the dates its children or its visit give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.enums import EventKind
from db.models import Article, Event, Topic
from db.services import actors as actor_service
from db.services import events as event_service
from db.services import topics as topic_service
from db.services import venues as venue_service
from loaders.dating import DateRange
from loaders.extract import ArticleExtraction, EventCandidate
from loaders.kb import Place, normalize_name
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
from loaders.resolve import ActorMention, ResolvedActor
from loaders.store.cache import ActorFacts, StoreCache
from loaders.store.nesting import nest_and_date, set_dates

__all__ = ["StoreReport", "may_share_a_day", "store_extraction"]


@dataclass
class StoreReport:
    events_created: int = 0
    events_merged: int = 0
    shared_event_days: list[tuple[date, str]] = field(default_factory=list)
    """Days of events this article names only by weekday ("on Sunday") that other articles date
    exactly to that weekday: evidence of when an undated article was written."""


def _specificity(candidate: EventCandidate) -> int:
    return 2 * (candidate.venue is not None) + 2 * (candidate.dates is not None) + len(candidate.participants)


def _adds_to(facts: ActorFacts, resolved: ResolvedActor, spellings: list[tuple[str, str]]) -> bool:
    """Whether storing ``resolved`` would change the stored actor ``facts`` describe."""
    return (
        (not facts.has_country and resolved.country is not None)
        or (not facts.has_description and resolved.description is not None)
        or any(normalized and normalized not in facts.spellings for _, normalized in spellings)
    )


class ArticleWriter:
    def __init__(self, session: AsyncSession, article: Article, cache: StoreCache) -> None:
        self.session, self.article, self.cache = session, article, cache
        self.index = cache.events
        self.dateline_country: str | None = None
        self.report = StoreReport()
        self.touched: dict[int, Event] = {}
        self.reported: set[int] = set()
        """Events this article reports with a quote of its own (``touched`` also holds those it nests)."""
        self.evidence: set[tuple[int, int]] = set()
        self.event_topics: dict[int, dict[str, list[str]]] = {}

    async def actor(self, resolved: ResolvedActor) -> int:
        known = self.cache.actors.get(resolved.slug)
        spellings = [(s, normalize_name(s)) for s in (resolved.name, *resolved.aliases)]
        facts = self.cache.actor_facts.get(resolved.slug)
        if known is not None and facts is not None and not _adds_to(facts, resolved, spellings):
            return known
        # Not cached, or this article fills a gap: the same look-up a writer without a cache makes.
        actor = await actor_service.get_or_create(
            self.session,
            slug=resolved.slug,
            kind=resolved.kind,
            name=resolved.name,
            country=resolved.country,
            description=resolved.description,
            positions=resolved.positions,
        )
        await actor_service.add_aliases(self.session, actor=actor, spellings=spellings)
        recorded = facts.spellings if facts is not None else frozenset()
        self.cache.actor_facts.stage(
            resolved.slug,
            ActorFacts(
                has_country=actor.country is not None,
                has_description=actor.description is not None,
                spellings=recorded | {normalized for _, normalized in spellings if normalized},
            ),
        )
        return self.cache.actors.stage(resolved.slug, actor.id)

    async def venue_chain(self, place: Place | None) -> tuple[tuple[int, ...], int | None]:
        if place is None:
            return (), None
        venue_id = self.cache.venues.get(place.slug)
        if venue_id is None:
            venue = await venue_service.get_or_create(self.session, spec=place)
            venue_id = self.cache.venues.stage(place.slug, venue.id)
        return await self.chain_of(venue_id), venue_id

    async def chain_of(self, venue_id: int | None) -> tuple[int, ...]:
        """The venue and the places containing it, innermost first; empty for no venue."""
        if venue_id is None:
            return ()
        chain = self.cache.chains.get(venue_id)
        if chain is None:
            chain = self.cache.chains.stage(
                venue_id, tuple(await venue_service.ancestor_ids(self.session, venue_id=venue_id))
            )
        return chain

    async def country_of(self, venue_id: int) -> str | None:
        """The ISO code of the venue's country, when it has one."""
        if venue_id in self.cache.countries:
            return self.cache.countries.get(venue_id)
        venue = await venue_service.get(self.session, venue_id=venue_id)
        return self.cache.countries.stage(venue_id, venue.country if venue else None)

    async def event(self, event_id: int) -> Event:
        """The stored event, to change it."""
        if event_id in self.touched:
            return self.touched[event_id]
        with self.session.no_autoflush:  # a row by its key: what is pending cannot change the answer
            event = await event_service.get(self.session, event_id=event_id)
        if event is None:
            raise LookupError(f"event {event_id} is indexed but not stored")
        return event

    def record(self, event: Event, actor_ids: Iterable[int] = (), *, reported_here: bool = False) -> None:
        """Note in the index what this article has made of ``event`` (``reported_here``: with a quote)."""
        known = self.index.get(event.id)
        people = (known.actor_ids if known else frozenset()) | frozenset(actor_ids)
        reported = known.reported if known else None
        day = self.article.reference_date
        if reported_here and day is not None:
            reported = (min(reported[0], day), max(reported[1], day)) if reported else (day, day)
        self.index.record(EventSnapshot.of(event, people, reported))
        self.touched[event.id] = event

    async def store_mentions(self, mentions: Sequence[ActorMention]) -> None:
        rows = [(await self.actor(m.actor), m.spelling, m.start, m.end) for m in mentions if m.named]
        await actor_service.add_mentions(self.session, article_id=self.article.id, mentions=rows)

    async def store_event(self, candidate: EventCandidate) -> None:
        participants = [(await self.actor(actor), role) for actor, role in candidate.participants.values()]
        chain, venue_id = await self.venue_chain(candidate.venue)
        facts = EventFacts(
            kind=candidate.kind,
            actor_ids=frozenset(actor_id for actor_id, _ in participants),
            venue_chain=chain,
            dates=candidate.dates,
            status=candidate.status,
            reported_on=self.article.reference_date,
            weekday=_weekday_named(candidate),
        )
        await self.index.load_actors(self.session, facts.actor_ids)
        if facts.kind == EventKind.SUMMIT:
            await self.index.load_venues(self.session, facts.venue_chain)
        speculative = candidate.status == "expected" and candidate.venue is None and candidate.dates is None
        match = await self._best_match(facts, strict=not speculative)
        if match is None and not speculative:
            # Held on one side, announced on the other, with no shared place or date: the same event only
            # when it is the one event of these people it could be.
            match = await self._best_match(facts, strict=False, only_if_unique=True)
        if match is None and speculative:
            return  # "a possible meeting", with no place or date, is too vague to be an event of its own
        if match is None:
            start, start_precision, end, end_precision = candidate.dates or (None, None, None, None)
            event = await event_service.create(
                self.session,
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
            self.report.events_created += 1
        else:
            event = await self.event(match.id)
            if speculative:
                candidate.status_is_stated = False  # a vague hope does not change what is known
            if event.id not in self.touched:
                self.report.events_merged += 1
        new_evidence = (event.id, candidate.quote_start) not in self.evidence
        if new_evidence:
            self.evidence.add((event.id, candidate.quote_start))
            event_service.create_evidence(
                self.session,
                event_id=event.id,
                article_id=self.article.id,
                quote=candidate.quote,
                start=candidate.quote_start,
                end=candidate.quote_end,
            )
        if match is not None:
            # The place is judged on what was stored before this report, not on what it brings itself.
            if event.venue_id is not None:
                self._note_shared_day(candidate, event, placed=await self._placed_alike(event, chain))
            await self._merge_into(event, candidate, venue_id, chain, corroborates=new_evidence)
        known = match.actor_ids if match is not None else frozenset()
        await event_service.add_participants(self.session, event_id=event.id, participants=participants, known=known)
        self.record(event, facts.actor_ids, reported_here=True)
        self.reported.add(event.id)
        topics = self.event_topics.setdefault(event.id, {})
        for slug, phrases in candidate.topics.items():
            topics[slug] = list(dict.fromkeys([*topics.get(slug, []), *phrases]))

    async def _placed_alike(self, event: Event, chain: tuple[int, ...]) -> bool:
        """Whether the report and the stored event agree on the place: by the report's own venue, or
        else by the country the story was filed from."""
        event_chain = await self.chain_of(event.venue_id)
        if chain:
            return chain[0] in event_chain or event_chain[0] in chain
        country = await self.country_of(event_chain[0]) if event_chain else None
        return country is not None and country == self.dateline_country

    def _note_shared_day(self, candidate: EventCandidate, event: Event, *, placed: bool) -> None:
        """Only a match on place as well as people counts: the same pair meets on many Tuesdays."""
        dates = stored_dates(event)
        if placed and dates is not None and _names_the_weekday_of(candidate, dates):
            description = f"'{candidate.date_phrase}' names the day of {event.title}, which other articles date"
            self.report.shared_event_days.append((dates[0], description))

    async def facts_of(self, event: EventSnapshot) -> EventFacts:
        return EventFacts(
            kind=event.kind,
            actor_ids=event.actor_ids,
            venue_chain=await self.chain_of(event.venue_id),
            dates=event.dates,
            status=event.status,
            reported=event.reported,
        )

    async def _best_match(
        self, facts: EventFacts, *, strict: bool = True, only_if_unique: bool = False
    ) -> EventSnapshot | None:
        # Only events that could pass ``same_happening``: a meeting shares two people, a visit its traveller.
        stored = self.index.sharing(
            kinds=[facts.kind], actor_ids=facts.actor_ids, at_least=1 if facts.kind == "visit" else 2
        )
        if facts.kind == EventKind.SUMMIT:
            # A summit is found by its place too: reports of one summit name different people, or none.
            known = {event.id for event in stored}
            stored += [
                e for e in self.index.at_venues(kinds=[facts.kind], venue_ids=facts.venue_chain) if e.id not in known
            ]
        best: tuple[float, int, EventSnapshot] | None = None
        fitting = 0
        for event in stored:
            here = event.id in self.touched
            score = same_happening(facts, await self.facts_of(event), strict=strict, same_article=here)
            fitting += score is not None
            if score is not None and here:
                score += 3  # this article already reported it: a later mention most likely means it again
            if score is not None and (best is None or (score, -event.id) > best[:2]):
                best = (score, -event.id, event)
        if only_if_unique and fitting != 1:
            return None
        return best[2] if best else None

    async def _merge_into(
        self,
        event: Event,
        candidate: EventCandidate,
        venue_id: int | None,
        chain: tuple[int, ...],
        *,
        corroborates: bool,
    ) -> None:
        if candidate.status_is_stated:
            event.status = merge_status(event.status, candidate.status)
        event_chain = await self.chain_of(event.venue_id)
        trip_leg = (
            event.kind == "visit"
            and event.id in self.reported
            and not dates_agree(stored_dates(event), candidate.dates)
        )
        merged = merge_trip_dates if trip_leg else merge_dates
        set_dates(event, merged(stored_dates(event), candidate.dates))
        if venue_id is not None and (event.venue_id is None or event.venue_id in chain[1:]):
            event.venue_id = venue_id
        elif (
            event.kind == "visit"
            and chain
            and event_chain
            and chain[0] not in event_chain
            and event_chain[0] not in chain
        ):
            # Two cities of one trip: the visit is to the country they share (its legs are its meetings).
            event.venue_id = chain[-1] if chain[-1] == event_chain[-1] else event.venue_id
        if corroborates:  # another sentence, not the same one read twice ("spoke by phone")
            event.confidence = round(min(0.99, max(event.confidence, candidate.confidence) + 0.05), 2)


async def store_extraction(
    session: AsyncSession,
    *,
    article: Article,
    extraction: ArticleExtraction,
    taxonomy: Mapping[str, Topic],
    cache: StoreCache | None = None,
) -> StoreReport:
    """Write what was found in ``article``; the caller owns the transaction (and, with a ``cache``,
    calls ``cache.commit()`` or ``cache.discard()`` after it)."""
    writer = ArticleWriter(session, article, cache if cache is not None else StoreCache())
    writer.dateline_country = extraction.dateline_country
    writer.evidence = await event_service.list_evidence_offsets(session, article_id=article.id)
    await writer.store_mentions(extraction.mentions)
    await topic_service.link_article(session, article_id=article.id, topics=extraction.topics, taxonomy=taxonomy)
    # The most specific reports first, so a vague one ("the talks") joins the event its own article
    # placed and dated rather than whichever stored event it happens to meet first.
    for candidate in sorted(extraction.events, key=_specificity, reverse=True):
        await writer.store_event(candidate)
    await topic_service.link_events(session, topics_by_event=writer.event_topics, taxonomy=taxonomy)
    await nest_and_date(writer)
    return writer.report


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_named(candidate: EventCandidate) -> int | None:
    """The weekday an undated report names ("on Sunday"), when it names exactly one."""
    if candidate.dates is not None or not candidate.date_phrase:
        return None
    named = [day for day, name in enumerate(_WEEKDAY_NAMES) if name in candidate.date_phrase.lower()]
    return named[0] if len(named) == 1 else None


def _names_the_weekday_of(candidate: EventCandidate, dates: DateRange) -> bool:
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
            if event.dates is not None and _names_the_weekday_of(candidate, event.dates):
                return True
    return False
