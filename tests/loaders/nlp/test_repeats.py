"""Repeats of a sentence are blanked before parsing, offsets kept; short sentences and first copies stay."""

from __future__ import annotations

from loaders.nlp import blank_repeats

SENTENCE = "Wang Yi met Antony Blinken in Beijing on Monday to discuss trade."


def test_every_copy_after_the_first_is_blanked_with_offsets_and_line_breaks_kept() -> None:
    text = f"Talks\n\n{SENTENCE} {SENTENCE}\n{SENTENCE} They agreed to meet again."
    blanked = blank_repeats(text)
    assert len(blanked) == len(text)
    assert blanked.count(SENTENCE) == 1
    assert blanked.index(SENTENCE) == text.index(SENTENCE)
    assert [i for i, c in enumerate(blanked) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
    assert blanked.endswith("They agreed to meet again.")


def test_short_sentences_may_recur_and_a_text_without_repeats_is_unchanged() -> None:
    text = "He declined to comment. Talks went on. He declined to comment."
    assert blank_repeats(text) == text
    assert blank_repeats(SENTENCE) == SENTENCE
