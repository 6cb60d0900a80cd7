"""The resolve stage for actors: a parsed article in, the actors it names (with where) out.

General rules, in order of trust:
1. a full name or legitimate variant the knowledge base knows;
2. a full name next to an office ("Chinese Foreign Minister X") that is close to the name of whoever
   held that office on the article's date: machine rewriting garbles names, not offices;
3. a full name whose surname the knowledge base knows, when the sentence supports that person
   (words of their description or offices);
4. a short form ("Wang", "Mr. Qin") of someone named in full in the same article, or of the one
   office-holder of the time with that surname;
5. a bare office ("China's top diplomat") resolves to its holder, preferring one the article names;
6. any other full name becomes a new actor with what the text says of it.
Names that only appear as bylines or credits never become actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from db.services.actors import PositionSpec
from loaders.kb import Gazetteer, KnowledgeBase, Person, find_offices, normalize_name, spelling_pattern
from loaders.resolve.counterparts import counterparts
from loaders.resolve.mentions import ActorMention, ResolvedActor, slugify
from loaders.text import MONTHS, WEEKDAYS

__all__ = ["actor_from_person", "resolve_actors"]

HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "madam",
        "gen",
        "general",
        "adm",
        "admiral",
        "lt",
        "col",
        "president",
        "premier",
        "minister",
        "secretary",
        "senator",
        "sen",
        "rep",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "vice",
        "prime",
        "foreign",
        "chairman",
        "chief",
        "ambassador",
        "envoy",
    ]
)
_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.-]*$")
_WINDOW = 6  # tokens before a name in which an office counts as the name's title
# The word right after an office, on the same line: "Minister Hu'akavameiliku", not "Minister said".
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]+)")


@dataclass
class _NameSpan:
    start: int  # character offsets into the text
    end: int
    text: str
    sentence: Span
    token_start: int
    known_only: bool = False  # tagged as something else: a person only if the knowledge base says so


def actor_from_person(person: Person) -> ResolvedActor:
    """The actor of a knowledge-base person, with the offices to record."""
    positions = tuple(
        PositionSpec(title=p.title, country=p.country, start=p.start, end=p.end) for p in person.positions
    )
    return ResolvedActor(
        slug=slugify(person.name),
        kind="person",
        name=person.name,
        country=person.country,
        description=person.description,
        aliases=person.aliases,
        positions=positions,
        gender=person.gender,
    )


def resolve_actors(
    doc: Doc, kb: KnowledgeBase, *, reference: date | None, excluded_names: Iterable[str] = ()
) -> list[ActorMention]:
    """Every mention of a person, organisation or country in ``doc``, in text order."""
    return _Resolver(doc, kb, reference, {normalize_name(n) for n in excluded_names}).run()


class _Resolver:
    def __init__(self, doc: Doc, kb: KnowledgeBase, reference: date | None, excluded: set[str]) -> None:
        self.doc, self.kb, self.reference, self.excluded = doc, kb, reference, excluded
        self.text = doc.text  # Doc.text joins every token on each call
        # Token.sent walks the document on every call; one pass here keeps resolving linear.
        self.sentence_of = [sentence for sentence in doc.sents for _ in sentence]
        self.role_spans = self._find_role_phrases()
        # The name keys of each person named in full: of the name and of every spelling the text uses (a
        # garbled "Wang Yee" for Wang Yi), so that a surname alone ("Yee") is found as the text spells it.
        self.keys_of: dict[str, set[str]] = {}

    def run(self) -> list[ActorMention]:
        names = self._name_spans()
        people: dict[tuple[int, int], ResolvedActor] = {}
        for span in names:
            if len(span.text.split()) >= 2:
                actor = self._resolve_full_name(span)
                if actor is not None:
                    people[(span.start, span.end)] = actor
        _one_person_per_spelling(people, self.text)
        for (start, end), actor in people.items():
            self.keys_of.setdefault(actor.slug, _name_keys(actor.name)).update(_name_keys(self.text[start:end]))
        named_people = list(dict.fromkeys(people.values()))
        for span in names:
            if len(span.text.split()) == 1:
                actor = self._resolve_short_form(span.text, named_people, at=span.start)
                if actor is not None:
                    people[(span.start, span.end)] = actor
        named_people = list(dict.fromkeys(people.values()))
        mentions = [
            ActorMention(actor=actor, spelling=self.text[start:end], start=start, end=end)
            for (start, end), actor in people.items()
        ]
        offices = self._bare_offices(names, named_people)
        # "the Prime Minister … Modi": a person the article names by office is named by surname too.
        by_office = [m.actor for m in offices if m.actor.kind == "person" and m.actor not in named_people]
        mentions.extend(self._short_forms_missed_by_the_tagger([*named_people, *by_office], people))
        mentions.extend(offices)
        named_persons = [m for m in mentions if m.actor.kind == "person"]
        mentions.extend(self._pronouns(named_persons))
        mentions.extend(counterparts(self.doc, self.kb, self.reference, mentions, as_actor=actor_from_person))
        mentions.extend(self._groups(named_persons))
        mentions.extend(self._countries_and_organizations())
        return sorted(mentions, key=lambda m: (m.start, m.end))

    def _pronouns(self, people: list[ActorMention]) -> list[ActorMention]:
        """ "She sat down with …", "his trip": a personal pronoun that is a subject or a possessor refers,
        among the people whose gender the knowledge base does not contradict, to the person subject of a
        clause that holds its own ("while the king was in Rome, the premier flew to Oslo, where she
        met the mayor": the premier); failing that, to the person subject of its sentence named before it; failing
        that, to the nearest person named before it in the sentence ("Biden, who flew in from Seoul,
        where he had held talks"); failing that, to the person subject of the previous sentence, or the
        last person named there."""
        subjects: dict[int, ActorMention] = {}  # sentence start -> its last person subject
        by_sentence: dict[int, list[ActorMention]] = {}
        for mention in sorted(people, key=lambda m: m.start):
            span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            key = self.sentence_of[span.root.i].start
            if _spoken_to_or_speaking(span):
                continue  # "Maria, tell us more", "OKAFOR: She landed …": not who "she" is
            by_sentence.setdefault(key, []).append(mention)
            if span.root.dep_ in {"nsubj", "nsubjpass"}:
                subjects.setdefault(key, mention)
        found: list[ActorMention] = []
        previous: ActorMention | None = None
        earlier: list[ActorMention] = []  # people named, or referred to, in the sentence before
        for sentence in self.doc.sents:
            subject = subjects.get(sentence.start)
            named_here = by_sentence.get(sentence.start, [])
            for token in sentence:
                gender = _PRONOUN_GENDERS.get(token.lower_)
                if gender is None:
                    continue
                if token.lower_ in {"him", "her"} and token.dep_ in {"dobj", "pobj", "dative"}:
                    candidates = [m for m in [*earlier, *named_here, *found] if _agrees(m, gender)]
                    found.extend(self._object_pronoun(token, sentence, candidates))
                    continue
                if token.dep_ not in {"nsubj", "nsubjpass", "poss"}:
                    continue
                before = [
                    m
                    for m in [*named_here, *found]
                    if sentence.start_char <= m.start and m.end <= token.idx and _agrees(m, gender)
                ]
                here = subject if subject is not None and subject.end <= token.idx else None
                antecedent = _antecedent(token, gender, before, here, previous, earlier)
                if antecedent is not None:
                    end = token.idx + len(token.text)
                    found.append(ActorMention(antecedent.actor, token.text, token.idx, end, named=False))
            previous = subject or previous
            told_here = [m for m in found if sentence.start_char <= m.start < sentence.end_char]
            earlier = sorted([*named_here, *told_here], key=lambda m: m.start)
        return found

    def _object_pronoun(self, token: Token, sentence: Span, before: list[ActorMention]) -> list[ActorMention]:
        """ "The president hosted him", "had called her": the latest person named before it who is not
        the subject of its own clause (one does not host oneself)."""
        clause_subjects = {
            (t.idx, t.idx + len(t.text)) for t in token.head.subtree if t.dep_ in {"nsubj", "nsubjpass"}
        } | {(t.idx, t.idx + len(t.text)) for t in token.head.head.children if t.dep_ in {"nsubj", "nsubjpass"}}
        subject_actors = {
            m.actor
            for m in before
            if any(start <= m.start < end or m.start <= start < m.end for start, end in clause_subjects)
        }
        candidates = [m for m in before if m.end <= token.idx and m.actor not in subject_actors]
        if not candidates:
            return []
        antecedent = max(candidates, key=lambda m: m.start)
        return [ActorMention(antecedent.actor, token.text, token.idx, token.idx + len(token.text), named=False)]

    def _groups(self, people: list[ActorMention]) -> list[ActorMention]:
        """ "The two leaders held talks", "both men", "the three ministers": a group of a number of people
        refers to as many people named just before it, in the most recent sentence (this one up to the
        phrase, or one of the two before) that names exactly that many; else to no one. A group with no
        number ("the foreign ministers talked") refers to all the people of the most recent one naming two or more."""
        found: list[ActorMention] = []
        sentences = list(self.doc.sents)
        for number, sentence in enumerate(sentences):
            for token in sentence:
                size = _group_size(token)
                if size is None:
                    continue
                phrase = [t for t in token.subtree if t.i <= token.i]
                start, end = phrase[0].idx, token.idx + len(token.text)
                for window in (sentence, *reversed(sentences[max(0, number - 2) : number])):
                    named = [m for m in people if window.start_char <= m.start and m.end <= min(start, window.end_char)]
                    actors = list(dict.fromkeys(m.actor for m in named))
                    if size == ANY_NUMBER and len(actors) >= 2:
                        found += [ActorMention(a, self.text[start:end], start, end, named=False) for a in actors]
                        break
                    if size != ANY_NUMBER and len(actors) >= size:
                        if len(actors) == size:
                            found += [ActorMention(a, self.text[start:end], start, end, named=False) for a in actors]
                        break
        return found

    # Names -----------------------------------------------------------------------------------

    def _name_spans(self) -> list[_NameSpan]:
        found: list[_NameSpan] = []
        for ent in self.doc.ents:
            if ent.label_ == "ORG" and self._org_named_like_a_person(ent):
                found.append(
                    _NameSpan(ent.start_char, ent.end_char, ent.text, self.sentence_of[ent.start], ent.start, True)
                )
                continue
            if ent.label_ != "PERSON":
                continue
            tokens = list(ent)
            while tokens and (tokens[0].lower_.rstrip(".") in HONORIFICS or not tokens[0].is_alpha):
                tokens = tokens[1:]
            while tokens and (tokens[-1].lower_ in {"'s", "’s", "'", "’"} or tokens[-1].is_punct):
                tokens = tokens[:-1]
            if not tokens or not all(_NAME_TOKEN.match(t.text) and len(t) <= 30 for t in tokens):
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            text = self.text[start:end]
            if normalize_name(text) in self.excluded:
                continue
            found.append(_NameSpan(start, end, text, self.sentence_of[tokens[0].i], tokens[0].i))
        for match in spelling_pattern(self.kb).finditer(self.text):
            spelling = match.group()
            span = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and normalize_name(spelling) not in self.excluded:
                found.append(_NameSpan(match.start(), match.end(), spelling, self.sentence_of[span.start], span.start))
        found.extend(self._names_after_offices())
        found.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[_NameSpan] = []
        for name in found:
            if kept and name.start < kept[-1].end:
                continue
            kept.append(name)
        return kept

    def _names_after_offices(self) -> list[_NameSpan]:
        """Capitalised words right after an office ("Foreign Minister King Yi") name its holder, even
        where the tagger, thrown by a garbled name, did not see a person."""
        found = []
        for _, end, _ in self.role_spans:
            span = self.doc.char_span(end, end, alignment_mode="expand")
            start_token = self.doc[span.start] if span is not None and span.start < len(self.doc) else None
            if start_token is None:
                continue
            tokens = []
            for token in self.doc[start_token.i : start_token.i + 3]:
                if token.idx < end or not _NAME_TOKEN.match(token.text) or not token.is_alpha or len(token) > 30:
                    break  # a run-on token ("GangToldReportersIn…") is no part of a name
                tokens.append(token)
            if len(tokens) >= 2 and tokens[0].ent_type_ not in {"GPE", "NORP", "ORG"}:
                start, stop = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                text = self.text[start:stop]
                if normalize_name(text) not in self.excluded:
                    found.append(_NameSpan(start, stop, text, self.sentence_of[tokens[0].i], tokens[0].i))
        return found

    def _resolve_full_name(self, span: _NameSpan) -> ResolvedActor | None:
        person = self.kb.person_by_name(span.text)
        if person is not None:
            return actor_from_person(person)
        if self.kb.country_by_name(span.text) or self.kb.organization_by_name(span.text):
            return None
        role, country = self._office_before(span)
        if role is not None:
            holder = self._closest_holder(span.text, role, country)
            if holder is not None:
                return actor_from_person(holder)
        by_context = self._surname_supported_by_context(span)
        if by_context is not None:
            return actor_from_person(by_context)
        if span.known_only or self._quoted(span) or self._place_gone_to(span):
            return None  # a name in quotation marks is a title ("Hello Lagos", a rally), not someone unknown
        return ResolvedActor(
            slug=f"person-{slugify(span.text)}",
            kind="person",
            name=span.text,
            country=country,
            description=self._office_text_before(span),
            known=False,
        )

    def _place_gone_to(self, span: _NameSpan) -> bool:
        """Whether a name the tagger took for a person is a place the gazetteer knows, named where a place
        is ("landed in Santiago", "a trip to Accra")."""
        name = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if name is None or name.root.dep_ != "pobj" or name.root.head.lower_ not in {"to", "in", "at", "from"}:
            return False
        place = Gazetteer.load().lookup(span.text)
        return place is not None and place.kind in {"city", "country"}

    def _quoted(self, span: _NameSpan) -> bool:
        """Whether the name is the whole of a quotation ('"Hello Lagos" drew a crowd')."""
        opened = span.start > 0 and self.text[span.start - 1] in _OPENING_QUOTES
        return opened and span.end < len(self.text) and self.text[span.end] in _CLOSING_QUOTES

    def _org_named_like_a_person(self, ent: Span) -> bool:
        """ "Microsoft co-founder Invoice Gates": a garbled given name can make the tagger see an
        organisation. Two capitalised words ending in a surname the knowledge base knows are worth a look."""
        words = ent.text.split()
        return (
            len(words) == 2
            and all(word.isalpha() and word[0].isupper() for word in words)
            and bool(self.kb.people_by_surname(normalize_name(words[-1])))
            and self.kb.organization_by_name(ent.text) is None
        )

    def _resolve_short_form(self, token: str, named_people: list[ResolvedActor], *, at: int) -> ResolvedActor | None:
        key = normalize_name(token)
        matches = [a for a in named_people if key in self._keys(a)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            return None
        candidates = self.kb.people_by_surname(key)
        if self.reference is not None:
            candidates = tuple(p for p in candidates if p.positions_on(self.reference))
        office = next((role for _, end, role in self.role_spans if 0 <= at - end <= 2), None)
        if office is not None and len(candidates) > 1:
            # "President Xi": of the people called Xi, the one who held that office.
            holders = {person.name for person in self.kb.holders(office)}
            candidates = tuple(p for p in candidates if p.name in holders)
        return actor_from_person(candidates[0]) if len(candidates) == 1 else None

    def _short_forms_missed_by_the_tagger(
        self, named_people: list[ResolvedActor], found: dict[tuple[int, int], ResolvedActor]
    ) -> list[ActorMention]:
        keys = {key: actor for actor in named_people for key in self._keys(actor)}
        covered = [range(start, end) for start, end in found]
        extra: list[ActorMention] = []
        for token in self.doc:
            actor = keys.get(token.lower_) if token.is_title else None
            if actor is None or any(token.idx in r for r in covered):
                continue
            ambiguous = sum(1 for a in named_people if token.lower_ in self._keys(a)) > 1
            if not ambiguous:
                extra.append(ActorMention(actor, token.text, token.idx, token.idx + len(token.text)))
        return extra

    def _keys(self, actor: ResolvedActor) -> set[str]:
        return self.keys_of.get(actor.slug) or _name_keys(actor.name)

    # Offices ---------------------------------------------------------------------------------

    def _find_role_phrases(self) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        spans.extend(find_offices(self.kb, self.text))
        return spans

    def _office_before(self, span: _NameSpan) -> tuple[str | None, str | None]:
        sentence_start = span.sentence.start_char
        window_start = max(sentence_start, self.doc[max(span.token_start - _WINDOW, 0)].idx)
        roles = [(s, e, r) for s, e, r in self.role_spans if window_start <= s and e <= span.start]
        after = self.text[span.end : span.end + 80]
        if not roles and after.startswith(","):
            roles = [(s, e, r) for s, e, r in self.role_spans if span.end < s < span.end + 60]
        if not roles:
            return None, self._country_near(window_start, span.start)
        start, _, role = roles[-1]
        return role, self._country_near(max(sentence_start, start - 30), start + 1) or self._country_near(
            span.end, span.end + 60
        )

    def _office_text_before(self, span: _NameSpan) -> str | None:
        role, _ = self._office_before(span)
        return role.replace("-", " ") if role else None

    def _country_near(self, start: int, end: int) -> str | None:
        for match in re.finditer(r"[A-Z][\w.]*(?:[’']s)?", self.text[start:end]):
            word = re.sub(r"[’']s$", "", match.group())
            country = self.kb.country_by_name(word)
            if country is not None:
                return country.code
        return None

    def _closest_holder(self, name: str, role: str, country: str | None) -> Person | None:
        candidates = self.kb.holders(role, country=country, on=self.reference) if self.reference else ()
        if not candidates:
            candidates = self.kb.holders(role, country=country)
        scored = []
        tokens = set(normalize_name(name).split())
        for person in candidates:
            best = max(fuzz.ratio(normalize_name(name), normalize_name(s)) for s in person.spellings)
            shares_token = any(tokens & set(normalize_name(s).split()) for s in person.spellings)
            if shares_token or best >= 70:
                scored.append((shares_token, best, person))
        if not scored:
            return None
        scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return scored[0][2]

    def _surname_supported_by_context(self, span: _NameSpan) -> Person | None:
        surname = normalize_name(span.text).split()[-1]
        context = {t.lower_ for t in span.sentence if t.is_alpha and len(t) > 3} - {surname}
        supported = []
        for person in self.kb.people_by_surname(surname):
            about = " ".join([person.description or "", *(p.title for p in person.positions)]).lower()
            if context & set(re.findall(r"[a-z]{4,}", about)):
                supported.append(person)
        return supported[0] if len(supported) == 1 else None

    def _bare_offices(self, names: list[_NameSpan], named_people: list[ResolvedActor]) -> list[ActorMention]:
        mentions: list[ActorMention] = []
        for start, end, role in self.role_spans:
            if any(abs(n.start - end) <= 3 or 0 <= start - n.end <= 4 for n in names):
                continue
            if self._titles_a_name(end):
                continue  # "Prime Minister Tuilaepa Sailele": the title of a name the tagger missed
            country = self._country_near(max(0, start - 30), start)
            holders = self.kb.holders(role, country=country, on=self.reference) if self.reference else ()
            holders = holders or self.kb.holders(role, country=country)
            named_slugs = {a.slug for a in named_people}
            preferred = [p for p in holders if slugify(p.name) in named_slugs]
            pick = preferred if preferred else (list(holders) if self.reference else [])
            if len(pick) == 1:
                actor = actor_from_person(pick[0])
                mentions.append(ActorMention(actor, self.text[start:end], start, end, named=False))
        return mentions

    def _titles_a_name(self, end: int) -> bool:
        """Whether an office ending at ``end`` stands right before a capitalised word that is no weekday,
        month or place: the start of its holder's name, however the tagger read it."""
        following = _NEXT_WORD.match(self.text, end)
        if following is None:
            return False
        word = following.group(1)
        calendar_word = word.lower() in MONTHS or word.lower() in WEEKDAYS
        return not calendar_word and Gazetteer.load().lookup(word) is None

    # Countries and organisations -------------------------------------------------------------

    def _countries_and_organizations(self) -> list[ActorMention]:
        mentions: list[ActorMention] = []
        for ent in self.doc.ents:
            text = re.sub(r"[’']s$", "", ent.text).strip()
            if ent.label_ in {"GPE", "NORP"}:
                text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)  # "the United States"
                country = self.kb.country_by_name(text)
                if country is not None:
                    actor = ResolvedActor(
                        slug=f"country-{country.code.lower()}", kind="country", name=country.name, country=country.code
                    )
                    mentions.append(ActorMention(actor, ent.text, ent.start_char, ent.end_char))
            elif ent.label_ == "ORG":
                organization = self.kb.organization_by_name(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))
                if organization is not None:
                    actor = ResolvedActor(
                        slug=slugify(organization.name),
                        kind="organization",
                        name=organization.name,
                        country=organization.country,
                        description=organization.description,
                        aliases=organization.aliases,
                    )
                    mentions.append(ActorMention(actor, ent.text, ent.start_char, ent.end_char))
        return mentions


