"""Where an event took place: the places a sentence names, and which of them is the venue of the event
a trigger word reports.

    >>> places = find_places(doc, Gazetteer.load())  # doctest: +SKIP
    >>> event_venues(trigger, places, region, "meeting")  # doctest: +SKIP
    [Place(kind='city', name='Vienna', …)]
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Doc, Span, Token

from db.enums import EventKind
from loaders.extract.clauses import where_antecedent
from loaders.extract.triggers import DEPARTURE_VERBS, VISIT_VERBS
from loaders.kb import Gazetteer, KnowledgeBase, Place

__all__ = [
    "PLACE_RANK",
    "countries_named",
    "event_venues",
    "find_places",
    "introduced_as_place",
    "names_no_destination",
]

PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "inside", "outside", "near", "on"})
_INDEFINITE = frozenset({"a", "an", "any", "every", "another"})
# Prepositions that name a place to say where another one is: "outside Lyon", "near Turin".
_LOCATORS = frozenset({"outside", "near"})
PLACE_RANK = {"building": 0, "city": 1, "region": 2, "country": 3}
# The last word of a building's name: what the place is, not an event held there.
_BUILDINGS = frozenset({
    "castle", "palace", "house", "hall", "hotel", "mansion", "residence", "lodge", "manor", "abbey", "cathedral",
    "kremlin", "fortress", "villa", "chateau", "château", "estate", "centre", "center", "building", "tower",
})  # fmt: skip


def find_places(
    where: Doc | Span,
    gazetteer: Gazetteer,
    *,
    people: Collection[tuple[int, int]] = (),
    filed_from: Place | None = None,
) -> list[tuple[Span, Place]]:
    """Every named place in ``where`` (a document, or one of its sentences) with what the gazetteer knows
    of it: cities, countries, regions (also as adjectives: "Southeast Asian"), buildings, and facilities
    it does not list. ``people`` are the character spans of names resolved as actors, never places;
    ``filed_from`` is the place of the story's dateline, named before its first word."""
    doc = where.doc if isinstance(where, Span) else where
    countries = countries_named(doc, gazetteer)
    found = []
    for ent in where.ents:
        if ent.label_ == "PERSON" and (ent.start_char, ent.end_char) not in people:
            place = _place_the_tagger_missed(ent, gazetteer, countries)
            if place is not None:
                found.append((ent, place))
            continue
        if ent.label_ not in {"GPE", "LOC", "FAC", "ORG", "NORP"}:
            continue
        name = re.sub(r"^(?:the)\s+", "", re.sub(r"[’']s$", "", ent.text.strip()), flags=re.IGNORECASE)
        # The tagger sometimes takes a trailing function word into the name ("… of the People on").
        name = re.sub(r"\s+(?:on|in|at|to|of|and|for)$", "", name)
        place = gazetteer.lookup(name, countries=countries)
        if place is None and ent.label_ == "FAC":
            place = _unlisted_building(ent, name, gazetteer, countries)
        if place is None and ent.label_ == "NORP" and name.endswith("an"):
            place = gazetteer.lookup(name[:-1])  # "Southeast Asian" names the region "Southeast Asia"
            place = place if place is not None and place.kind == "region" else None
        if place is None or (ent.label_ == "NORP" and place.kind != "region"):
            continue
        found.append((ent, place))
    found.extend(_capitals_named_by_their_country(where, gazetteer))
    for token in where:
        if (
            token.pos_ == "PROPN"
            and not token.ent_type_
            and (place := _place_the_tagger_missed(doc[token.i : token.i + 1], gazetteer, countries))
        ):
            found.append((doc[token.i : token.i + 1], place))
    return _places_referred_back_to(sorted(found, key=lambda pair: pair[0].start), filed_from)


# Nouns of a settlement that a story names once and then describes: "the Adriatic resort", "the port city".
_SETTLEMENT_NOUNS = frozenset({"resort", "city", "town", "port"})


def _places_referred_back_to(found: list[tuple[Span, Place]], filed_from: Place | None) -> list[tuple[Span, Place]]:
    """Each definite description of a settlement by its region or country ("the Adriatic resort" after
    "talks in Split") read as the last city named as a place before it (in that country, for a country),
    or else the city of the dateline; as named when there is none. ``found`` is in text order."""
    resolved: list[tuple[Span, Place]] = []
    dateline = [filed_from] if filed_from is not None and filed_from.kind == "city" else []
    for span, place in found:
        # The name's own head word: "the" is the root spaCy picks for "the Red Sea" in "the Red Sea port".
        word = next((t for t in span if t.dep_ != "det" and not span.start <= t.head.i < span.end), span.root)
        noun = word.head
        described = (
            word.dep_ in {"compound", "amod", "nmod"}
            and noun.lower_ in _SETTLEMENT_NOUNS
            and any(child.dep_ == "det" and child.lower_ == "the" for child in noun.children)
            and not _named_by_of(noun)
            and place.kind in {"region", "country"}
        )
        # Only a city named as a place ("arrived in Split"), not as a government ("Rome's hopes").
        earlier = dateline + [
            city
            for named, city in resolved
            if city.kind == "city"
            and (place.kind == "region" or city.country == place.country)
            and introduced_as_place(named, city.kind)
        ]
        referred = described and earlier and (place.kind == "region" or earlier[-1].country == place.country)
        resolved.append((span, earlier[-1] if referred else place))
    return resolved


