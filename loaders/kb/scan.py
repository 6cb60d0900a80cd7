"""The knowledge base's names and office phrases found in plain text, with regular expressions built
once per knowledge base: text in, ``(start, end, …)`` spans out. Shared by dating (who is named with
which office, hence when the story can be) and resolve (which spans name a known person).

    >>> [text[s:e] for s, e, _ in find_offices(kb, text := "Foreign Minister Wang Yi met …")]  # doctest: +SKIP
    ['Foreign Minister']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from loaders.kb.knowledge import KnowledgeBase
from loaders.kb.names import normalize_name
from loaders.text import SpinnerTable

__all__ = ["find_offices", "spelling_pattern", "word_trie", "word_trie_pattern"]


def find_offices(kb: KnowledgeBase, text: str) -> list[tuple[int, int, str]]:
    """Every office phrase in ``text`` ("Foreign Minister", "U.S. Trade Representative"): ``(start, end,
    role key)``, the longest phrase at each place, in text order."""
    pattern, roles = _office_pattern(kb)
    return [(m.start(), m.end(), roles[normalize_name(m.group())]) for m in pattern.finditer(text)]


@cache
def spelling_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    """One pattern for every spelling the knowledge base knows, longest first, built once."""
    spellings = sorted({s for person in kb.people for s in person.spellings}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in spellings) + r")\b")


@cache
def _office_pattern(kb: KnowledgeBase) -> tuple[re.Pattern[str], dict[str, str]]:
    """One case-insensitive pattern for every office phrase (punctuation and spacing free, since the
    phrases are normalised: "u s trade representative" matches "U.S. Trade Representative")."""
    roles: dict[str, str] = {}
    for phrase, role in kb.role_phrases():
        roles.setdefault(phrase, role)
    # What article spinners print for an office ("International Minister" for "Foreign Minister",
    # "overseas ministry envoy" for "foreign ministry envoy").
    for spun, original in SpinnerTable.load().phrases.items():
        words, spun_words = f" {normalize_name(original)} ", f" {normalize_name(spun)} "
        for phrase, role in list(roles.items()):
            if words in f" {phrase} ":
                roles.setdefault(f" {phrase} ".replace(words, spun_words).strip(), role)
    return re.compile(r"\b" + word_trie_pattern(word_trie(roles)), re.IGNORECASE), roles


_Trie = dict[str, "_Trie"]


def word_trie(phrases: Iterable[str]) -> _Trie:
    """Phrases as a tree of their words; the key "" marks where a phrase ends."""
    root: _Trie = {}
    for phrase in phrases:
        node = root
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = {}
    return root


def word_trie_pattern(node: _Trie) -> str:
    """A pattern matching the longest phrase of the tree, words apart by any non-word characters.
    A tree rather than one alternative per phrase: the regex engine then tries only the phrases that
    begin with the word in front of it, several times faster over the hundreds of office phrases."""
    alternatives = []
    for word in sorted((w for w in node if w), key=lambda w: (-len(w), w)):
        child = node[word]
        longer = [w for w in child if w]
        rest = rf"(?:\W+{word_trie_pattern(child)})" + ("?" if "" in child else "") if longer else ""
        alternatives.append(rf"{re.escape(word)}\b{rest}")
    return "(?:" + "|".join(alternatives) + ")"
