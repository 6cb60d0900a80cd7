"""The audit trail of an article's reference date (``articles.reference_date_basis``), read into typed
values for both APIs.

The loaders write it as JSON::

    {"method": "publication date",
     "candidates": [{"kind": "caption-date", "date": "2023-03-21", "precision": "day",
                     "text": "Xi and Putin …, March 21, 2023", "verdict": "chosen",
                     "why": "the latest explicit date of the story"}]}

``method`` is the rule that decided; each candidate gives what it was read from (``kind``, an open
list of labels), the date it gives (the first day at its ``precision``, or both null), the words it was
read from, the verdict and why. The column is written by code this module does not control, so it is
read as untrusted input: ``read_basis`` never raises, and a trail it cannot read whole keeps its method
(or ``UNREADABLE_METHOD``) and no candidates, rather than a part of them that could mislead.

>>> read_basis({"method": "no usable evidence", "candidates": []})
ReferenceDateBasis(method='no usable evidence', candidates=())
>>> read_basis({"method": "publication date", "used": [], "rejected": []})  # the shape of older loaders
ReferenceDateBasis(method='publication date', candidates=())
>>> read_basis(None) is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

from db.enums import DateCandidateVerdict, DatePrecision

__all__ = ["UNREADABLE_METHOD", "DateCandidate", "ReferenceDateBasis", "read_basis"]

# The method answered for a stored trail that names none: not an object, or no text under "method".
UNREADABLE_METHOD = "unreadable audit trail"
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Lists rather than sets: a stored value may be unhashable (a list, an object), and `in` must still answer.
_VERDICTS = [verdict.value for verdict in DateCandidateVerdict]
_PRECISIONS = [precision.value for precision in DatePrecision]


@dataclass(frozen=True)
class DateCandidate:
    """One date the evidence offered: ``date`` is the first day at ``precision`` (both None when the
    evidence gave no date), ``text`` the words it was read from (may be empty)."""

    kind: str
    date: date | None
    precision: DatePrecision | None
    text: str
    verdict: DateCandidateVerdict
    why: str


@dataclass(frozen=True)
class ReferenceDateBasis:
    """The rule that decided the reference date, and every candidate with its verdict, in stored order."""

    method: str
    candidates: tuple[DateCandidate, ...]


def read_basis(stored: object) -> ReferenceDateBasis | None:
    """The audit trail held by ``stored`` (the column's decoded JSON): None when there is none, else
    its method and candidates; without candidates when any of them is malformed or they are not a list
    (which includes the older ``{"method", "used", "rejected"}`` shape)."""
    if stored is None:
        return None
    if not isinstance(stored, dict):
        return ReferenceDateBasis(UNREADABLE_METHOD, ())
    method = stored.get("method")
    method = method if _is_text(method) else UNREADABLE_METHOD
    entries = stored.get("candidates")
    if not isinstance(entries, list):
        return ReferenceDateBasis(method, ())
    candidates = [_candidate(entry) for entry in entries]
    readable = [candidate for candidate in candidates if candidate is not None]
    if len(readable) != len(candidates):
        return ReferenceDateBasis(method, ())
    return ReferenceDateBasis(method, tuple(readable))


def _candidate(entry: object) -> DateCandidate | None:
    """One stored candidate, or None when any field is missing or not what the shape says."""
    if not isinstance(entry, dict):
        return None
    kind, text, why = entry.get("kind"), entry.get("text"), entry.get("why")
    verdict, day, precision = entry.get("verdict"), entry.get("date"), entry.get("precision")
    if not (_is_text(kind) and _is_text(text) and _is_text(why)) or verdict not in _VERDICTS:
        return None
    if day is None and precision is None:
        return DateCandidate(kind, None, None, text, DateCandidateVerdict(verdict), why)
    dated = _partial_date(day, precision)
    if dated is None:
        return None
    return DateCandidate(kind, *dated, text, DateCandidateVerdict(verdict), why)


def _partial_date(day: object, precision: object) -> tuple[date, DatePrecision] | None:
    """The date and precision of an ISO day ``day`` that is the first day at ``precision``, else None."""
    if not isinstance(day, str) or not _ISO_DAY.fullmatch(day) or not isinstance(precision, str):
        return None
    if precision not in _PRECISIONS:
        return None
    try:
        value = date.fromisoformat(day)
    except ValueError:
        return None
    if precision == DatePrecision.MONTH and value.day != 1:
        return None
    if precision == DatePrecision.YEAR and (value.month, value.day) != (1, 1):
        return None
    return value, DatePrecision(precision)


def _is_text(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a string both APIs can send: JSON may hold lone surrogates, UTF-8 cannot."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
