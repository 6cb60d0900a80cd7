"""The extract stage: a parsed article and its resolved actors in, event candidates out.

Each sentence is read for words that report an event (``loaders.triggers``). For each, the parse tells
who took part (the trigger's subject, its objects, "between"/"with" phrases), where (places after
"in", "at", "to"), when (date expressions, resolved against the article's reference date, never
guessed) and whether it happened. A meeting needs two people; a visit needs its traveller.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from spacy.tokens import Doc, Span, Token

from db.enums import EventKind
from loaders.gazetteer import Gazetteer, Place
from loaders.mentions import ActorMention, ResolvedActor
from loaders.triggers import event_kind, event_status

__all__ = ["DateRange", "EventCandidate", "extract_events"]

DateRange = tuple[date, str, date, str]
"""(start, start precision, end, end precision)."""

DateResolver = Callable[[str, Literal["past", "future"]], DateRange | None]
"""Resolves a date expression; the tense says whether "in May" looks back or ahead."""

SPEECH_VERBS = frozenset(
    {
        "say",
        "state",
        "tell",
        "announce",
        "report",
        "add",
        "mention",
        "note",
        "confirm",
        "write",
        "insist",
        "warn",
        "declare",
        "claim",
        "quote",
        "brief",
    }
)
PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "inside", "outside", "near", "on"})
PLACE_RANK = {"building": 0, "city": 1, "region": 2, "country": 3}
_DURATION = re.compile(
    r"^(?:about|almost|nearly|over|more than|some|for)?\s*(?:\d[\d.,/-]*|a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|several|few|many)[\s-]+(?:\w+[\s-]+)?(?:hours?|minutes?|days?|weeks?|months?|years?)"
    r"(?:[\s-]+old|[\s-]+long)?$",
    re.IGNORECASE,
)


@dataclass
class EventCandidate:
    """One event as one sentence of one article reports it."""

    kind: str
    status: str
    participants: dict[str, tuple[ResolvedActor, str]]
    venue: Place | None
    dates: DateRange | None
    quote: str
    quote_start: int
    quote_end: int
    confidence: float
    topics: dict[str, list[str]] = field(default_factory=dict)
    status_is_stated: bool = True
    """False when nothing but the default gave the status ("the talks", without tense or modality)."""
    date_phrase: str | None = None
    """The date expression nearest the trigger, resolved or not ("on Sunday" with no reference date)."""

    @property
    def people(self) -> frozenset[str]:
        return frozenset(self.participants)

    def title(self) -> str:
        names = [actor.name for actor, _ in self.participants.values()]
        where = f" in {self.venue.name}" if self.venue else ""
        if self.kind == EventKind.VISIT and names:
            return f"{names[0]} visits {self.venue.name if self.venue else 'an undisclosed place'}"
        label = {"meeting": "Meeting", "call": "Call", "summit": "Summit"}.get(self.kind, self.kind.title())
        return f"{label} of {_join(names)}{where}" if names else f"{label}{where}"


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def extract_events(
    doc: Doc, mentions: Sequence[ActorMention], *, gazetteer: Gazetteer, resolve_date: DateResolver
) -> list[EventCandidate]:
    """Every event candidate ``doc`` reports, in text order."""
    people = [m for m in mentions if m.actor.kind == "person"]
    places = _places(doc, gazetteer)
    candidates: list[EventCandidate] = []
    for sentence in doc.sents:
        triggers = [(token, kind) for token in sentence if (kind := event_kind(token)) is not None]
        clauses = [token for token, _ in triggers if token.pos_ in {"VERB", "AUX"}]
        for token, kind in triggers:
            region = _region(token, clauses)
            in_region = [m for m in people if _token_of(doc, m) in region]
            if len(triggers) == 1 and len({m.actor.slug for m in in_region}) < (1 if kind == EventKind.VISIT else 2):
                region = set(range(sentence.start, sentence.end))
                in_region = [m for m in people if _token_of(doc, m) in region]
            candidates.extend(_candidates(doc, sentence, token, kind, in_region, places, region, resolve_date))
    return _locate_meetings_of_visits(candidates)


def _locate_meetings_of_visits(candidates: list[EventCandidate]) -> list[EventCandidate]:
    """A meeting an article reports without a place, held by someone whose visit the same article
    places, happened on that visit: "Wang's meetings with Blinken" in a story of Wang's Washington trip."""
    visits: dict[str, set[str]] = {}
    places: dict[str, Place] = {}
    for candidate in candidates:
        if candidate.kind == EventKind.VISIT and candidate.status == "occurred" and candidate.venue is not None:
            for slug in candidate.participants:
                visits.setdefault(slug, set()).add(candidate.venue.slug)
                places[candidate.venue.slug] = candidate.venue
    for candidate in candidates:
        if candidate.kind != EventKind.MEETING or candidate.venue is not None or candidate.status != "occurred":
            continue
        destinations = {slug for person in candidate.participants for slug in visits.get(person, set())}
        if len(destinations) == 1:
            candidate.venue = places[destinations.pop()]
            candidate.confidence = round(candidate.confidence - 0.1, 2)
    return candidates


