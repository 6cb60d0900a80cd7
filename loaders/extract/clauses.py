"""The clause around a trigger word: which words of a parsed sentence belong to the event it reports.

A trigger in, sets of token indices out. The event's region is the trigger's subtree without the
clauses of other events nested in it, with the subject of the clause that governs it; its clause
window adds the time and place phrases of the verb that states it ("signed a declaration in Athens on
Thursday, in a visit that …": the visit was in Athens, on Thursday); and words in a clause about
something else ("who took office in 2019", "since the war began in 2022") are not the event's.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

__all__ = [
    "SPEECH_VERBS",
    "clause_window",
    "event_region",
    "governing_verbs",
    "in_another_clause",
    "in_main_clause",
    "simultaneous_clauses",
    "where_antecedent",
]

# Verbs of saying: their subject speaks of an event, and takes no part in it for that.
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

# Dependencies that open a clause of its own: a relative clause, an adverbial clause, a complement, a
# gerund after a preposition ("since taking office in June").
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis", "pcomp"})
# Prepositions whose phrase bounds another period: "since …", "until …", "before …", "after …".
_BOUNDS = frozenset({"since", "until", "till", "before", "after"})
_SIMULTANEOUS = frozenset({"while", "as", "when"})


# How a noun or a verb hangs in the clause of the verb that states it: as its object, in a phrase of it.
_WITHIN_A_CLAUSE = frozenset({"dobj", "pobj", "prep", "xcomp", "attr", "appos", "npadvmod", "oprd", "acomp"})


# Verbs that say when an event named as their subject begins, ends or takes place: "the trip began on
# Saturday in Shanghai", "the talks lasted two days", "the meeting took place at the Kremlin", "formal
# talks followed the next day".
_ASPECTUAL = frozenset(
    {
        "begin",
        "start",
        "end",
        "conclude",
        "last",
        "take",
        "open",
        "close",
        "continue",
        "resume",
        "wrap",
        "run",
        "follow",
        "come",
        "happen",
        "occur",
    }
)


def governing_verbs(trigger: Token) -> set[int]:
    """The verbs up to the one that states the event's clause ("held" in "held talks", "signed" in "signed
    a declaration … in a visit", "began" in "the trip began"), without crossing into another clause."""
    verbs: set[int] = set()
    head = trigger
    while head.head.i != head.i:
        subject_of_aspect = head.dep_ in {"nsubj", "nsubjpass"} and head.head.lemma_ in _ASPECTUAL
        if head.dep_ not in _WITHIN_A_CLAUSE and not subject_of_aspect:
            break
        head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            verbs.add(head.i)
            break
    return verbs


def clause_window(trigger: Token) -> set[int]:
    """The time and place phrases of the verb that states the event's clause ("in Athens", "on
    Thursday"), which belong to the event though they are not in the trigger's subtree."""
    window: set[int] = set()
    if (place := where_antecedent(trigger)) is not None:
        window.add(place.i)  # "… from Muscat, where she was received by the sultan": in Muscat
        window.update(_day_of_the_where_clause(trigger, place))
    for verb in governing_verbs(trigger):
        antecedent = where_antecedent(trigger.doc[verb])
        if antecedent is not None:
            window.add(antecedent.i)  # "… from Seoul, where he had held talks": the talks were in Seoul
            window.update(_day_of_the_where_clause(trigger.doc[verb], antecedent))
        for child in trigger.doc[verb].children:
            # Phrases of time and place, and a time as the object ("spent Friday and Saturday in talks").
            timely = child.dep_ in {"prep", "npadvmod"} or (child.dep_ == "dobj" and child.ent_type_ == "DATE")
            if timely and child.lower_ not in _BOUNDS and not child.is_ancestor(trigger) and child != trigger:
                # Not the clauses inside it: "on the first stop of a tour that will take him to Peru".
                window.update(t.i for t in child.subtree if not in_another_clause(t, trigger))
            elif child.dep_ == "dobj" and not child.is_ancestor(trigger) and child != trigger:
                window.update(_when_and_where_under(child, trigger))
    window.update(_day_of_the_first_verb(trigger))
    return window


