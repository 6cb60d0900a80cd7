"""Counterparts: "his German counterpart", "her counterpart from Brazil", "the queen's Danish counterpart".

A counterpart is whoever held, in the country named beside the word, the office the possessor held on
the day the story was written: a head of government's German counterpart is Germany's head of
government then. Only the knowledge base's terms of office decide it, and only where they name one
person: a possessor holding several offices, or none the knowledge base knows, has no counterpart here.

In: the parsed document, the knowledge base, the day of writing, the person mentions found so far
(names and resolved pronouns) and how a knowledge-base person becomes an actor. Out: a mention of the
counterpart for each such phrase, spanning it.

    >>> counterparts(doc, kb, date(2023, 4, 3), people, as_actor=actor_from_person)  # doctest: +SKIP
    [ActorMention(actor=ResolvedActor(slug='olaf-scholz', ...), spelling='his German counterpart', ...)]
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from spacy.tokens import Doc, Token

from loaders.kb import KnowledgeBase, Person
from loaders.resolve.mentions import ActorMention, ResolvedActor

__all__ = ["counterparts"]

_WORDS = frozenset({"counterpart", "counterparts"})


def counterparts(
    doc: Doc,
    kb: KnowledgeBase,
    reference: date | None,
    people: list[ActorMention],
    *,
    as_actor: Callable[[Person], ResolvedActor],
) -> list[ActorMention]:
    """The counterpart each "counterpart" phrase of ``doc`` names, where its possessor and country are known."""
    if reference is None or "counterpart" not in doc.text.lower():
        return []
    found: list[ActorMention] = []
    for token in doc:
        if token.lower_ not in _WORDS:
            continue
        country = _country_of(token, kb)
        possessor = _possessor(token, people)
        if country is None or possessor is None:
            continue
        holder = _holder_of_the_same_office(kb, possessor, country, reference)
        if holder is None:
            continue
        start = min(t.idx for t in token.subtree if t.i <= token.i)
        end = token.idx + len(token.text)
        found.append(ActorMention(as_actor(holder), doc.text[start:end], start, end, named=False))
    return found


def _country_of(token: Token, kb: KnowledgeBase) -> str | None:
    """The country a counterpart is of: an adjective before the word ("his Kenyan counterpart") or a
    place after it ("her counterpart from Kenya", "his counterpart of Kenya")."""
    for child in token.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.i < token.i:
            country = kb.country_by_name(child.text)
            if country is not None:
                return country.code
        if child.dep_ == "prep" and child.lower_ in {"from", "of", "in"}:
            for place in child.children:
                country = kb.country_by_name(place.text) if place.dep_ == "pobj" else None
                if country is not None:
                    return country.code
    return None


def _possessor(token: Token, people: list[ActorMention]) -> ActorMention | None:
    """Whose counterpart: the person the possessive names ("his", "Modi's"), as the mentions resolve it."""
    for child in token.children:
        if child.dep_ != "poss":
            continue
        start, end = child.left_edge.idx, child.idx + len(child.text)
        for mention in people:
            if mention.actor.kind == "person" and start <= mention.start < end + 2:
                return mention
    return None


def _holder_of_the_same_office(kb: KnowledgeBase, possessor: ActorMention, country: str, on: date) -> Person | None:
    """The one person holding, in ``country`` on ``on``, the one office the possessor held that day."""
    person = kb.person_by_name(possessor.actor.name)
    if person is None or person.country == country:
        return None
    roles = {p.role for p in person.positions if p.held_on(on)}
    if len(roles) != 1:
        return None
    holders = kb.holders(roles.pop(), country=country, on=on)
    return holders[0] if len(holders) == 1 else None
