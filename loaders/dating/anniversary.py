"""The year a story was written in, from the span of years it counts to now.

"The 40th anniversary of the 1985 accord", "40 years since the 1985 accord" and "signed in 1985,
40 years ago" were all written in 2025. A story that counts to different years from different events
gives none (one of them is not counted to the time of writing), and so does a sentence that counts to
another year ("next year's 75th anniversary of the 1949 treaty").

    >>> anniversary_year("It marks the 30th anniversary of the 1994 visit.", ArticleMetadata())  # doctest: +SKIP
    (2024, '30th anniversary of the 1994')
"""

from __future__ import annotations

import re

from loaders.clean import ArticleMetadata
from loaders.dating.evidence import in_caption, sentence_at

__all__ = ["anniversary_year"]

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ORDINAL_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORDS = {word: n for n, word in enumerate(_UNITS, 1)} | {word: n for n, word in enumerate(_ORDINAL_UNITS, 1)}
_WORDS |= _TENS | {"ten": 10, "tenth": 10, "hundred": 100, "a hundred": 100, "one hundred": 100}
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
# "25", "five", "twenty-five", "twenty-fifth"; never the end of a longer compound ("-five" of "twenty-five").
_COUNT = rf"(?<![\w-])(?P<n>\d{{1,3}}|(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_UNITS + _ORDINAL_UNITS)})|{_WORD})"
_YEAR = r"(?P<year>(?:1[89]|20)\d{2})"
# "50th", "fifth"; AP style prints ordinals from 10th as figures.
_ORDINAL = rf"(?:(?<![\w-])(?P<figure>\d{{1,3}})(?:st|nd|rd|th)|{_COUNT})"
_FORMS = (
    re.compile(rf"\b{_ORDINAL}\s+anniversary\s+of\b[^.!?]{{0,160}}?\b{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_COUNT}\s+years\s+since\b[^.!?]{{0,120}}?\b{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_YEAR}\b[^.!?]{{0,60}}?\b{_COUNT}\s+years\s+ago\b", re.IGNORECASE),
)
_OTHER_YEAR = re.compile(r"\b(?:next|last|previous|coming|following) year(?:['’]s)?\b", re.IGNORECASE)


def anniversary_year(text: str, meta: ArticleMetadata) -> tuple[int, str] | None:
    """The year of writing the story's counts of years give, and the words of the first; None when it
    counts none, or counts to different years. Captions are left out (a photo may be older)."""
    found: dict[int, str] = {}
    for form in _FORMS:
        for match in form.finditer(text):
            _begin, sentence = sentence_at(text, match.start())
            if in_caption(meta, match.start()) or _OTHER_YEAR.search(sentence):
                continue
            found.setdefault(int(match.group("year")) + _count(match), " ".join(match.group(0).split()))
    return next(iter(found.items())) if len(found) == 1 else None


def _count(match: re.Match[str]) -> int:
    figure = match.groupdict().get("figure") or match.group("n")
    if figure.isdigit():
        return int(figure)
    return sum(_WORDS[part] for part in re.split(r"[-\s]", figure.lower()) if part != "a")