_GROUP_NOUNS = frozenset(
    (
        *("leader", "president", "man", "woman", "minister", "premier", "chancellor", "counterpart"),
        *("diplomat", "envoy", "head", "statesman", "monarch", "king", "official", "adviser", "secretary"),
    )
)
_GROUP_NUMBERS = {"two": 2, "three": 3, "four": 4, "both": 2}
ANY_NUMBER = 0  # a group of as many as the sentence before names ("the leaders"), two at least


_OPENING_QUOTES = frozenset("\"“‘'«")
_CLOSING_QUOTES = frozenset("\"”’'»")
# The gender a third-person pronoun refers to a person of.
_PRONOUN_GENDERS = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}


def _agrees(mention: ActorMention, gender: str) -> bool:
    """Whether the person can be called by a pronoun of ``gender``: unknown genders agree with both."""
    return mention.actor.gender in {None, gender}


def _spoken_to_or_speaking(span: Span) -> bool:
    """Whether a name is the person spoken to, first in its sentence and set off by a comma before an
    imperative or in a question ("Maria, tell us more"), or a speaker's label in a transcript
    ("[00:04:10] OKAFOR: She landed …"): neither is who a third-person pronoun after it means."""
    doc = span.doc
    following = doc[span.end].text if span.end < len(doc) else ""
    opening = all(t.is_punct or t.like_num for t in doc[span.sent.start : span.start])
    if following == ":" and opening:
        return True
    if following != "," or span.start != span.sent.start:
        return False
    rest = doc[span.end + 1 : span.sent.end]
    # The tagger often reads an imperative as a past tense ("set"): a verb in its base form will do.
    imperative = len(rest) > 0 and rest[0].pos_ == "VERB" and (rest[0].tag_ == "VB" or rest[0].lower_ == rest[0].lemma_)
    return imperative or span.sent.text.rstrip().endswith("?")


