"""The extract stage: a parsed article and its resolved actors in, event candidates out.

Each sentence is read for words that report an event (``loaders.extract.triggers``). For each, the parse tells
who took part (the trigger's subject, its objects, "between"/"with" phrases), where (places after
"in", "at", "to"), when (date expressions, resolved against the article's reference date, never
guessed) and whether it happened. A meeting needs two people; a visit needs its traveller.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Literal, TypeVar

from spacy.tokens import Doc, Span, Token

from db.enums import EventKind, EventStatus
from loaders.dating import DateRange
from loaders.extract.candidate import EventCandidate
from loaders.extract.clauses import SPEECH_VERBS, clause_window, event_region, governing_verbs, simultaneous_clauses
from loaders.extract.dates import date_expressions, event_dates
from loaders.extract.entries import Entry, Paragraphs, entry_resolver
from loaders.extract.narrative import LEAD_SENTENCES, days_named, narrative_day
from loaders.extract.timetable import on_the_itinerary, timetable_status
from loaders.extract.triggers import (
    CANCELLED,
    POSTPONED,
    VISIT_VERBS,
    asked_for,
    event_kind,
    event_status,
    plan_told_in_past,
)
from loaders.extract.venues import event_venues, find_places, names_no_destination
from loaders.kb import Gazetteer, KnowledgeBase, Place
from loaders.resolve import ActorMention, ResolvedActor

__all__ = ["DateResolver", "EventCandidate", "extract_events"]

DateResolver = Callable[[str, Literal["past", "future"]], DateRange | None]
"""Resolves a date expression; the tense says whether "in May" looks back or ahead."""


_MENTION_TOKENS = "readout.mention_tokens"
_APART = frozenset({"separate", "separately", "individually", "bilateral", "bilaterals", "respectively", "each"})


def extract_events(
    doc: Doc,
    mentions: Sequence[ActorMention],
    *,
    gazetteer: Gazetteer,
    resolve_date: DateResolver,
    filed_from: Place | None = None,
) -> list[EventCandidate]:
    """Every event candidate ``doc`` reports, in text order; ``filed_from`` is the place of the story's
    dateline, when it has one."""
    people = [m for m in mentions if m.actor.kind == "person"]
    places = find_places(doc, gazetteer, people={(m.start, m.end) for m in mentions}, filed_from=filed_from)
    entities = list(doc.ents)
    paragraphs = Paragraphs(doc)
    candidates: list[EventCandidate] = []
    narrative: DateRange | None = None  # the day the story was last telling of, in its own words
    planning = False  # whether that day is of a plan ("on Thursday she will meet …")
    # What each sentence holds, found once: asking every trigger of every mention, place and entity of the
    # document grows with the square of a long story's length.
    people_in = _by_sentence(doc, people, lambda m: _token_of(doc, m))
    places_in = _by_sentence(doc, places, lambda found: found[0].root.i)
    entities_in = _by_sentence(doc, entities, lambda ent: ent.start)
    for number, sentence in enumerate(doc.sents):
        found_here: list[EventCandidate] = []
        triggers = [
            (token, kind) for token in sentence if (kind := event_kind(token)) is not None and not asked_for(token)
        ]
        people_here, places_here = people_in.get(sentence.start, []), places_in.get(sentence.start, [])
        entities_here = entities_in.get(sentence.start, [])
        clauses = [token for token, _ in triggers if token.pos_ in {"VERB", "AUX"}]
        # A sentence telling a plan ("flies on to Quito, where she is due to meet …") tells its present tense as one.
        plans_here = planning or any(
            event_status(t) in {EventStatus.PLANNED, EventStatus.EXPECTED} for t, _ in triggers
        )
        # An entry of a timeline ("12 May 2022 – …") reads its phrases from its own day, and dates by it what
        # it tells without a day of its own.
        entry = paragraphs.entry_date(sentence) if triggers else None
        resolve_here = entry_resolver(entry) if entry is not None else resolve_date
        if entry is None and triggers and paragraphs.stamped(sentence) and (today := resolve_date("today", "past")):
            entry = Entry(today, "")  # a live report's entry: the day it is written
        for token, kind in triggers:
            region = event_region(token, clauses)
            in_region = [m for m in people_here if _token_of(doc, m) in region]
            if len(triggers) == 1 and len({m.actor.slug for m in in_region}) < (1 if kind == EventKind.VISIT else 2):
                region = set(range(sentence.start, sentence.end))
                in_region = list(people_here)
            found = _candidates(
                doc,
                sentence,
                token,
                kind,
                in_region,
                places_here,
                region,
                resolve_here,
                entities_here,
                narrative,
                plans_here,
            )
            found_here.extend(found)
        if entry is not None:
            _date_by_the_entry(found_here, entry)
        candidates.extend(found_here)
        # The story's day moves with the events it dates in its own words; before any, it is the day its
        # lead names ("Macron pressed Xi on Monday … The day began with a breakfast of the ministers").
        own = [c for c in found_here if c.date_phrase and c.dates]
        named = days_named(sentence, resolve_date) if narrative is None and number < LEAD_SENTENCES else set()
        if own:
            narrative, planning = own[-1].dates, own[-1].status in {EventStatus.PLANNED, EventStatus.EXPECTED}
        elif len(named) == 1:
            narrative, planning = next(iter(named)), False
    return candidates


def _looks_forward(status: str, phrases: Sequence[tuple[Span, str]]) -> bool:
    """Whether the event's day is to be read forward from the day of writing: a plan's day, and the day a
    trip put off or called off was to happen ("had been due to fly on Thursday", which news reports
    ahead of), but not the day of the putting off ("postponed the trip on Friday")."""
    if status in {"planned", "expected"}:
        return True
    if status not in {"postponed", "cancelled"} or not phrases:
        return False
    root = phrases[0][0].root
    governor = root.head.head if root.head.dep_ == "prep" else root.head
    return governor.lemma_.lower() not in CANCELLED | POSTPONED


def _date_by_the_entry(found: list[EventCandidate], entry: Entry) -> None:
    """What an entry tells as held, without a day of its own (or with a part of the entry's date the tagger
    split off: "October 2019" of "3–5 October 2019") and not as earlier, happened on the entry's date."""
    for candidate in found:
        own_day = candidate.dates is not None and not (candidate.date_phrase and candidate.date_phrase in entry.words)
        if not own_day and candidate.status == EventStatus.OCCURRED and not candidate.told_as_earlier:
            candidate.dates = entry.dates
            candidate.confidence = round(candidate.confidence - 0.1, 2)


