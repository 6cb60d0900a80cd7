"""Extract: a parsed article, its resolved actors and its reference date in; event candidates and
topics out.

- ``extract_events`` reads each sentence for the words that report an event (``triggers``): its
  kind, who took part and in which role, where (``venues``), when (``loaders.dating``), whether it
  happened, and the sentence as the quote that supports it (``EventCandidate``).
- ``TopicMatcher`` finds the topics of readout's taxonomy that a text discusses, with the phrases.
- ``ArticleExtraction`` is everything found in one article, as the store stage takes it.

    >>> events = extract_events(doc, mentions, gazetteer=Gazetteer.load(), resolve_date=resolve)  # doctest: +SKIP
"""

from loaders.extract.article import ArticleExtraction, place_arrivals_at_the_dateline
from loaders.extract.events import EventCandidate, extract_events
from loaders.extract.topics import TopicMatcher

__all__ = [
    "ArticleExtraction",
    "EventCandidate",
    "TopicMatcher",
    "extract_events",
    "place_arrivals_at_the_dateline",
]
