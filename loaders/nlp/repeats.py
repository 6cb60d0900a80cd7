"""Repetition bounded before parsing: a story text in, the text spaCy parses out, with every copy of a
sentence after its first blanked (its characters made spaces, its line breaks kept), so the offsets
of what is found still point into the stored text and each sentence counts once for extraction.

A page that repeats one sentence thousands of times (a scraping fault, or an attack) would otherwise
be parsed, resolved and matched sentence by sentence: minutes of work and thousands of mentions and
evidence rows for what one sentence says. Only sentences of some length are blanked; a short one
("He declined to comment.") may well recur in a real story and mean something each time.

    >>> blank_repeats("Wang Yi met Antony Blinken in Beijing today. " * 3).strip()
    'Wang Yi met Antony Blinken in Beijing today.'
"""

from __future__ import annotations

from loaders.text import sentences

__all__ = ["MIN_REPEATED_CHARS", "blank_repeats"]

MIN_REPEATED_CHARS = 40


def blank_repeats(text: str) -> str:
    """``text`` with every repeat of a sentence of ``MIN_REPEATED_CHARS`` or more blanked."""
    seen: set[str] = set()
    blanked: list[tuple[int, int]] = []
    for start, end in _sentences_by_line(text):
        sentence = " ".join(text[start:end].split())
        if len(sentence) < MIN_REPEATED_CHARS:
            continue
        if sentence in seen:
            blanked.append((start, end))
        seen.add(sentence)
    if not blanked:
        return text
    pieces, last = [], 0
    for start, end in blanked:
        pieces += [text[last:start], "".join(c if c == "\n" else " " for c in text[start:end])]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _sentences_by_line(text: str) -> list[tuple[int, int]]:
    """Sentence spans of each line: a headline without a full stop is not part of the sentence after it."""
    spans, offset = [], 0
    for line in text.split("\n"):
        spans += [(offset + start, offset + end) for start, end in sentences(line)]
        offset += len(line) + 1
    return spans