def _candidates(  # noqa: PLR0917 - one call site, the stages of one sentence
    doc: Doc,
    sentence: Span,
    trigger: Token,
    kind: str,
    people: list[ActorMention],
    places: list[tuple[Span, Place]],
    region: set[int],
    resolve_date: DateResolver,
    entities: Sequence[Span],
    narrative: DateRange | None,
    planning: bool,
) -> list[EventCandidate]:
    people = [m for m in people if not _possessor_of_another(doc, m, trigger)]
    actors = list({m.actor.slug: m.actor for m in people}.values())
    # The time and place of the clause the event is named in are the event's: "signed a declaration in
    # Athens on Thursday, in a visit that …" places and dates the visit.
    window = region | clause_window(trigger)
    venues = event_venues(trigger, places, window, kind)
    if kind == EventKind.VISIT and (_goes_home(trigger) or (not venues and names_no_destination(places, window))):
        return []
    phrases = date_expressions(sentence, trigger, window | simultaneous_clauses(trigger), entities)
    status = timetable_status(trigger, phrases, resolve_date, planning=planning)
    tense: Literal["past", "future"] = "future" if _looks_forward(status, phrases) else "past"
    verbs = governing_verbs(trigger) | ({trigger.i} if trigger.pos_ in {"VERB", "AUX"} else set())
    told_by_the_story = narrative_day(sentence, window, narrative, verbs=verbs, trigger=trigger)
    dates = told_by_the_story or event_dates(phrases, lambda text: resolve_date(text, tense))
    if tense == "future" and not told_by_the_story and phrases:
        dates = on_the_itinerary(dates, narrative, phrases[0][1])
    stated = status != "occurred" or trigger.pos_ in {"VERB", "AUX"} or trigger.tag_ in {"VBD", "VBN"}
    groups: list[list[tuple[ResolvedActor, str]]] = []
    if kind == EventKind.VISIT:
        travellers = _travellers(doc, trigger, people)
        groups = [[(traveller, "traveller")] for traveller in travellers]
    elif kind == EventKind.SUMMIT:
        if venues or dates:
            groups = [[(actor, "participant") for actor in actors]]
    elif len(actors) >= 2 and not _one_country(actors):
        subjects = {m.actor.slug for m in people if _token_of(doc, m) in _subject_tokens(trigger)}
        others = [a for a in actors if a.slug not in subjects]
        guests = [m for m in people if m.actor.slug not in subjects]
        if len(subjects) == 1 and len(others) >= 2 and (_separately(trigger) or not _one_party(doc, guests)):
            subject = next(a for a in actors if a.slug in subjects)
            groups = [[(subject, "participant"), (other, "participant")] for other in others]
        else:
            groups = [[(actor, "participant") for actor in actors]]
    confidence = 0.5 + 0.15 * bool(venues) + 0.15 * bool(dates) + 0.1 * (trigger.pos_ == "VERB")
    found = []
    for group in groups:
        venue_options: list[Place | None] = [*venues] if venues else [None]
        for venue in venue_options:
            if kind == EventKind.VISIT and _at_home(group, venue):
                continue  # going home, or travelling at home, is no visit
            participants = {actor.slug: (actor, _role(actor, role, venue)) for actor, role in group}
            found.append(
                EventCandidate(
                    kind=kind,
                    status=status,
                    participants=participants,
                    venue=venue,
                    dates=dates,
                    quote=sentence.text.strip(),
                    quote_start=sentence.start_char,
                    quote_end=sentence.start_char + len(sentence.text.rstrip()),
                    confidence=round(min(confidence, 0.95), 2),
                    status_is_stated=stated,
                    date_phrase=phrases[0][1] if phrases else "the story's day" if told_by_the_story else None,
                    travel_day=kind == EventKind.VISIT and _travels(trigger),
                    told_as_earlier=_past_perfect(trigger),
                    apart=kind in {EventKind.MEETING, EventKind.CALL} and _separately(trigger),
                    plan_told_in_past=status != EventStatus.POSTPONED and plan_told_in_past(trigger),
                )
            )
    return found


