"""The words that report events, and the words that say whether they happened.

Everything here reads one trigger token of a parsed sentence: which kind of event it reports, and the
status its tense and modality give. Vocabulary is general news English, including the synonyms that
machine rewriting substitutes ("conferences" for "meetings", "journey" for "trip"); words a spinner
substitutes are read through its table (``loaders.text.spinner``).
"""

from __future__ import annotations

from spacy.tokens import Token

from db.enums import EventKind, EventStatus
from loaders.extract.clauses import SPEECH_VERBS
from loaders.text import unspun_lemma

__all__ = ["CANCELLED", "POSTPONED", "VISIT_VERBS", "asked_for", "event_kind", "event_status", "plan_told_in_past"]

MEETING_VERBS = frozenset({"meet", "confer", "huddle"})
HOSTING_VERBS = frozenset({"receive", "welcome", "host", "greet"})
MEETING_NOUNS = frozenset(
    (
        *("meeting", "talk", "talks", "conference", "gathering", "dialogue", "meet", "summit", "sit-down"),
        *("encounter", "discussion", "discussions", "consultation", "consultations"),
        # A meal of two or more named people is a meeting ("sat down for dinner with", "a banquet for").
        *("dinner", "banquet", "lunch", "luncheon", "breakfast"),
    )
)
CALL_NOUNS = frozenset({"call", "phone", "telephone", "videoconference"})
# What makes a conference or a briefing one for the press.
_PRESS = frozenset({"news", "press", "media"})
VISIT_VERBS = frozenset({"visit", "travel", "fly", "arrive", "land", "tour", "journey"})
# Verbs of setting out, a visit when they say where to: "left for Lima", "departed for Quito".
DEPARTURE_VERBS = frozenset({"leave", "depart", "set", "head"})
VISIT_NOUNS = frozenset({"visit", "trip", "journey", "tour", "travel", "stopover"})
LIGHT_VERBS = frozenset({"hold", "have", "conduct", "begin", "start", "wrap", "end", "attend", "host"})

CANCELLED = frozenset(
    {
        *("cancel", "cancelling", "canceling", "cancellation", "decline", "rebuff", "scrap", "refuse", "reject"),
        *("snub", "call off"),
    }
)
POSTPONED = frozenset({"postpone", "postponement", "delay", "defer", "reschedule", "shelve", "put off", "push back"})
PLANNED = frozenset(
    {
        *("schedule", "plan", "set", "agree", "arrange", "invite", "accept", "announce", "prepare", "due", "slate"),
        *("slated", "poise", "poised"),
    }
)
EXPECTED = frozenset(
    {
        "expect",
        "predict",
        "forecast",
        "hope",
        "possible",
        "potential",
        "likely",
        "may",
        "might",
        "could",
        "would",
        "consider",
        "seek",
        "try",
        "anticipate",
        "prospect",
        "possibility",
        "want",
        "tentative",
        "proposed",
        "whether",
        # Wishes and intentions: "looking forward to receiving him", "keen to meet", "intends to visit".
        "look forward",
        "intend",
        "aim",
        "wish",
        "keen",
        "eager",
    }
)
FUTURE = frozenset({"will", "shall", "'ll"})
MULTILATERAL = (
    "multilateral",
    "apec",
    "g20",
    "g-20",
    "g7",
    "g-7",
    "nato",
    "brics",
    "asean",
    "quad",
    "sco",
    "group of",
    "un general",
    "cop2",
    "cop3",
    "shangri-la",
    "davos",
    "security summit",
    "summit of",
)


