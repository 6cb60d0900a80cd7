"""A timetable's tenses: the present tense with a day of its own is a plan ("on Sunday she flies to
Lima"), and a plan's weekdays run forward ("on Thursday she meets the premier … on Saturday she flies
on": the Saturday after that Thursday).

In: a trigger with its date phrases, or a date resolved from the day of writing with the story's
narrative day. Out: the status, or the date, as the timetable reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Literal

from spacy.tokens import Span, Token

from db.enums import EventStatus
from loaders.dating import DateRange
from loaders.extract.clauses import governing_verbs
from loaders.extract.triggers import event_status

__all__ = ["on_the_itinerary", "timetable_status"]

DateResolver = Callable[[str, Literal["past", "future"]], DateRange | None]


def timetable_status(
    trigger: Token, phrases: Sequence[tuple[Span, str]], resolve_date: DateResolver, *, planning: bool
) -> str:
    """The event's status as its words tell it (``event_status``), and a timetable's present tense: "On
    Sunday she flies to Lima" is planned where the tense decides the day (a caption's "meets … on June 3,
    2023" names its day whatever the tense, and stays as told); with no day of its own, in a story
    telling a plan ("then she flies on to Quito"), the plan goes on."""
    status = event_status(trigger)
    if status != EventStatus.OCCURRED or not _scheduled_present(trigger):
        return status
    readings = [(resolve_date(words, "past"), resolve_date(words, "future")) for _, words in phrases]
    past, future = next((r for r in readings if r != (None, None)), (None, None))
    return EventStatus.PLANNED if past != future or (not phrases and planning) else status


# Adverbs that make a present tense a habit ("they meet every year") rather than a timetable.
_HABITUAL = frozenset({"regularly", "often", "usually", "frequently", "always", "never", "sometimes", "every", "each"})


def _scheduled_present(trigger: Token) -> bool:
    """Whether the clause stating the event is in the simple present ("flies", "heads on to") with no
    auxiliary and no habit: with a time of its own, news English uses it for what is timetabled."""
    verbs = [trigger] if trigger.pos_ == "VERB" else [trigger.doc[i] for i in governing_verbs(trigger)]
    if not verbs:
        return False
    for verb in verbs:
        if verb.pos_ != "VERB" or verb.tag_ not in {"VBZ", "VBP"}:
            return False
        if any(c.dep_ in {"aux", "auxpass", "neg"} for c in verb.children):
            return False
        if any(t.lower_ in _HABITUAL for t in verb.subtree):
            return False
    return True


_BARE_WEEKDAY = re.compile(
    r"^(?:on\s+)?(?:early\s+|late\s+|later\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)


def on_the_itinerary(dates: DateRange | None, narrative: DateRange | None, phrase: str) -> DateRange | None:
    """A day of a plan named by its weekday alone comes after the days the plan has told of so far: an
    itinerary runs forward ("on Thursday he meets the premier … on Saturday he flies on": the Saturday
    after that Thursday, not the one before it). ``dates`` as resolved from the day of writing."""
    if dates is None or narrative is None or not _BARE_WEEKDAY.match(phrase.strip()):
        return dates
    day, precision, last, _ = dates
    if precision != "day" or day != last or narrative[1] != "day" or day >= narrative[0]:
        return dates
    weeks = -(-(narrative[0] - day).days // 7)
    shifted = day + timedelta(days=7 * weeks)
    return shifted, "day", shifted, "day"