def _goes_home(trigger: Token) -> bool:
    """Whether a verb of travel takes its traveller home ("fly home", "headed back home"): no visit."""
    return trigger.pos_ == "VERB" and any(
        child.lower_ == "home" or (child.lower_ == "back" and any(g.lower_ == "home" for g in child.children))
        for child in trigger.children
    )


def _separately(trigger: Token) -> bool:
    """Whether one subject met several people each on their own ("held separate talks with A and with B",
    "bilateral meetings with his guests", "his meetings with A and B"); "met A and B" is one meeting of
    three. "Talks" is plural for one meeting as much as for several, and says nothing."""
    if trigger.tag_ == "NNS" and trigger.lemma_.lower() not in {"talk", "talks"}:
        return True
    clause = list(trigger.subtree)
    if any(t.lower_ in _APART for t in clause) or "one-on-one" in " ".join(t.lower_ for t in clause):
        return True
    # "talks with A and with B": each guest in a phrase of their own.
    return sum(1 for t in clause if t.lower_ == "with" and any(c.dep_ == "pobj" for c in t.children)) >= 2


def _one_party(doc: Doc, guests: list[ActorMention]) -> bool:
    """Whether the people met are one coordinated phrase ("met Prime Minister A and Secretary General B"),
    not people met in clauses of their own ("held talks with A, and was later received by B")."""
    roots = set()
    for mention in guests:
        token = doc[_token_of(doc, mention)]
        while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
            token = token.head
        roots.add(token.i)
    return len(roots) == 1


def _travels(trigger: Token) -> bool:
    """Whether a verb tells of the journey ("arrived", "flew to", "travelled to"), not of the stay ("visited")."""
    return trigger.pos_ in {"VERB", "AUX"} and trigger.lemma_.lower() in VISIT_VERBS - {"visit", "tour"}


def _past_perfect(trigger: Token) -> bool:
    """Whether the clause that states the event is in the past perfect ("had held", "had met")."""
    verbs = [trigger] if trigger.pos_ in {"VERB", "AUX"} else [trigger.doc[i] for i in governing_verbs(trigger)]
    return any(c.dep_ == "aux" and c.lower_ in {"had", "'d"} for verb in verbs for c in verb.children)


def _possessor_of_another(doc: Doc, mention: ActorMention, trigger: Token) -> bool:
    """ "Biden's national security adviser Jake Sullivan met …": Biden names whose adviser, not who met.
    Likewise the person a thing of no event is of ("raised the detention of the writer X at the talks":
    X is who was detained, not who talked)."""
    token = doc[_token_of(doc, mention)]
    if token.dep_ == "poss":
        return token.head.i != trigger.i and token.head.ent_type_ in {"PERSON", ""}
    while token.dep_ in {"appos", "conj"} and token.head.i != token.i:
        token = token.head
    of = token.head
    if token.dep_ != "pobj" or of.lower_ != "of" or of.head.i == trigger.i:
        return False
    thing = of.head
    if thing.pos_ != "NOUN" or thing.ent_type_ != "" or event_kind(thing) is not None:
        return False
    # "the secretary of state X": the words up to the name are a title of X, not a thing X is of.
    words = doc.text[thing.idx : mention.start].strip()
    return KnowledgeBase.load().role_for_phrase(words) is None