def _day_of_the_first_verb(trigger: Token) -> set[int]:
    """The time phrases of the verb a verb is joined to, where the joined verb says no time of its own
    ("landed in Accra on Friday and was received by the president": received on Friday; "arrived on
    Sunday and will meet him on Monday" keeps Monday)."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else None
    if verb is None:
        heads = [trigger.doc[i] for i in governing_verbs(trigger)]
        verb = heads[0] if heads else None
    # Only the time: the place of an arrival is not always where what follows it happened (measured: places
    # taken so were wrong more often than right on the held-back articles).
    if verb is None or verb.dep_ != "conj" or _time_phrases(verb):
        return set()
    return {t.i for phrase in _time_phrases(verb.head) for t in _phrase(phrase)}


def _time_phrases(verb: Token) -> list[Token]:
    """The phrases of ``verb`` that name a time ("on Tuesday", "last week"), not bounds of another period."""
    return [
        child
        for child in verb.children
        # "advmod": "earlier on Friday", "later that day".
        if child.dep_ in {"prep", "npadvmod", "advmod"}
        and child.lower_ not in _BOUNDS
        and any(t.ent_type_ in {"DATE", "TIME"} for t in _phrase(child))
    ]


def _phrase(head: Token) -> list[Token]:
    """The tokens of the phrase ``head`` opens: its subtree, and, after a preposition in it the parser left
    without its object, the day that follows ("On Friday the envoy …" parsed with "Friday" on the envoy)."""
    tokens = list(head.subtree)
    for token in list(tokens):
        if token.dep_ == "prep" and not any(c.dep_ == "pobj" for c in token.children):
            following = head.doc[token.i + 1 : token.i + 4]
            tokens += list(following[: next((n for n, t in enumerate(following) if not t.ent_type_), len(following))])
    return tokens


# Entity types of a phrase that says where or when: a place, a building, a day.
_WHEN_WHERE = frozenset({"GPE", "LOC", "FAC", "DATE"})


def _when_and_where_under(obj: Token, trigger: Token) -> set[int]:
    """Place and time phrases the parser hung on the verb's object rather than on the verb ("signed a
    declaration on friendly relations in Athens": the signing was in Athens, not the relations). A
    phrase naming a place or a day says where or when the clause's action was, wherever it hangs."""
    found: set[int] = set()
    for token in obj.subtree:
        if token.dep_ != "prep" or token.lower_ in _BOUNDS or token.i == obj.i:
            continue
        objects = [child for child in token.children if child.dep_ == "pobj"]
        if any(o.ent_type_ in _WHEN_WHERE for o in objects) and not in_another_clause(token, trigger):
            found.update(t.i for t in token.subtree)
    return found


def in_main_clause(span: Span, sentence: Span) -> bool:
    """Whether ``span`` is in ``sentence`` outside its clauses about something else ("who took office in 2019")."""
    return sentence.start <= span.start < sentence.end and not in_another_clause(span.root, sentence.root)


def where_antecedent(verb: Token) -> Token | None:
    """The word a "where" clause refers back to ("Seoul" in "from Seoul, where he had held talks"), when
    ``verb`` heads such a clause or is its complement ("Lima, where she is expected to sign"); None otherwise."""
    chain = _completed(verb)
    # The parser hangs "where" on the clause's head or on the verb completing it.
    opened = any(c.dep_ == "advmod" and c.lower_ == "where" for link in chain for c in link.children)
    if chain[-1].dep_ != "relcl" or not opened:
        return None
    return chain[-1].head


def _completed(verb: Token) -> list[Token]:
    """``verb`` and the verbs it completes, up to the clause's head: "sign", "due", "is" in "is due to
    sign"."""
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "acomp"} and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _day_of_the_where_clause(verb: Token, antecedent: Token) -> set[int]:
    """The time phrases of the clause a "where" clause hangs on, when the "where" clause names no time of
    its own ("ends on Sunday in Lima, where she is to sign the accord": signed on Sunday)."""
    if any(_time_phrases(link) for link in _completed(verb)):
        return set()
    head = antecedent
    while head.dep_ in {"pobj", "prep"} and head.head.i != head.i:
        if head.dep_ == "prep" and head.lower_ in _BOUNDS:
            return set()  # "arrived on Monday after a day in Rome, where …": Rome was before Monday
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return set()
    return {t.i for phrase in _time_phrases(head) for t in _phrase(phrase)}


def in_another_clause(token: Token, trigger: Token) -> bool:
    """Whether ``token`` belongs to a clause about something else than the event ``trigger`` reports: a
    clause on the way up from it whose verb is not the trigger and does not hold the trigger, unless
    it says the two happened at once ("while …", "as …", "when …")."""
    head = token
    while head.head.i != head.i:
        head = head.head
        if head.i == trigger.i:
            return False
        if head.dep_ == "prep" and head.lower_ in _BOUNDS and not head.is_ancestor(trigger):
            return True  # "… since taking office in June last year": a bound of another period
        if head.dep_ in _CLAUSES and head.pos_ in {"VERB", "AUX"} and not head.is_ancestor(trigger):
            if _names_a_thing(head):
                continue
            return not _simultaneous(head)
    return False


