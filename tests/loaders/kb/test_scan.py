"""Known names and office phrases found in plain text."""

from __future__ import annotations

import re

import pytest

from loaders.kb import KnowledgeBase, find_offices
from loaders.kb.scan import word_trie, word_trie_pattern


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("the Foreign Minister of China said", ["Foreign Minister of China"], id="longest-phrase"),
        pytest.param("the foreign minister, Wang", ["foreign minister"], id="shorter-phrase"),
        pytest.param("U.S. Trade Representative Tai", ["U.S. Trade Representative"], id="punctuation-between-words"),
        pytest.param("a ministerial meeting", [], id="word-inside-a-word"),
    ],
)
def test_office_phrases_match_longest_first(text: str, expected: list[str]) -> None:
    phrases = ["foreign minister", "foreign minister of china", "minister", "u s trade representative"]
    pattern = re.compile(r"\b" + word_trie_pattern(word_trie(phrases)), re.IGNORECASE)
    assert [match.group() for match in pattern.finditer(text)] == expected


def test_offices_are_found_with_their_role() -> None:
    text = "Chinese Foreign Minister Wang Yi met U.S. Secretary of State Antony Blinken."
    found = find_offices(KnowledgeBase.load(), text)
    assert [(text[s:e], role) for s, e, role in found] == [
        ("Foreign Minister", "foreign-minister"),
        ("U.S. Secretary of State", "foreign-minister"),
    ]


def test_an_office_as_article_spinners_print_it_is_that_office() -> None:
    text = "Overseas Minister Penny Wong met him, an International Ministry spokeswoman said."
    roles = [role for *_, role in find_offices(KnowledgeBase.load(), text)]
    assert roles == ["foreign-minister", "spokesperson"]