def countries_named(doc: Doc, gazetteer: Gazetteer) -> frozenset[str]:
    """The codes of the countries a document names, by name ("Britain") or adjective ("British"): which of a
    city's namesakes it means."""
    kb = KnowledgeBase.load()
    codes = set()
    for ent in doc.ents:
        if ent.label_ in {"GPE", "LOC"} and (country := gazetteer.lookup_country(ent.text)) is not None:
            codes.add(country.country)
        elif ent.label_ == "NORP" and (known := kb.country_by_name(ent.text)) is not None:
            codes.add(known.code)
    return frozenset(c for c in codes if c)


def _capitals_named_by_their_country(where: Doc | Span, gazetteer: Gazetteer) -> list[tuple[Span, Place]]:
    """ "The Peruvian capital", "the Thai capital": the capital city of the country its adjective names,
    as the knowledge base records it, spanning the whole phrase."""
    found: list[tuple[Span, Place]] = []
    if "capital" not in where.text.lower():
        return found  # reading the text is far cheaper than reading its tokens
    capitals = [token for token in where if token.lower_ == "capital" and token.i > 0]
    if not capitals:
        return found
    doc, kb = capitals[0].doc, KnowledgeBase.load()
    for token in capitals:
        adjective = doc[token.i - 1]
        country = kb.country_by_name(adjective.text)
        # The tagger may take a demonym for a name ("the Uzbek capital" read as an organisation's); a country's
        # own name before "capital" may be a namesake's ("the Georgia capital" of the US state).
        is_demonym = country is not None and adjective.text.casefold() in {d.casefold() for d in country.demonyms}
        if country is None or country.capital is None or not (is_demonym or adjective.ent_type_ == "NORP"):
            continue
        city = gazetteer.lookup(country.capital)
        if city is not None and city.country == country.code:
            start = token.i - 2 if token.i >= 2 and doc[token.i - 2].lower_ == "the" else token.i - 1
            found.append((doc[start : token.i + 1], city))
    return found


def _place_the_tagger_missed(ent: Span, gazetteer: Gazetteer, countries: frozenset[str]) -> Place | None:
    """A city, country or region the tagger took for a person, or for no name at all ("traveled to
    Kyiv" tags Kyiv a PERSON; "a trip to Kyiv" leaves it untagged): only where the sentence says it is
    a place, as the object of "to", "in", "at" …"""
    head = ent.root.head
    if ent.root.dep_ != "pobj" or head.lower_ not in PLACE_PREPOSITIONS or head.lower_ == "on":
        return None
    place = gazetteer.lookup(ent.text.strip(), countries=countries)
    if place is not None and place.kind == "building":
        # "received him at the Chancellery": a building the gazetteer lists, where "at" or "in" puts it.
        return place if head.lower_ in {"at", "in", "inside"} else None
    return place if place is not None and place.kind in {"city", "country", "region"} else None


def _unlisted_building(ent: Span, name: str, gazetteer: Gazetteer, countries: frozenset[str]) -> Place | None:
    """A facility the gazetteer does not list ("the Vostochny Cosmodrome") is kept as the text names it,
    inside the city or country its sentence places it in when there is one ("the Presidential Palace in
    Warsaw" lies in Warsaw; "in eastern Russia", in Russia; "sharp words over Taiwan" places nothing), or
    else the city a building's name begins with ("Stirling Castle" lies in Stirling; the "Raisina
    Dialogue" is a conference, named after no city); it has no coordinates."""
    if len(name.split()) < 2 or not name[0].isupper():
        return None
    around: Place | None = None
    for other in ent.sent.ents:
        if other.label_ in {"GPE", "LOC"} and other.start != ent.start and introduced_as_place(other, "building"):
            found = gazetteer.lookup(re.sub(r"[’']s$", "", other.text), countries=countries)
            if found is not None and found.country:
                around = found if found.kind == "city" else gazetteer.lookup_country(found.country)
                break
    if (around is None or around.kind == "country") and name.rsplit(maxsplit=1)[-1].lower() in _BUILDINGS:
        first = name.split(maxsplit=1)[0]
        named_after = gazetteer.lookup(first, countries=countries) if first[:1].isupper() else None
        # Only a city of a country the story names: "Grand Hotel" is no hotel in a town called Grand.
        if named_after is not None and named_after.kind == "city" and named_after.country in countries:
            around = named_after if around in (None, named_after.parent) else around
    code = around.country.lower() if around and around.country else "xx"
    return Place(
        kind="building",
        name=name,
        slug=f"building-{code}-{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}",
        city=around.name if around and around.kind == "city" else None,
        country=around.country if around else None,
        latitude=None,
        longitude=None,
        geonames_id=None,
        parent=around,
    )


