"""The store stage of one article: its extraction in, rows out, inside the caller's transaction.

Actors, venues and topics are fetched or created; each event candidate is merged into the stored
event it reports (``loaders.store.events``) or becomes a new one, with the sentence that supports it
as evidence. Then meetings are placed inside the visits they happened during, and an undated visit or
meeting takes the dates its children or its visit give (``loaders.store.nesting``).

Repetition is bounded: an article stores at most ``StoreLimits.mentions`` mentions and
``StoreLimits.event_reports`` event reports (so as many evidence rows), the most specific reports
first; what was cut is recorded on the article (``Article.capped``) and in the ``StoreReport``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Article, Topic
from db.services import events as event_service
from db.services import topics as topic_service
from loaders.extract import ArticleExtraction, EventCandidate
from loaders.store.cache import StoreCache
from loaders.store.events import store_event
from loaders.store.nesting import nest_and_date
from loaders.store.writer import ArticleWriter, StoreReport

__all__ = ["StoreLimits", "store_extraction"]

T = TypeVar("T")


@dataclass(frozen=True)
class StoreLimits:
    """The most rows of each kind one article may write. A news story names a few dozen people and
    reports a few events; a page that repeats itself, or an attack, would otherwise write thousands
    (and match each against the stored events while other writers wait for the lock)."""

    mentions: int = 1000
    event_reports: int = 200
    """Each report stores at most one evidence row: this bounds the article's evidence too."""


def _specificity(candidate: EventCandidate) -> int:
    return 2 * (candidate.venue is not None) + 2 * (candidate.dates is not None) + len(candidate.participants)


async def store_extraction(
    session: AsyncSession,
    *,
    article: Article,
    extraction: ArticleExtraction,
    taxonomy: Mapping[str, Topic],
    cache: StoreCache | None = None,
    limits: StoreLimits = StoreLimits(),
) -> StoreReport:
    """Write what was found in ``article``; the caller owns the transaction (and, with a ``cache``,
    calls ``cache.commit()`` or ``cache.discard()`` after it). What ``limits`` cut is recorded in the
    report and on ``article``."""
    writer = ArticleWriter(session, article, cache if cache is not None else StoreCache())
    writer.dateline_country = extraction.dateline_country
    writer.evidence = await event_service.list_evidence_offsets(session, article_id=article.id)
    named = [mention for mention in extraction.mentions if mention.named]
    await writer.store_mentions(_capped(writer.report, "mentions", named, limits.mentions))
    await topic_service.link_article(session, article_id=article.id, topics=extraction.topics, taxonomy=taxonomy)
    # The most specific reports first, so a vague one ("the talks") joins the event its own article
    # placed and dated rather than whichever stored event it happens to meet first.
    candidates = sorted(extraction.events, key=_specificity, reverse=True)
    for candidate in _capped(writer.report, "event_reports", candidates, limits.event_reports):
        await store_event(writer, candidate)
    await topic_service.link_events(session, topics_by_event=writer.event_topics, taxonomy=taxonomy)
    await nest_and_date(writer)
    article.capped = writer.report.capped or None
    return writer.report


def _capped(report: StoreReport, what: str, items: list[T], cap: int) -> list[T]:
    """The first ``cap`` of ``items``; when that cuts any, ``[found, kept]`` goes into ``report.capped``."""
    if len(items) > cap:
        report.capped[what] = [len(items), cap]
    return items[:cap]
