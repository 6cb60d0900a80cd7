"""Dating: the cleaned story and its metadata in; when it was written, and what its date phrases mean, out.

- ``resolve_reference_date`` decides the day the story was written from all its evidence (dateline,
  publication date, captions, dated sentences of the lead, weekday names), or None rather than a
  guess; ``ReferenceDate.basis`` is the audit trail of what was used and rejected, and why.
- ``resolve_date_phrase`` turns a phrase ("on Sunday", "next month", "over the past six months")
  into the ``DateRange`` it names seen from that day (``resolve_relative_date`` gives the bare
  window of a relative phrase).
- ``PreparedArticle`` is what the stages before spaCy make of an article: raw, cleaned and dated.

Explicit dates as written ("June 18, 2023") are read by ``loaders.text``, which cleaning shares.

    >>> reference = resolve_reference_date(cleaned.text, metadata)  # doctest: +SKIP
    >>> resolve_date_phrase("on Sunday", reference, tense="past")  # doctest: +SKIP
    (datetime.date(2023, 6, 18), 'day', datetime.date(2023, 6, 18), 'day')
"""

from loaders.dating.article import PreparedArticle
from loaders.dating.phrases import resolve_date_phrase
from loaders.dating.ranges import DateRange, a_day_within, covered_days
from loaders.dating.reference import ReferenceDate, resolve_reference_date
from loaders.dating.relative import resolve_relative_date

__all__ = [
    "DateRange",
    "PreparedArticle",
    "ReferenceDate",
    "a_day_within",
    "covered_days",
    "resolve_date_phrase",
    "resolve_reference_date",
    "resolve_relative_date",
]
