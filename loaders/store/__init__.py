"""Store: one prepared article and what was extracted from it in; rows written through the services of
``db`` out, in one transaction per article.

- ``store_article`` writes the article, its mentions, topics and events: each event candidate joins
  the stored event it reports (``loaders.merge``) or starts one, with its quote as evidence; meetings
  are placed inside the visits they happened during.
- ``shared_event_days`` stores an undated article on trial (rolled back) to find days of events
  that other articles date, which then date it.
- ``with_retries`` runs an article's transaction again while the database is out of reach, a
  bounded number of times.
- ``ArticleReports`` is what an article reported, kept beside it; an article that arrives before
  stored ones in their canonical order has the events of those linked to it stored again with it, and
  ``rebuild_events`` stores every article's again (``loaders.store.replay``, given a ``Reanalysis``).
- ``StoreCache`` is what one load knows to be stored, kept across its articles and rolled back
  with each article's transaction.

    >>> stored = await store_article(session_factory, article, reports, StoreCache(), reanalysis)  # doctest: +SKIP
    >>> stored.report.events_created  # doctest: +SKIP
    2
"""

from loaders.store.cache import StoreCache
from loaders.store.extraction import StoreLimits, store_extraction
from loaders.store.replay import Reanalysis
from loaders.store.reports import ArticleReports
from loaders.store.retry import RETRY_DELAYS, DatabaseUnavailableError, with_retries
from loaders.store.transaction import (
    STORE_ERRORS,
    Rebuilt,
    StoredArticle,
    error_summary,
    rebuild_events,
    rebuild_pending,
    shared_event_days,
    store_article,
)
from loaders.store.weekdays import may_share_a_day, names_days_by_weekday
from loaders.store.writer import StoreReport

__all__ = [
    "RETRY_DELAYS",
    "STORE_ERRORS",
    "ArticleReports",
    "DatabaseUnavailableError",
    "Reanalysis",
    "Rebuilt",
    "StoreCache",
    "StoreLimits",
    "StoreReport",
    "StoredArticle",
    "error_summary",
    "may_share_a_day",
    "names_days_by_weekday",
    "rebuild_events",
    "rebuild_pending",
    "shared_event_days",
    "store_article",
    "store_extraction",
    "with_retries",
]