def _candidates(  # noqa: PLR0917 - one call site, the stages of one sentence
    doc: Doc,
    sentence: Span,
    trigger: Token,
    kind: str,
    people: list[ActorMention],
    places: list[tuple[Span, Place]],
    region: set[int],
    resolve_date: DateResolver,
) -> list[EventCandidate]:
    people = [m for m in people if not _possessor_of_another(doc, m, trigger)]
    actors = list({m.actor.slug: m.actor for m in people}.values())
    venues = _venues(trigger, places, region, kind)
    status = event_status(trigger)
    tense: Literal["past", "future"] = "future" if status in {"planned", "expected"} else "past"
    dates = _dates(sentence, trigger, region, lambda text: resolve_date(text, tense))
    phrases = _date_expressions(sentence, trigger, region)
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
        if len(subjects) == 1 and len(others) >= 2:
            subject = next(a for a in actors if a.slug in subjects)
            groups = [[(subject, "participant"), (other, "participant")] for other in others]
        else:
            groups = [[(actor, "participant") for actor in actors]]
    confidence = 0.5 + 0.15 * bool(venues) + 0.15 * bool(dates) + 0.1 * (trigger.pos_ == "VERB")
    found = []
    for group in groups:
        venue_options: list[Place | None] = [*venues] if venues else [None]
        for venue in venue_options:
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
                    date_phrase=phrases[0][1] if phrases else None,
                )
            )
    return found


def _possessor_of_another(doc: Doc, mention: ActorMention, trigger: Token) -> bool:
    """ "Biden's national security adviser Jake Sullivan met …": Biden names whose adviser, not who met."""
    token = doc[_token_of(doc, mention)]
    return token.dep_ == "poss" and token.head.i != trigger.i and token.head.ent_type_ in {"PERSON", ""}


def _one_country(actors: list[ResolvedActor]) -> bool:
    """Whether everyone is known to be of one country: colleagues, not counterparts."""
    countries = {actor.country for actor in actors}
    return len(countries) == 1 and None not in countries


def _role(actor: ResolvedActor, role: str, venue: Place | None) -> str:
    if role != "participant" or venue is None or actor.country is None:
        return role
    return "host" if venue.country == actor.country else "guest"


def _token_of(doc: Doc, mention: ActorMention) -> int:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root.i if span is not None else -1


def _region(trigger: Token, clauses: list[Token]) -> set[int]:
    """Tokens that can hold the participants, place and date of the event ``trigger`` reports: its
    subtree without the clauses of other events nested in it, and the subject of the clause that
    governs it ("X is scheduled to meet", "X held talks")."""
    region = {t.i for t in trigger.subtree}
    for other in clauses:
        if other.i != trigger.i and other.i in region:
            region -= {t.i for t in other.subtree}
    head = trigger
    for _ in range(3):
        climbs = {"xcomp", "dobj", "pobj", "prep", "attr", "ccomp", "acl", "nsubjpass", "appos", "npadvmod"}
        # A verb joined to another ("… and individually met Pan") shares its subject, unless it has its own.
        shares_subject = head.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
        if (head.dep_ not in climbs and not shares_subject) or head.head.i == head.i:
            break
        head = head.head
        for child in head.children:
            joins = child.dep_ == "prep" and (child.i > trigger.i or child.lower_ in {"with", "between"})
            if child.dep_ in {"nsubj", "nsubjpass", "agent"} or joins:
                region.update(t.i for t in child.subtree)
    return region


