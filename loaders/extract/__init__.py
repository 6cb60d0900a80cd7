"""Extract: a parsed article, its resolved actors and its reference date in; event candidates and
topics out.

- ``extract_events`` reads each sentence for the words that report an event (``triggers``): its
  kind, who took part and in which role, where (``venues``), when (``loaders.dating``), whether it
  happened, and the sentence as the quote that supports it (``EventCandidate``).
- ``TopicMatcher`` finds the topics of readout's taxonomy that a text discusses, with the phrases.
- ``extract_article`` does both for one article and gives an ``ArticleExtraction``: everything
  found in it, as the store stage takes it.

    >>> events = extract_events(doc, mentions, gazetteer=Gazetteer.load(), resolve_date=resolve)  # doctest: +SKIP
"""

from loaders.extract.article import ArticleExtraction, extract_article
from loaders.extract.events import DateResolver, EventCandidate, extract_events
from loaders.extract.topics import TopicMatcher

__all__ = [
    "ArticleExtraction",
    "DateResolver",
    "EventCandidate",
    "TopicMatcher",
    "extract_article",
    "extract_events",
]
