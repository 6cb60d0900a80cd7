"""When an event took place: the date expressions around a trigger word, nearest first, resolved
by the caller against the article's reference date. Nothing here guesses a date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Span, Token

from loaders.dating import DateRange
from loaders.extract.clauses import SPEECH_VERBS, in_another_clause
from loaders.extract.triggers import event_kind
from loaders.text import spun_month

__all__ = ["date_expressions", "event_dates"]


_DURATION = re.compile(
    r"^(?:about|almost|nearly|over|more than|some|for)?\s*(?:\d[\d.,/-]*|a|an|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|several|few|many)[\s-]+(?:\w+[\s-]+)?(?:hours?|minutes?|days?|weeks?|months?|years?)"
    r"(?:[\s-]+old|[\s-]+long)?$",
    re.IGNORECASE,
)


def date_expressions(
    sentence: Span, trigger: Token, region: set[int], entities: Sequence[Span]
) -> list[tuple[Span, str]]:
    """Date expressions in ``region`` that can date the event ``trigger`` reports, nearest first, each
    with the words to resolve. ``entities`` are the document's (``list(doc.ents)``, built once: ``Span.ents`` rebuilds
    them all on every call)."""
    own = {t.i for t in trigger.subtree}
    found: list[tuple[Span, str]] = []
    doc = sentence.doc
    ents = [e for e in entities if sentence.start <= e.start and e.end <= sentence.end]
    for number, ent in enumerate(ents):
        if not _names_a_day(ent) or _DURATION.match(ent.text.strip()) or ent.root.i not in region:
            continue
        governor = ent.root.head.head if ent.root.head.dep_ == "prep" else ent.root.head
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in {"since", "until", "till", "before", "after", "by", "from"} and not _a_span(ent, before):
            continue  # a bound of some other period, not the day of this event
        if before in {"every", "each"}:
            continue  # "every Sunday": a habit, no one day
        if before == "of" and _PERIOD_FRAME.match(ent.text):
            continue  # "her first trip of the year": the frame of a count, not the day of the trip
        if governor.i != trigger.i and governor.lemma_.lower() in SPEECH_VERBS:
            continue  # "Biden said Saturday he hoped to meet Xi": the day of the saying
        if in_another_clause(ent.root, trigger):
            continue  # "who took office in 2019", "since the war began in 2022": another event's date
        if _dates_another_thing(ent, trigger):
            continue  # "raised the 2019 flood", "the 1994 treaty": the date of that thing
        span = ent
        joined = ents[number + 1] if number + 1 < len(ents) else None
        lead = doc[max(ent.start - 2, 0) : ent.start].text.lower()
        if (
            joined is not None
            and joined.label_ == "DATE"
            and joined.start == ent.end + 1
            and doc[ent.end].lower_
            in {
                "and",
                "through",
                "to",
            }
        ):
            span = doc[ent.start : joined.end]  # "on Friday and Saturday": one two-day range, read whole
        elif lead in {"later in", "earlier in", "later on"}:
            span = doc[ent.start - 2 : ent.end]  # "later in the day" is a day; "the day" alone is not
        found.append((span, span.text))
    for token in sentence[1:]:
        next_token = token.nbor(1) if token.i + 1 < len(doc) else None
        # A spun month name ("flew to Lima in Could"): after "in", capitalised and not followed by a
        # verb, it can only be the month it stands for.
        month = spun_month(token.text) if token.nbor(-1).lower_ == "in" and token.i in region else None
        if month is not None and (next_token is None or next_token.pos_ not in {"VERB", "AUX"}):
            found.append((doc[token.i - 1 : token.i + 1], f"in {calendar.month_name[month]}"))
    return sorted(found, key=lambda item: (item[0].root.i not in own, abs(item[0].root.i - trigger.i)))


# "Of the year", "of the month": a period a count runs over ("the first visit of the year").
_PERIOD_FRAME = re.compile(r"^(?:the|this)\s+(?:year|month|week|decade|century|term)$", re.IGNORECASE)

# Times of day that name their day: "earlier in the day", "on Monday evening", "this morning".
_DAY_TIME = re.compile(r"\b(?:day|today|tonight|yesterday|tomorrow|morning|afternoon|evening|night)\b", re.IGNORECASE)


# How a date hangs on the noun it dates: "the 2019 flood", "the May 2 vote", "last year's election".
_NOUN_MODIFIERS = frozenset({"nummod", "compound", "nmod", "amod", "poss"})
_TIMES_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "noon", "midday", "dawn", "lunchtime"})


def _dates_another_thing(ent: Span, trigger: Token) -> bool:
    """Whether the date modifies a common noun that reports no event of ours ("the 2019 flood"): it dates
    that thing. A named forum keeps its year ("the 2023 Munich conference": when its meetings were)."""
    holder = ent.root.head
    return (
        ent.root.dep_ in _NOUN_MODIFIERS
        and holder.i != trigger.i
        and holder.pos_ == "NOUN"
        and holder.ent_type_ == ""  # "Monday evening", tagged as two: one time
        and holder.lower_ not in _TIMES_OF_DAY
        and event_kind(holder) is None
    )


_SPAN_JOINS = re.compile(r"\s(?:to|until|till|through|thru)\s|\d\s*[-–]\s*\d", re.IGNORECASE)


def _a_span(ent: Span, before: str) -> bool:
    """ "from June 3 to 5": both ends of the event's own span, which the tagger reads as one date."""
    return before == "from" and bool(_SPAN_JOINS.search(ent.text))


def _names_a_day(ent: Span) -> bool:
    """A DATE entity, or a TIME one that says which day ("earlier in the day"), not only an hour."""
    return ent.label_ == "DATE" or (ent.label_ == "TIME" and bool(_DAY_TIME.search(ent.text)))


def event_dates(
    expressions: Iterable[tuple[Span, str]], resolve_date: Callable[[str], DateRange | None]
) -> DateRange | None:
    """The date the nearest of ``date_expressions`` gives, resolved; None when they give none."""
    for _, words in expressions:
        resolved = resolve_date(words)
        if resolved is not None:
            return resolved
    return None