def _at_home(group: list[tuple[ResolvedActor, str]], venue: Place | None) -> bool:
    """Whether every traveller is of the country the visit is to."""
    if venue is None or venue.country is None:
        return False
    return all(actor.country == venue.country for actor, _ in group)


def _one_country(actors: list[ResolvedActor]) -> bool:
    """Whether everyone is known to be of one country: colleagues, not counterparts."""
    countries = {actor.country for actor in actors}
    return len(countries) == 1 and None not in countries


def _role(actor: ResolvedActor, role: str, venue: Place | None) -> str:
    if role != "participant" or venue is None or actor.country is None:
        return role
    return "host" if venue.country == actor.country else "guest"


T = TypeVar("T")


def _by_sentence(doc: Doc, items: Iterable[T], token_of: Callable[[T], int]) -> dict[int, list[T]]:
    """``items`` grouped by the first token of the sentence their token (``token_of``) lies in, in order."""
    starts = [sentence.start for sentence in doc.sents]
    grouped: dict[int, list[T]] = {}
    for item in items:
        token = token_of(item)
        if token >= 0:
            grouped.setdefault(starts[bisect.bisect_right(starts, token) - 1], []).append(item)
    return grouped


def _token_of(doc: Doc, mention: ActorMention) -> int:
    """The index of the token heading ``mention``, -1 when it aligns with none; each is found once per
    document (every trigger asks of every mention)."""
    known: dict[tuple[int, int], int] = doc.user_data.setdefault(_MENTION_TOKENS, {})
    key = (mention.start, mention.end)
    if key not in known:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        known[key] = span.root.i if span is not None else -1
    return known[key]


_RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def _subject_tokens(trigger: Token) -> set[int]:
    subjects: set[int] = set()
    head = trigger
    for _ in range(6):
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass", "poss"}:
                subjects.update(t.i for t in child.subtree)
                if child.lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
                    subjects.add(head.head.i)  # "Macron, who landed in Beijing": Macron landed
        if subjects or head.head.i == head.i:
            break
        head = head.head
    return subjects


def _travellers(doc: Doc, trigger: Token, people: list[ActorMention]) -> list[ResolvedActor]:
    """Who travels: the subject of a verb of travel, the owner of a trip ("Wang's visit"), or the agent
    after "by" ("visits by Blinken and Yellen"); not whoever speaks of a trip or receives it ("the
    spokeswoman described the trip as routine", "Xi hosted the visit")."""
    tokens = _subject_tokens(trigger) if not _spoken_of(trigger) else set()
    for token in event_region(trigger, []):
        # The trip's own "by" ("visits by two ministers", "a run of trips, including by the premier"), not the agent of
        # another verb ("was welcomed by the king, on a tour").
        by = doc[token]
        another_verb = by.head.i != trigger.i and by.head.pos_ in {"VERB", "AUX"} and by.head.dep_ != "prep"
        if by.lower_ == "by" and by.dep_ in {"prep", "agent"} and not another_verb:
            tokens.update(t.i for t in by.subtree)
    found = {m.actor.slug: m.actor for m in people if _token_of(doc, m) in tokens}
    return list(found.values())


# Verbs whose subject speaks of a trip, judges it or receives it, rather than makes it.
_OF_A_TRIP = SPEECH_VERBS | {
    "describe",
    "speak",
    "talk",
    "comment",
    "ask",
    "call",
    "hail",
    "welcome",
    "praise",
    "criticise",
    "criticize",
    "condemn",
    "defend",
    "discuss",
    "question",
    "see",
    "view",
    "dismiss",
    "host",
    "receive",
}


def _spoken_of(trigger: Token) -> bool:
    """Whether a trip named by a noun, with no owner of its own, is what a verb of speaking or judging is
    about: its object ("described the trip") or the object of its "about" ("spoke about the visit").
    Its subject speaks of the trip, and did not make it. A time phrase is not what the verb is about
    ("discussed Taiwan on the final day of a visit")."""
    if trigger.pos_ not in {"NOUN", "PROPN"} or any(c.dep_ == "poss" for c in trigger.children):
        return False
    verb = trigger.head
    if trigger.dep_ == "pobj" and verb.lower_ in {"about", "over"} and verb.dep_ == "prep":
        verb = verb.head
    elif trigger.dep_ != "dobj":
        return False
    return verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in _OF_A_TRIP