def _antecedent(  # noqa: PLR0917 - the candidates of one pronoun, in the order they are tried
    pronoun: Token,
    gender: str,
    before: list[ActorMention],
    subject: ActorMention | None,
    previous: ActorMention | None,
    earlier: list[ActorMention],
) -> ActorMention | None:
    """Who ``pronoun`` refers to: the subject of a clause above it, this sentence's ``subject`` named
    before it, the nearest person ``before`` it, the ``previous`` sentence's subject, or the last person
    named there (``earlier``); each only when the gender fits."""
    if (governing := _governing_subject(pronoun, before)) is not None:
        return governing
    if subject is not None and _agrees(subject, gender):
        return subject
    if before:
        return max(before, key=lambda m: m.start)
    fitting = [m for m in [*earlier, *([previous] if previous else [])] if _agrees(m, gender)]
    return previous if previous in fitting else fitting[-1] if fitting else None


def _governing_subject(pronoun: Token, before: list[ActorMention]) -> ActorMention | None:
    """The person named as the subject of the nearest clause above ``pronoun`` that has one, among the
    mentions ``before`` it; None when no clause above it has a person subject."""
    head = pronoun
    while head.head.i != head.i:
        joined = head.dep_ == "conj"
        head = head.head
        if joined:
            continue  # "since Biden took office and his trip comes …": the first clause's subject is not above
        for child in head.children:
            if child.dep_ not in {"nsubj", "nsubjpass"} or child.i == pronoun.i:
                continue
            start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
            inside = [m for m in before if start <= m.start and m.end <= end]
            if inside:
                return min(inside, key=lambda m: m.start)
    return None