def event_kind(token: Token) -> str | None:
    """The kind of event ``token`` reports, or None when it reports none."""
    # Spun words read as the words they stand for ("acquired by the king": received by him).
    if token.pos_ in {"VERB", "AUX"}:
        return _verb_kind(token, unspun_lemma(token.lemma_.lower()))
    if _a_bilateral(token):
        return EventKind.MEETING
    if token.pos_ not in {"NOUN", "PROPN"} or _modifies_a_trigger(token):
        return None
    kind = _noun_kind(token, unspun_lemma(token.lemma_.lower()) if token.pos_ == "NOUN" else token.lemma_.lower(),
                      token.lower_)  # fmt: skip
    if kind == EventKind.MEETING and _inside_a_name(token):
        return None  # "the Raisina Dialogue", "the Munich Security Conference": a forum's name, not a meeting
    return kind


def _modifies_a_trigger(token: Token) -> bool:
    """ "phone" in "a phone call", "summit" in "summit talks": one event, which the head word reports."""
    head = token.head
    if token.dep_ != "compound" or head.i == token.i or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    return _noun_kind(head, unspun_lemma(head.lemma_.lower()), head.lower_) is not None


def _inside_a_name(token: Token) -> bool:
    """Whether ``token`` is a word of a longer proper name the tagger found (an organisation, a forum)."""
    if token.pos_ != "PROPN" or token.ent_type_ not in {"ORG", "FAC", "EVENT", "WORK_OF_ART", "LOC", "GPE"}:
        return False
    return any(ent.start <= token.i < ent.end and len(ent) > 1 for ent in token.sent.ents)


def _verb_kind(token: Token, lemma: str) -> str | None:
    if _meets(token, lemma):
        return EventKind.MEETING
    if lemma in VISIT_VERBS or (lemma in {"go", "head"} and any(child.lower_ == "to" for child in token.children)):
        return EventKind.VISIT  # "went to Lima", "headed to Lima"; not "headed the delegation"
    if lemma in DEPARTURE_VERBS and _sets_out_for_a_place(token):
        return EventKind.VISIT
    if lemma == "call" and _calls_on_someone(token):
        return EventKind.MEETING  # "called on the king at the palace": a visit in person
    if lemma in {"phone", "telephone"} or (lemma == "call" and _calls_someone(token)):
        return EventKind.CALL
    if lemma in {"speak", "talk"} and _by_phone(token):
        return EventKind.CALL
    if lemma in {"speak", "talk"} and _with_someone(token, prepositions=("with", "to")):
        return EventKind.MEETING  # "spoke with Erdogan", "talked to her": in person, unless a phone is named
    return None


def _sets_out_for_a_place(token: Token) -> bool:
    """ "left for Lima", "set off for Quito": "for" a place the tagger knows as one. (Any name would take in
    the cities it reads as organisations, and the organisations: "left for a rival party" is no trip.)"""
    return any(
        child.lower_ == "for" and any(g.dep_ == "pobj" and g.ent_type_ in {"GPE", "LOC"} for g in child.children)
        for child in token.children
    )


_TIMES = frozenset({"DATE", "TIME"})


def _a_name_of_someone(token: Token) -> bool:
    """A proper name that is no place, day or time: a person's, however the tagger read it."""
    return token.pos_ == "PROPN" and token.ent_type_ not in _PLACES | _TIMES


def _a_bilateral(token: Token) -> bool:
    """ "had a bilateral with X": the adjective standing for its meeting, with a determiner and no noun."""
    return (
        token.lower_ in {"bilateral", "bilaterals"}
        and token.dep_ in {"dobj", "pobj", "nsubj", "attr"}
        and any(c.dep_ == "det" for c in token.children)
    )


def _noun_kind(token: Token, lemma: str, lower: str) -> str | None:
    if lower in {"call", "calls"} and any(c.lower_ == "courtesy" for c in token.children):
        return EventKind.MEETING  # "paid a courtesy call on the king": in person
    if lemma in CALL_NOUNS or lower in {"call", "calls"}:
        if (
            lemma == "call"
            and not _by_phone(token)
            and not any(c.lower_ in {"phone", "video", "telephone"} for c in token.children)
        ):
            return None
        return EventKind.CALL
    if lemma == "summit" or lower == "summit":
        phrase = " ".join(t.lower_ for t in token.subtree) + " " + " ".join(t.lower_ for t in token.lefts)
        return EventKind.SUMMIT if any(key in phrase for key in MULTILATERAL) else EventKind.MEETING
    if lemma in MEETING_NOUNS or lower in MEETING_NOUNS:
        if any(c.dep_ in {"compound", "amod"} and c.lower_ in _PRESS for c in token.children):
            return None  # "their press conference", "a news conference": the press met, not the leaders with each other
        return EventKind.MEETING
    if lemma in VISIT_NOUNS:
        return EventKind.VISIT
    return None


