"""Words and sentences of a page, and whether a piece of text reads as news prose.

Text in, facts about the text out. Every stage that judges text uses these: the reader (does an HTML
page hold an article at all?), cleaning (story or furniture?) and metadata.

    >>> words("Wang Yi met Antony Blinken on June 18.")
    ['Wang', 'Yi', 'met', 'Antony', 'Blinken', 'on', 'June']
    >>> is_prose("He declined to comment.")
    True
"""

from __future__ import annotations

import re

__all__ = ["is_prose", "sentences", "words"]

_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9@])")
_SHORT_SENTENCE = re.compile(r"[a-z)][.!?][\"”’']?$")


def words(text: str) -> list[str]:
    """The words of ``text`` (letters first; numbers are not words here)."""
    return _WORD.findall(text)


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, cut after ., ! or ? before a capital (good enough at page edges)."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end("close")))  # closing quotes belong to the sentence they close
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def is_prose(text: str) -> bool:
    """True for text that reads as news sentences: enough words, mostly lower case, ending like a sentence."""
    found = words(text)
    if not found:
        return False
    lower = sum(1 for w in found if w[0].islower()) / len(found)
    ends = text.rstrip()[-1] in ".!?\"”’'…)"
    if _SHORT_SENTENCE.search(text) and text[0].isupper() and len(found) >= 3 and lower >= 0.3:
        return True  # a short sentence: "He declined to comment."
    return (len(found) >= 6 and ends and lower >= 0.25) or (len(found) >= 25 and lower >= 0.35)