def _subject_tokens(trigger: Token) -> set[int]:
    subjects: set[int] = set()
    head = trigger
    for _ in range(6):
        for child in head.children:
            if child.dep_ in {"nsubj", "nsubjpass", "poss"}:
                subjects.update(t.i for t in child.subtree)
        if subjects or head.head.i == head.i:
            break
        head = head.head
    return subjects


def _travellers(doc: Doc, trigger: Token, people: list[ActorMention]) -> list[ResolvedActor]:
    """Who travels: the subject of a verb of travel, the owner of a trip ("Wang's visit"), or the agent
    after "by" ("visits by Blinken and Yellen")."""
    tokens = _subject_tokens(trigger)
    for token in _region(trigger, []):
        if doc[token].lower_ == "by" and doc[token].dep_ in {"prep", "agent"}:
            tokens.update(t.i for t in doc[token].subtree)
    found = {m.actor.slug: m.actor for m in people if _token_of(doc, m) in tokens}
    return list(found.values())


def _places(doc: Doc, gazetteer: Gazetteer) -> list[tuple[Span, Place]]:
    found = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC", "ORG", "NORP"}:
            continue
        name = re.sub(r"^(?:the)\s+", "", re.sub(r"[’']s$", "", ent.text.strip()), flags=re.IGNORECASE)
        # The tagger sometimes takes a trailing function word into the name ("… of the People on").
        name = re.sub(r"\s+(?:on|in|at|to|of|and|for)$", "", name)
        place = gazetteer.lookup(name)
        if place is None and ent.label_ == "FAC":
            place = _unlisted_building(ent, name, gazetteer)
        if place is None and ent.label_ == "NORP" and name.endswith("an"):
            place = gazetteer.lookup(name[:-1])  # "Southeast Asian" names the region "Southeast Asia"
            place = place if place is not None and place.kind == "region" else None
        if place is None or (ent.label_ == "NORP" and place.kind != "region"):
            continue
        found.append((ent, place))
    return found


def _unlisted_building(ent: Span, name: str, gazetteer: Gazetteer) -> Place | None:
    """A facility the gazetteer does not list ("the Vostochny Cosmodrome") is kept as the text names it,
    inside the country its sentence places it in when there is one; it has no coordinates."""
    if len(name.split()) < 2 or not name[0].isupper():
        return None
    country = None
    for other in ent.sent.ents:
        if other.label_ in {"GPE", "LOC"} and other.start != ent.start:
            found = gazetteer.lookup(re.sub(r"[’']s$", "", other.text))
            if found is not None and found.country:
                country = gazetteer.lookup_country(found.country)
                break
    code = country.country.lower() if country and country.country else "xx"
    return Place(
        kind="building",
        name=name,
        slug=f"building-{code}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}",
        city=None,
        country=country.country if country else None,
        latitude=None,
        longitude=None,
        geonames_id=None,
        parent=country,
    )


def _venues(trigger: Token, places: list[tuple[Span, Place]], region: set[int], kind: str) -> list[Place]:
    """The most specific places of the event (for a visit: the city or country travelled to, not a
    building); several only when listed together ("in Vienna and Malta")."""
    chosen = [(s, p) for s, p in places if s.root.i in region and _introduced_as_place(s)]
    if kind == EventKind.VISIT and any(p.kind != "building" for _, p in chosen):
        chosen = [(s, p) for s, p in chosen if p.kind != "building"]
    if not chosen:
        return []
    own = {t.i for t in trigger.subtree}
    # The trigger's own phrase ("visits to Beijing") outranks the clause around it ("some in Washington").
    chosen.sort(
        key=lambda item: (item[0].root.i not in own, _distance(item[0].root, trigger), PLACE_RANK.get(item[1].kind, 9))
    )
    first_span, first = chosen[0]
    venues = [first]
    for span, place in chosen[1:]:
        if place.slug in {v.slug for v in venues} or _contains(place, venues):
            continue
        listed = {span.root.i, span.root.head.i} & {first_span.root.i, first_span.root.head.i}
        if (span.root.dep_ == "conj" or first_span.root.dep_ == "conj") and listed:
            venues.append(place)
    return venues