def _one_person_per_spelling(people: dict[tuple[int, int], ResolvedActor], text: str) -> None:
    """A spelling the article once resolves to a known person (a garbled name after its office: "Foreign
    Minister Wang Yee" is whoever held that office then) means that person wherever else it stands
    without an office, rather than an unknown person of that name."""
    known: dict[str, ResolvedActor] = {}
    for (start, end), actor in people.items():
        if actor.known:
            known.setdefault(text[start:end], actor)
    for key, actor in people.items():
        if not actor.known and (same := known.get(text[key[0] : key[1]])) is not None:
            people[key] = same


def _group_size(token: Token) -> int | None:
    """How many people ``token`` names when it heads "the two leaders", "both men", or is "the two"."""
    if token.lemma_.lower() in _GROUP_NOUNS and token.tag_ in {"NNS", "NNPS"}:
        sizes = [
            _GROUP_NUMBERS[c.lower_]
            for c in token.children
            if c.dep_ in {"nummod", "det", "predet"} and c.lower_ in _GROUP_NUMBERS
        ]
        if sizes:
            return sizes[0]
        # "The prime ministers met …": as many as were just named, when the phrase is the clause's subject.
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
        return ANY_NUMBER if definite and token.dep_ in {"nsubj", "nsubjpass"} else None
    if token.lower_ in {"two", "both"} and token.dep_ in {"nsubj", "nsubjpass"}:
        return 2  # "the two held talks", "both said"
    return None


def _name_keys(name: str) -> set[str]:
    """The tokens a person may be called by alone: the surname, and the family name of names
    written family-first (Chinese, Korean, Vietnamese), which is the first token."""
    tokens = normalize_name(name).split()
    return {tokens[-1], tokens[0]} if len(tokens) >= 2 else set(tokens)
