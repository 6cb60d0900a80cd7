"""The spinner table: spun words read as the words they stand for, by every stage that reads words."""

from __future__ import annotations

import pytest

from loaders.extract.topics import TopicMatcher
from loaders.text.spinner import SpinnerTable, spun_month, spun_phrases, unspun_lemma


@pytest.mark.parametrize(
    ("spun", "original"),
    [
        pytest.param("acquire", "receive", id="acquired-by-for-received-by"),
        pytest.param("satisfy", "meet", id="satisfy-for-meet"),
        pytest.param("travel", "travel", id="a-plain-word-stands-for-itself"),
    ],
)
def test_a_spun_lemma_reads_as_the_word_it_stands_for(spun: str, original: str) -> None:
    assert unspun_lemma(spun) == original


def test_a_spun_month_is_that_month_only_as_printed() -> None:
    assert (spun_month("Could"), spun_month("Might"), spun_month("could"), spun_month("June")) == (5, 5, None, None)


def test_a_phrase_has_its_spun_forms() -> None:
    assert set(spun_phrases("middle  East")) == {"center east", "centre east"}
    assert spun_phrases("Taiwan Strait") == ()


def test_topics_match_the_spun_forms_of_their_phrases() -> None:
    topics = TopicMatcher.load().topics_of("Officials discussed the Center East and local weather finance.")
    assert set(topics) == {"middle-east", "climate"}


def test_a_month_must_be_a_month() -> None:
    with pytest.raises(ValueError, match="no month"):
        SpinnerTable.from_data({"months": {"Shall": "Maybe"}})