def event_venues(trigger: Token, places: list[tuple[Span, Place]], region: set[int], kind: str) -> list[Place]:
    """The most specific places of the event (for a visit: the city or country travelled to, not a
    building); several only when listed together ("in Vienna and Malta")."""
    chosen = [(s, p) for s, p in places if s.root.i in region and introduced_as_place(s, p.kind)]
    if kind == EventKind.VISIT:
        chosen = [
            (s, destination) for s, p in chosen if not _origin(s) and (destination := _destination(p)) is not None
        ]
    if kind == EventKind.VISIT and any(p.kind != "building" for _, p in chosen):
        chosen = [(s, p) for s, p in chosen if p.kind != "building"]
    if not chosen:
        return []
    own = {t.i for t in trigger.subtree}
    # The trigger's own phrase ("visits to Beijing") outranks the clause around it ("some in Washington").
    # A place that only locates another ("at a villa outside Lyon") yields to the one it locates.
    chosen.sort(
        key=lambda item: (
            item[0].root.i not in own,
            _locates_another(item[0]),
            _distance(item[0].root, trigger),
            PLACE_RANK.get(item[1].kind, 9),
        )
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


def _origin(span: Span) -> bool:
    """Whether the place is where a journey set out from ("flew in to Accra from Lagos, where she had opened
    a forum"): a place the traveller left, whatever else its clause says happened there."""
    root = span.root
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "from"


def names_no_destination(places: list[tuple[Span, Place]], region: set[int]) -> bool:
    """Whether a visit's clause names where it went only by places that are no destination (a continent, a
    building of an unknown city): "his first trip to Europe in five years" tells of the trip its visits
    to countries make up, and is no visit of its own."""
    named = [p for s, p in places if s.root.i in region and introduced_as_place(s, p.kind)]
    return bool(named) and all(_destination(p) is None for p in named)


def _destination(place: Place) -> Place | None:
    """Where a visit to ``place`` went: a city or a country, or a region of one country. A building is in
    its city (an airport, a palace, a memorial: the visit was to the city, where its meetings were); a
    building whose city is not known, or a region of several countries ("Europe", "the Balkans"),
    names no destination: the article's visits to its cities and countries are the trip."""
    if place.kind == "building":
        return place.parent if place.parent is not None and place.parent.kind != "building" else None
    return place if place.country is not None else None


def _named_by_of(noun: Token) -> bool:
    """Whether a place noun is named by an "of" phrase after it ("the resort of Split", "the island of Crete")."""
    return any(
        child.dep_ == "prep" and child.lower_ == "of" and any(o.pos_ == "PROPN" for o in child.children)
        for child in noun.children
    )


def _locates_another(span: Span) -> bool:
    """Whether the place is named only to locate somewhere else ("outside Lyon", "near Turin")."""
    return span.root.dep_ == "pobj" and span.root.head.lower_ in _LOCATORS


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


def introduced_as_place(span: Span, kind: str) -> bool:
    """Whether the place names where something happens ("met in Vienna", "talks at the Kremlin",
    "the summit in Bali"), not where something else is ("the war in Ukraine")."""
    root = span.root
    if any(where_antecedent(child) == root for child in root.children):
        return True  # "Seoul, where he had held talks": the clause says something happened there
    while root.dep_ in {"conj", "appos"} and root.head.i != root.i:
        root = root.head
    if root.dep_ in {"compound", "amod", "nmod"}:
        head = root.head
        if head.lower_ not in PLACE_NOUNS and not (kind == "building" and head.lower_ in _BUILDINGS):
            return False  # "a Kenyan diplomat" names no place of the event; "the Vasari estate" does
        if _named_by_of(head):
            return False  # "the Adriatic resort of Split": the resort is Split, the sea only describes it
        if any(child.dep_ == "det" and child.lower_ in _INDEFINITE for child in head.children):
            return False  # "her first trip to an EU country": a kind of place, not a place
        root = head  # "the Andean country"
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS:
        root = root.head.head  # "on the Indonesian island of Bali"
    elif root.dep_ == "pobj" and root.head.lower_ == "on" and kind != "building":
        # "on" places events on islands, not in cities ("based on a report"); "met on the Great Hall of the
        # People" is how article spinners rewrite "at".
        return False
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPOSITIONS:
        return root.head.head.lower_ not in ELSEWHERE_NOUNS
    if root.dep_ == "pobj" and root.head.lower_ == "into":
        return root.head.head.lemma_.lower() in VISIT_VERBS  # "flew into Lima"; not "money poured into Peru"
    if root.dep_ == "pobj" and root.head.lower_ == "for":
        return root.head.head.lemma_.lower() in DEPARTURE_VERBS  # "left for Lima"; not "a plan for Peru"
    if root.dep_ == "dobj" and root.head.lemma_ in {"visit", "tour"}:
        return True
    previous = span.doc[span.start - 1] if span.start > 0 else None
    return previous is not None and previous.lower_ in PLACE_PREPOSITIONS - {"on"}