def _distance(token: Token, trigger: Token) -> int:
    """Steps up the parse from ``token`` to ``trigger`` (places nearer the trigger belong to its event);
    a token outside the trigger's subtree counts as far."""
    steps = 0
    while token.i not in (trigger.i, token.head.i):
        token, steps = token.head, steps + 1
    return steps if token.i == trigger.i else 99


def _contains(place: Place, venues: list[Place]) -> bool:
    return any(place.slug == ancestor.slug for venue in venues for ancestor in _chain(venue))


def _chain(place: Place) -> list[Place]:
    chain = [place]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)
    return chain


PLACE_NOUNS = frozenset({"island", "city", "capital", "province", "region", "town", "resort", "country", "state"})


ELSEWHERE_NOUNS = frozenset(
    {
        "war",
        "conflict",
        "crisis",
        "tensions",
        "tension",
        "invasion",
        "fighting",
        "situation",
        "violence",
        "attack",
        "attacks",
        "operations",
        "presence",
        "influence",
        "interests",
        "election",
        "elections",
        "protests",
        "unrest",
        "officials",
        "forces",
        "troops",
        "policy",
        "interference",
        "affairs",
        "activities",
        "aggression",
        "peace",
        "stability",
        "security",
        "investment",
        "business",
        "market",
        "markets",
        "rights",
        "people",
        "citizens",
    }
)


def _introduced_as_place(span: Span) -> bool:
    """Whether the place names where something happens ("met in Vienna", "talks at the Kremlin",
    "the summit in Bali"), not where something else is ("the war in Ukraine")."""
    root = span.root
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head
    if root.dep_ in {"compound", "amod", "nmod"}:
        if root.head.lower_ not in PLACE_NOUNS:
            return False  # "a U.S. official" names no place of the event
        root = root.head  # "the Southeast Asian country"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS:
        root = root.head.head  # "on the Indonesian island of Bali"
    elif root.dep_ == "pobj" and root.head.lower_ == "on":
        return False  # "on" places events on islands, not in cities ("based on a report")
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return root.head.head.lower_ not in ELSEWHERE_NOUNS
    if root.dep_ == "dobj" and root.head.lemma_ in {"visit", "tour"}:
        return True
    previous = span.doc[span.start - 1] if span.start > 0 else None
    return previous is not None and previous.lower_ in PLACE_PREPOSITIONS - {"on"}


# Article spinners rewrite the month "May" as its synonyms "Could" and "Might" ("traveled to China in
# Could"); after "in", capitalised and not followed by a verb, they can only be that month.
_SPUN_MAY = frozenset({"Could", "Might"})


def _date_expressions(sentence: Span, trigger: Token, region: set[int]) -> list[tuple[Span, str]]:
    """Date expressions that can date the event ``trigger`` reports, nearest first, each with the words
    to resolve."""
    own = {t.i for t in trigger.subtree}
    found: list[tuple[Span, str]] = []
    for ent in sentence.ents:
        if ent.label_ != "DATE" or ent.root.i not in region or _DURATION.match(ent.text.strip()):
            continue
        before = sentence.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in {"since", "until", "till", "before", "after", "by", "from"}:
            continue  # a bound of some other period, not the day of this event
        governor = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
        if governor.i != trigger.i and governor.lemma_.lower() in SPEECH_VERBS:
            continue  # "Biden said Saturday he hoped to meet Xi": the day of the saying
        lead = sentence.doc[max(ent.start - 2, 0) : ent.start].text.lower()
        # "later in the day" is a day; "the day" alone is not.
        span = sentence.doc[ent.start - 2 : ent.end] if lead in {"later in", "earlier in", "later on"} else ent
        found.append((span, span.text))
    for token in sentence[1:]:
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        spun = token.text in _SPUN_MAY and token.nbor(-1).lower_ == "in" and token.i in region
        if spun and (following is None or following.pos_ not in {"VERB", "AUX"}):
            found.append((sentence.doc[token.i - 1 : token.i + 1], "in May"))
    return sorted(found, key=lambda item: (item[0].root.i not in own, abs(item[0].root.i - trigger.i)))


def _dates(
    sentence: Span, trigger: Token, region: set[int], resolve_date: Callable[[str], DateRange | None]
) -> DateRange | None:
    """The date the words nearest the trigger give, resolved; None when they give none."""
    for _, words in _date_expressions(sentence, trigger, region):
        resolved = resolve_date(words)
        if resolved is not None:
            return resolved
    return None
