"""Credits: the cut bylines, credit lines and author boxes of a page in, the people and outlet they name out.

    >>> from loaders.clean.story import RemovedSpan
    >>> credits = read_credits([RemovedSpan(0, 44, "credit", "Reporting by Jane Roe; Editing by John Doe")])
    >>> credits.authors, credits.names
    (['Jane Roe'], ['Jane Roe', 'John Doe'])

People who reported or wrote the story are its authors; editors, photographers and contributors are
only credited. Desk bylines ("By Admin", "Staff") are credited, never authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from loaders.clean import furniture as f
from loaders.clean.story import RemovedSpan
from loaders.text import words

__all__ = ["Credits", "is_person", "read_credits"]

# Roles in a credit line that make someone an author; the rest (editing, photos, additional
# reporting) are credited but did not write the story.
_AUTHOR_ROLES = frozenset({"reporting", "coverage", "writing", "written", "reported", "writing and reporting"})
# Bylines that name a desk or a role, not a person.
_BOILERPLATE = frozenset(
    (
        *("admin", "administrator", "staff", "editor", "editors", "editorial", "agencies", "agency"),
        *("correspondent", "newsroom", "team", "guest", "contributor", "desk", "webdesk", "web-desk"),
    )
)
# Credit boilerplate that names an outlet: "Our standards: The Thomson Reuters Trust Principles."
_OUTLET_ALIASES = {"thomson reuters": "Reuters"}
_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?:[-–]\s*\d{4}\s*)?(?P<owner>[A-Z][\w&.' ]{1,50})")
_LABELLED_CREDIT = re.compile(
    r"^(?P<label>editors?|edited by|reporters?|authors?|writers?|sources?|via)\s*:\s*(?P<rest>.+)$", re.IGNORECASE
)
_CONTRIBUTED = re.compile(r"^(?P<names>.+?)\s+contributed\b")
_TRAILING_NAME = re.compile(rf"{f.NAME}$")
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
# Where a reporter filed from, after the name in a byline: "Jane Roe in Lagos".
_FILED_FROM = re.compile(r"\s+in\s+[A-Z].*$")
_PLACE_TAIL = re.compile(r"\s+(?:in|from|at|for)\s+[A-Z].*$")


class Credits:
    """Names and outlet read from bylines, credit lines, photo credits and author boxes."""

    def __init__(self) -> None:
        self.authors: list[str] = []
        self.names: list[str] = []
        self.outlet: str | None = None

    @classmethod
    def read(cls, spans: Iterable[RemovedSpan]) -> Credits:
        """The credits in the "byline", "credit" and "author-bio" spans (other spans are ignored)."""
        credits = cls()
        for span in spans:
            text = " ".join(span.text.split())
            if span.reason == "byline":
                credits._byline(text)
            elif span.reason == "credit":
                credits._credit(text)
            elif span.reason == "author-bio":
                credits._author_box(text)
        return credits

    def _add(self, name: str, *, author: bool) -> None:
        if name not in self.names:
            self.names.append(name)
        if author and name not in self.authors:
            self.authors.append(name)

    def _byline(self, text: str) -> None:
        match = f.BYLINE.match(text) or f.BARE_BYLINE.match(text)
        if match is None:
            return
        for name in _SPLIT_NAMES.split(match.group("names")):
            cleaned = _person_case(f.tidy(_FILED_FROM.sub("", name)))
            if cleaned.lower() in _BOILERPLATE:
                self._add(cleaned, author=False)  # never an actor, never an author either
            elif is_person(cleaned):
                self._add(cleaned, author=True)
        rest = match.groupdict().get("rest")
        if rest and self.outlet is None and _is_outlet(rest):
            self.outlet = f.tidy(rest)

    def _credit(self, text: str) -> None:
        """Credit lines: roles ("Reporting by …"), labels ("Editor: …"), "… contributed", photo credits."""
        roles = list(f.CREDIT_ROLE.finditer(text))
        for i, role in enumerate(roles):
            chunk = text[role.end() : roles[i + 1].start() if i + 1 < len(roles) else len(text)]
            author = role.group("role").lower() in _AUTHOR_ROLES
            for name in _names(chunk):
                self._add(name, author=author)
        labelled = _LABELLED_CREDIT.match(text)
        contributed = _CONTRIBUTED.match(text)
        if labelled is not None:
            self._labelled(labelled.group("label").lower(), labelled.group("rest"))
        elif contributed is not None:
            for name in _names(contributed.group("names")):
                self._add(name, author=False)
        elif not roles:
            # A photo credit ("REUTERS/Lea Mellis/Pool", "AP Photo/Andy Wong", "Photo: Jane Doe/AFP").
            for part in re.split(r"[/:()]|\bvia\b", text):
                name = f.tidy(part)
                if is_person(name):
                    self._add(name, author=False)
        self._outlet_in_credit(text)

    def _labelled(self, label: str, rest: str) -> None:
        if label.startswith(("source", "via")):
            if self.outlet is None and f.is_masthead_like(f.tidy(rest)):
                self.outlet = f.tidy(rest)  # "Source: Xinhua"
            return
        for name in _names(rest):
            self._add(name, author=label.startswith(("author", "writer", "reporter")))

    def _outlet_in_credit(self, text: str) -> None:
        lowered = text.lower()
        for alias, outlet in _OUTLET_ALIASES.items():
            if alias in lowered and self.outlet is None:
                self.outlet = outlet
        owner = _COPYRIGHT.search(text)
        if owner is not None and self.outlet is None:
            self.outlet = f.tidy(owner.group("owner"))

    def _author_box(self, text: str) -> None:
        subject = f.bio_subject(text)
        if subject is not None:
            self._add(f.tidy(subject), author=True)
        elif is_person(f.tidy(text)):
            self._add(f.tidy(text), author=True)
        elif _is_outlet(text) and self.outlet is None:
            self.outlet = _OUTLET_ALIASES.get(f.tidy(text).lower(), f.tidy(text))


def _names(chunk: str) -> list[str]:
    """People in a credit's name list: "A in X, B and C in Y" gives A, B, C."""
    # The list ends at a sentence end ("… in Beijing. Additional reporting …" is cut before).
    chunk = re.split(r"\.\s+(?=[A-Z])", chunk)[0]
    found = []
    for part in _SPLIT_NAMES.split(chunk):
        # "Associated Press writer Ken Moe in Beijing": the name is the capitalised run before the place.
        trailing = _TRAILING_NAME.search(_PLACE_TAIL.sub("", part.strip()).rstrip(" .;:"))
        name = _person_case(f.tidy(trailing.group(0))) if trailing else ""
        if is_person(name):
            found.append(name)
    return found


def _person_case(name: str) -> str:
    """A name printed in capitals ("JANE ROE") in the case it is written in text ("Jane Roe")."""
    if not name.isupper():
        return name
    return " ".join("-".join(p.capitalize() for p in word.split("-")) for word in name.split())


def is_person(name: str) -> bool:
    """Two to five capitalised tokens that are not an outlet, a desk or an agency."""
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in name):
        return False
    if not re.fullmatch(f.NAME, name):
        return False
    lowered = {t.lower().strip(".") for t in tokens}
    return not (lowered & f.OUTLET_WORDS or lowered & _BOILERPLATE or re.fullmatch(f.AGENCIES, tokens[0]))


def _is_outlet(text: str) -> bool:
    cleaned = f.tidy(text)
    return bool(cleaned) and f.is_masthead_like(cleaned) and bool({w.lower() for w in words(cleaned)} & f.OUTLET_WORDS)


def read_credits(spans: Iterable[RemovedSpan]) -> Credits:
    """Authors, credited names and an outlet from the "byline", "credit" and "author-bio" spans."""
    return Credits.read(spans)
