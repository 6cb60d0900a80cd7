"""Dated entries: a paragraph that opens with a date and a dash or a colon ("12 May 2022 – the premier
flies to Oslo …", "March 3, 2024: talks resume") is an entry of a timeline, a chronology or a live
report, and its date is the day of what it tells; a paragraph stamped with a clock time alone ("16:30
IST") or with the hours since it ("2 hours ago") is an entry of a live report, of the day the report is
written.

In: a sentence of the parsed story. Out: the date its paragraph opens with, when that date carries its
year ("12 May 2022", "3–5 October 2019"), and a date resolver that reads the paragraph's relative
phrases ("on 14 May", "a day later") from that day rather than from the day of writing.

    >>> Paragraphs(doc).entry_date(sentence).dates  # doctest: +SKIP
    (datetime.date(2022, 5, 12), 'day', datetime.date(2022, 5, 12), 'day')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span

from loaders.dating import DateRange, ReferenceDate, resolve_date_phrase

__all__ = ["Entry", "Paragraphs", "entry_resolver"]

DateResolver = Callable[[str, Literal["past", "future"]], DateRange | None]

# A list bullet or a bold mark, the date, then a dash or a colon that sets it apart from the entry's text.
_OPENING = re.compile(r"[\W_]{0,3}(?P<date>[^\n]{4,40}?)(?:\s[–—-]|:)\s+\S")
_OPENING_REACH = 60  # characters: a bullet, a date of at most 40 and its dash
_UNKNOWN = ReferenceDate(None, None)


@dataclass(frozen=True)
class Entry:
    """The date a paragraph opens with, and its words as printed there."""

    dates: DateRange
    words: str


class Paragraphs:
    """Where the paragraphs of a document start, found once ("\\n\\n" apart), to ask of each sentence
    what its paragraph opens with, or what stands before it, in time proportional to the paragraph."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text
        self.starts = [0, *(match.end() for match in _BREAK.finditer(self.text))]

    def _index(self, sentence: Span) -> int:
        return bisect.bisect_right(self.starts, sentence.start_char) - 1

    def entry_date(self, sentence: Span) -> Entry | None:
        """The date the paragraph of ``sentence`` opens with, if it opens with one that carries its year."""
        start = self.starts[self._index(sentence)]
        opening = _OPENING.match(self.text, start, min(sentence.end_char, start + _OPENING_REACH))
        if opening is None:
            return None
        # Read without a day of writing: only a date that names its year is read at all.
        dates = resolve_date_phrase(opening.group("date"), _UNKNOWN)
        return Entry(dates, opening.group("date")) if dates is not None else None

    def stamped(self, sentence: Span) -> bool:
        """Whether the paragraph of ``sentence`` comes right after a clock time alone on its line: an entry
        of a live report, which tells what happens on the day the report is written."""
        index = self._index(sentence)
        if index == 0:
            return False
        before = self.text[self.starts[index - 1] : self.starts[index]]
        return len(before) <= _STAMP_REACH and bool(_STAMP.match(before.strip()))


# A clock time alone on its line, as live reports stamp their entries: "16:30 IST", "9.05am", "21:40 GMT";
# or the time since the entry, within the day, as pages shown live print it: "40 min ago", "3 hours ago".
_STAMP = re.compile(
    r"^(?:\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?"
    r"|(?:\d{1,2}|an?|one)\s*(?:m|mins?|minutes?|h|hrs?|hours?)\.?\s+ago|just now)$",
    re.IGNORECASE,
)
_STAMP_REACH = 24
_BREAK = re.compile(r"\n\n")


def entry_resolver(entry: Entry) -> DateResolver:
    """A resolver reading date phrases from the entry's first day ("on 14 May" after "12 May 2022"), the
    nearest such day whatever the tense: a timeline tells its past in the present."""
    reference = ReferenceDate(entry.dates[0], entry.dates[1])

    def resolve(expression: str, tense: Literal["past", "future"]) -> DateRange | None:
        del tense  # the entry's day, not the tense, says which 14 May
        return resolve_date_phrase(expression, reference)

    return resolve
