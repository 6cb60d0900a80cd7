"""Days a story tells relative to its own last day: "the next day", "the same day", "the day before",
"in the afternoon".

A story moves through its days: "Xi arrived in Moscow on Monday … The two leaders held formal talks the
next day." Such a phrase names no day by itself; it names one relative to the day the story was last
telling of, its narrative day (the last day an earlier event of the story was dated by its own words).
The tagger often misses these phrases ("the following day" is no DATE entity), so they are found by
their words, inside the event's clause window.

    >>> narrative_day(sentence, window, anchor=(date(2023, 3, 20), "day", date(2023, 3, 20), "day"))  # doctest: +SKIP
    (datetime.date(2023, 3, 21), 'day', datetime.date(2023, 3, 21), 'day')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import timedelta
from typing import Literal

from spacy.tokens import Span, Token

from loaders.dating import DateRange
from loaders.extract.clauses import in_another_clause, in_main_clause

__all__ = ["LEAD_SENTENCES", "days_named", "narrative_day"]

# How far into the story its lead reaches: the first sentences, where a news story says what happened when.
LEAD_SENTENCES = 3

_PART = r"(?:day|morning|afternoon|evening|night)"
_SHIFTS = (
    (re.compile(rf"\b(?:the\s+)?(?:following|next)\s+{_PART}\b|\ba\s+day\s+later\b", re.IGNORECASE), 1, False),
    (re.compile(rf"\b(?:later|earlier)\s+that\s+{_PART}\b|\bthat\s+(?:same\s+)?{_PART}\b", re.IGNORECASE), 0, False),
    # A part of the day with no day named: "in the afternoon", "later in the evening", "by nightfall".
    (
        re.compile(
            r"\b(?:later\s+|earlier\s+)?in\s+the\s+(?:morning|afternoon|evening)\b|\blater\s+in\s+the\s+day\b"
            r"|\bby\s+nightfall\b",
            re.IGNORECASE,
        ),
        0,
        True,
    ),
    # "The day began with a breakfast of the ministers": the day is the one the story is telling of.
    (re.compile(rf"\bthe\s+{_PART}\s+(?:opened|began|started|ended|closed|finished)\b", re.IGNORECASE), 0, False),
    (re.compile(rf"\bthe\s+same\s+{_PART}\b", re.IGNORECASE), 0, True),
    (re.compile(rf"\bthe\s+previous\s+{_PART}\b|\ba\s+day\s+earlier\b", re.IGNORECASE), -1, False),
    (re.compile(r"\bthe\s+(?:day|night)\s+before\b", re.IGNORECASE), -1, True),
)
# "the same day" and "the day before" count from the story's day where they stand alone ("The day before,
# Blinken had met Qin"; "met Sunak the same day."), not where what follows names another day ("the day
# before the summit", "on the same day a missile hit Kyiv", "the same day as the vote").
_ALONE_AFTER = re.compile(r"\s*(?:[,.;:)—–-]|$)")
_OPENING = re.compile(r"^\W*(?:(?:on|and|but|later|earlier)\s+)?$", re.IGNORECASE)
_ANOTHER_DAY = re.compile(r"\s+(?:as|that|when|the|a|an|his|her|their|its)\b", re.IGNORECASE)


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    after = text[match.end() :]
    if _ALONE_AFTER.match(after):
        return True
    return bool(_OPENING.match(text[: match.start()])) and not _ANOTHER_DAY.match(after)


def narrative_day(
    sentence: Span,
    window: Collection[int],
    anchor: DateRange | None,
    *,
    verbs: Collection[int] = (),
    trigger: Token | None = None,
) -> DateRange | None:
    """The day a phrase of ``sentence`` names relative to ``anchor``, the story's narrative day, where the
    phrase lies inside ``window`` (token indices) or hangs on one of ``verbs``, those that state the event
    ("A day later Xi held talks"), and not in a clause about something else than the event ``trigger``
    reports ("the envoy, who had landed the day before, joined the talks": the landing's day); None when
    there is no such phrase, or no single day to count from."""
    if anchor is None or anchor[1] != "day" or anchor[0] != anchor[2]:
        return None
    doc = sentence.doc
    for pattern, shift, only_alone in _SHIFTS:
        for match in pattern.finditer(sentence.text):
            if only_alone and not _stands_alone(sentence.text, match):
                continue
            span = doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end(), "expand")
            if span is None or (trigger is not None and in_another_clause(span.root, trigger)):
                continue
            if span.start in window or span.root.head.i in verbs:
                day = anchor[0] + timedelta(days=shift)
                return day, "day", day, "day"
    return None


DayResolver = Callable[[str, Literal["past", "future"]], DateRange | None]


def days_named(sentence: Span, resolve_date: DayResolver) -> set[DateRange]:
    """The single days the main clause of ``sentence`` names, read as past ("on Monday"); not those of
    its clauses about something else ("who took office on June 3")."""
    days = set()
    for ent in sentence.ents:
        if ent.label_ == "DATE" and in_main_clause(ent, sentence):
            resolved = resolve_date(ent.text, "past")
            if resolved is not None and resolved[1] == "day" and resolved[0] == resolved[2]:
                days.add(resolved)
    return days