_PLACES = frozenset({"GPE", "LOC", "NORP", "FAC"})
# Who can be met: people, and the bodies and countries they stand for.
_MET_ENTITIES = frozenset({"PERSON", "NORP", "GPE", "ORG"})
_MET_NOUNS = frozenset(
    (
        *("leader", "president", "counterpart", "minister", "premier", "chancellor", "delegation", "envoy"),
        *("official", "diplomat", "king", "queen", "prince", "pope", "head", "secretary", "ambassador"),
    )
)


def _meets(token: Token, lemma: str) -> bool:
    if lemma in MEETING_VERBS:
        return not _met_something_else(token)
    if lemma in HOSTING_VERBS and _hosts_someone(token):
        return True
    if lemma == "sign" and not _by_phone(token):
        # "X and Y signed a pact", "signed it with Y", "signed a pact with Y" (the parser may hang it on the pact)
        objects = [c for c in token.children if c.dep_ == "dobj"]
        return _together(token) or any(_with_someone(t) for t in (token, *objects))
    return lemma == "sit" and {c.lower_ for c in token.children} >= {"down", "with"}  # "sat down with …"


def _together(token: Token) -> bool:
    """Whether the verb's subject is two or more people joined by "and" ("she and the king signed"): what
    they did together they did in one place."""
    for subject in (c for c in token.children if c.dep_ == "nsubj"):
        # Names by their part of speech: the tagger takes some leaders' names for organisations'.
        joined = (subject, *subject.conjuncts)
        named = [t for t in joined if t.pos_ == "PROPN" and t.ent_type_ not in _PLACES]
        # "his counterpart", "the king": someone, whom the resolve stage names.
        others = [t for t in joined if t.pos_ == "PRON" or (t.pos_ == "NOUN" and t.lemma_.lower() in _MET_NOUNS)]
        if named and len(named) + len(others) >= 2:
            return True
    return False


def _met_something_else(token: Token) -> bool:
    """ "met its demands", "meet the deadline": an object that is no one is another sense of *meet*."""
    for child in token.children:
        if child.dep_ == "dobj":
            if _sets_off_a_place(token, child):
                return False  # "met in Lima, the capital, …": the parser took the place's apposition for an object
            someone = child.ent_type_ in _MET_ENTITIES or child.pos_ in {"PRON", "PROPN"}
            return not (someone or child.lemma_.lower() in _MET_NOUNS)
    return False


def _sets_off_a_place(verb: Token, obj: Token) -> bool:
    """Whether ``obj`` follows a comma that ends a place phrase of ``verb`` ("met in Lima, the capital")."""
    comma = any(c.dep_ == "punct" and c.text == "," and verb.i < c.i < obj.i for c in verb.children)
    place = any(c.dep_ == "prep" and c.lower_ in {"in", "at"} and c.i < obj.i for c in verb.children)
    return comma and place


def _hosts_someone(token: Token) -> bool:
    """ "X received Y" or "Y was received by X" is a meeting; "received a letter" is not."""
    for child in token.children:
        # "welcomed Ruto", "welcomed Kenya's President William Ruto" (the title heads the object)
        named = (
            child.ent_type_ == "PERSON"
            or _personal(child)
            or child.lemma_.lower() in _MET_NOUNS  # "hosted his Kenyan counterpart"
            or any(g.ent_type_ == "PERSON" and g.dep_ in {"appos", "compound"} for g in child.children)
        )
        if child.dep_ == "dobj" and named:
            return True
        # "was received by Olaf Scholz": the tagger takes some names for organisations'.
        if child.dep_ == "agent" and any(
            t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ not in _PLACES) for t in child.subtree
        ):
            return True
    return False