def _names_a_thing(clause: Token) -> bool:
    """Whether a clause object is a name for a thing ("signed what they called an accord on Monday"): a
    noun phrase of the verb above it, whose time the parser often hangs on the naming verb."""
    return (
        clause.dep_ == "ccomp"
        and any(child.dep_ == "dobj" and child.lower_ == "what" for child in clause.children)
        and any(child.dep_ == "oprd" for child in clause.children)
    )


def event_region(trigger: Token, clauses: list[Token]) -> set[int]:
    """Tokens that can hold the participants, place and date of the event ``trigger`` reports: its
    subtree without the clauses of other events nested in it, and the subject of the clause that
    governs it ("X is scheduled to meet", "X held talks")."""
    region = {t.i for t in trigger.subtree}
    for other in clauses:
        if other.i != trigger.i and other.i in region:
            region -= {t.i for t in other.subtree}
    for child in trigger.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            region -= {t.i for t in child.subtree}  # "met Lavrov and asked him to greet Putin": Putin did not meet
    if trigger.dep_ == "relcl" and any(
        c.dep_ == "nsubj" and c.lower_ in {"who", "that", "which"} for c in trigger.children
    ):
        antecedent = trigger.head  # "Macron, who landed in Beijing": the name the relative pronoun stands for
        region.update(range(antecedent.left_edge.i, antecedent.i + 1))
    head = trigger
    for _ in range(3):
        # "acomp": "X had been due to hold talks", "X is likely to meet": the subject of the copula.
        climbs = {"xcomp", "dobj", "pobj", "prep", "attr", "ccomp", "acl", "nsubjpass", "appos", "npadvmod", "acomp"}
        if head.i == trigger.i:
            # The event's own verb as a gerund after a preposition shares the clause's subject ("was greeted
            # … before sitting down with Xi": Macron sat down with Xi); a noun inside such a gerund's clause
            # is another matter ("after calling off the visit" says nothing more of who travelled).
            climbs = climbs | {"pcomp"}
        # A verb joined to another ("… and individually met Pan") shares its subject, unless it has its own.
        shares_subject = head.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
        # "an aide confirmed that the premier will hold talks": who says it is not in them.
        reported = head.dep_ == "ccomp" and head.head.lemma_.lower() in SPEECH_VERBS
        if (head.dep_ not in climbs and not shares_subject) or head.head.i == head.i or reported:
            break
        beside = head.dep_ == "conj"
        head = head.head
        for child in head.children:
            # Not a phrase bounding another period ("… before going on to Oslo"): the next leg is not this event;
            # nor, from a verb joined beside it, the other verb's company ("met the minister and was received
            # by Xi": Wang was not received).
            joins = child.dep_ == "prep" and child.lower_ not in _BOUNDS and not beside
            joins = joins and (child.i > trigger.i or child.lower_ in {"with", "between"})
            if child.dep_ in {"nsubj", "nsubjpass", "agent"} or joins:
                region.update(t.i for t in child.subtree)
    for other in clauses:
        # What the climb brought in may hold another event's clause; an event the trigger is part of stays.
        if other.i != trigger.i and other.i in region and not other.is_ancestor(trigger):
            region -= {t.i for t in other.subtree}
    return region


def simultaneous_clauses(trigger: Token) -> set[int]:
    """Tokens of the "while", "as" and "when" clauses of the verb that governs the event ("while the king
    was at the palace on Tuesday, the premier made a trip to Oslo"): their dates are the event's, though
    their people are not its people."""
    head = trigger
    # "attr": the event named after a copula ("when she landed on Monday, it was her first trip there").
    while head.dep_ in {"dobj", "pobj", "prep", "xcomp", "attr"} and head.head.i != head.i:
        head = head.head
    tokens: set[int] = set()
    for child in head.children:
        if child.dep_ == "advcl" and _simultaneous(child):
            tokens.update(t.i for t in child.subtree)
    return tokens


def _simultaneous(clause: Token) -> bool:
    """Whether the verb ``clause`` heads a clause of the same time: marked by "while" or "as", or opened
    by "when", which the parser attaches as an adverb rather than a mark."""
    return any(
        (child.dep_ == "mark" and child.lower_ in _SIMULTANEOUS) or (child.dep_ == "advmod" and child.lower_ == "when")
        for child in clause.children
    )