def _calls_on_someone(token: Token) -> bool:
    """ "called on the king" (a visit), not "called on the king to resign" (a request) nor by phone."""
    if _by_phone(token) or any(c.dep_ in {"xcomp", "ccomp"} for c in token.children):
        return False
    return any(
        c.lower_ == "on" and any(g.dep_ == "pobj" and (_a_name_of_someone(g) or _personal(g)) for g in c.children)
        for c in token.children
    )


def _calls_someone(token: Token) -> bool:
    """ "X called Y" is a call; "X called Y reckless" and "X called for Y" are not."""
    if _by_phone(token):
        return True
    children = list(token.children)
    if any(c.dep_ in {"oprd", "xcomp", "ccomp", "acomp"} for c in children):
        return False
    return any(c.dep_ == "dobj" and (c.ent_type_ in {"PERSON", "GPE", "NORP"} or _personal(c)) for c in children)


def _personal(token: Token) -> bool:
    """ "him", "her", "them": a person, whom the resolve stage names."""
    return token.lower_ in {"him", "her", "them"}


def _with_someone(token: Token, *, prepositions: tuple[str, ...] = ("with",)) -> bool:
    """ "spoke with Erdogan", "talked with his counterpart": *with* a person, not "with reporters"."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ == "PERSON" or obj.lemma_.lower() in _MET_NOUNS):
                    return True
    return False


def _by_phone(token: Token) -> bool:
    words = {t.lower_ for t in token.subtree} | {t.lower_ for t in token.children}
    return bool(words & {"phone", "telephone", "video", "videoconference", "virtually"})


def event_status(token: Token) -> str:
    """The status the words around ``token`` give the event it reports: cancelled, postponed, planned,
    expected or (the default for past and present tense) occurred."""
    cues = _cue_lemmas(token)
    if cues & CANCELLED:
        return EventStatus.CANCELLED
    if cues & POSTPONED:
        return EventStatus.POSTPONED
    if cues & EXPECTED:
        return EventStatus.EXPECTED
    if cues & PLANNED and {"had", "been"} <= cues:
        return EventStatus.POSTPONED  # "had been due to hold talks", "had been scheduled to": it did not go ahead
    if cues & FUTURE or cues & PLANNED or _arranged_with_be_to(token):
        return EventStatus.PLANNED
    return EventStatus.OCCURRED


def _arranged_with_be_to(token: Token) -> bool:
    """ "X was to travel on Wednesday", "the visit is to begin on Thursday": *be* with a *to*-infinitive
    says what was arranged, seen from before it happened."""
    head = token
    for _ in range(3):
        if head.lemma_ == "be" and any(_to_infinitive(child) for child in head.children if child.dep_ == "xcomp"):
            return True
        if head.head.i == head.i or head.dep_ not in {"xcomp", "nsubj", "nsubjpass", "dobj", "pobj", "prep"}:
            return False
        head = head.head
    return False


def plan_told_in_past(token: Token) -> bool:
    """Whether the event is told as a plan in the past tense, by the story's own voice: "was to fly on",
    "were due to meet", not "had been due" (postponed already) nor a past tense that only reports someone's
    words ("the ministry said he was to arrive": the plan, said then, may still hold)."""
    head, arranged = token, None
    for _ in range(4):
        lemma = head.lemma_.lower()
        if (lemma == "be" and any(_to_infinitive(c) for c in head.children if c.dep_ == "xcomp")) or lemma in _PLANS:
            arranged = head
            break
        if head.head.i == head.i or head.dep_ not in {"xcomp", "nsubj", "nsubjpass", "dobj", "pobj", "prep", "acomp"}:
            return False
        head = head.head
    if arranged is None:
        return False
    # "was due to": the tense is the copula's, the head of "due".
    copula = [arranged.head] if arranged.dep_ in {"acomp", "attr"} and arranged.head.lemma_ == "be" else []
    tensed = [arranged, *copula, *(c for t in (arranged, *copula) for c in t.children if c.dep_ in {"aux", "auxpass"})]
    if not any(t.tag_ == "VBD" for t in tensed) or any(t.lower_ in {"had", "been"} for t in tensed):
        return False
    return not any(a.lemma_.lower() in SPEECH_VERBS for a in arranged.ancestors)


# Words that state an arrangement: "was due to", "were scheduled to", "was set to".
_PLANS = frozenset({"due", "schedule", "scheduled", "set", "slate", "slated", "plan", "planned"})


def _to_infinitive(verb: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in verb.children)


# Verbs that ask someone to do something: what is asked for has not happened, and may never.
DIRECTIVES = frozenset({"urge", "press", "ask", "demand", "encourage", "exhort", "implore", "beg", "appeal", "call"})
# How far up the clauses a request reaches: "urged him to pull back and to enter talks".
_REQUEST_DEPTH = 6


def asked_for(token: Token) -> bool:
    """Whether the event ``token`` reports is what someone urged, asked or called on another to do ("urged
    the general to open talks with the rebels"): a request, no event of its own."""
    head, steps, infinitive = token, 0, False
    while head.head.i != head.i and steps < _REQUEST_DEPTH:
        if head.dep_ not in {"xcomp", "dobj", "pobj", "prep", "conj", "pcomp"}:
            return False
        # Asked *to* do it: "asked about the talks" is a question, not a request.
        infinitive = infinitive or head.dep_ == "xcomp"
        head, steps = head.head, steps + 1
        lemma = head.lemma_.lower()
        if infinitive and head.pos_ == "VERB" and lemma in DIRECTIVES and lemma != token.lemma_.lower():
            # "called on X to …" asks; "called X" is a call, which event_kind tells apart.
            return lemma != "call" or any(c.lower_ == "on" for c in head.children)
    return False


def _cue_lemmas(token: Token) -> set[str]:
    """Lemmas that modify the trigger: its auxiliaries and modifiers, and the verbs governing it up
    to the clause that states it ("is scheduled to meet", "canceling the trip", "an expected summit")."""
    cues: set[str] = set()
    for child in token.children:
        if child.dep_ in {"aux", "auxpass", "amod", "advmod", "neg", "compound", "nmod", "mark"}:
            cues.add(child.lemma_.lower())
            cues.add(child.lower_)
    head, steps = token, 0
    while head.head.i != head.i and steps < 3:
        if head.dep_ not in {
            "xcomp",
            "dobj",
            "pobj",
            "prep",
            "acl",
            "ccomp",
            "nsubjpass",
            "advcl",
            "pcomp",
            "conj",
            "attr",
            "nsubj",
            "acomp",
        }:
            break
        head, steps = head.head, steps + 1
        # The word as printed too: the tagger's lemma of a participle may be wrong ("slated" as "slat").
        cues |= {head.lemma_.lower(), head.lower_}
        # A verb with its particle or adverb, as one cue: "look forward".
        cues |= {f"{head.lemma_.lower()} {child.lower_}" for child in head.children if child.dep_ in {"prt", "advmod"}}
        if head.pos_ in {"VERB", "AUX"}:
            auxiliaries = [child for child in head.children if child.dep_ in {"aux", "auxpass", "neg"}]
            cues.update(word for child in auxiliaries for word in (child.lemma_.lower(), child.lower_))
            if head.dep_ not in {"xcomp", "ccomp", "conj"}:
                break
    if token.tag_ in {"VBD", "VBN"} and not cues & (FUTURE | EXPECTED | {"would"}):
        cues -= PLANNED - {"schedule"}
    return cues
