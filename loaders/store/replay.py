"""Storing articles' events again from what they reported, in the canonical order: the knowledge base's
events are what storing every article's reports in that order gives, whatever order they came in.

In: an open transaction (holding the writers' lock), the articles to store again, and a ``Reanalysis``
for the one step kept reports cannot give: an undated article that other articles' events date to days
it was never analysed by is prepared and analysed again by them. Out: their events, mentions and topic
links deleted and written again, article by article in ``ArticleReport.canonical_key`` order.

``rebuild_component`` stores again the articles whose reports share someone (or a summit's place) with
some articles' (and those whose rebuild is awaited), directly or through others: nothing outside them
can have merged with theirs.
``rebuild_all`` stores every article again (``readout db rebuild-events``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Article, Topic
from db.services import articles, reports, topics
from loaders.dating import PreparedArticle
from loaders.extract import ArticleExtraction, TopicMatcher
from loaders.read import RawArticle
from loaders.store.cache import StoreCache
from loaders.store.extraction import store_extraction
from loaders.store.reports import ArticleReports
from loaders.store.weekdays import may_share_a_day, names_days_by_weekday

__all__ = ["Reanalysis", "rebuild_all", "rebuild_component", "save_reports", "trial_days"]


@dataclass(frozen=True)
class Reanalysis:
    """What a rebuild needs of the stages before storing: ``prepare`` an article again, with the days of
    events other articles date (cheap, no spaCy), and ``analyse`` a prepared article (parsing it)."""

    prepare: Callable[[RawArticle, Sequence[tuple[date, str]]], PreparedArticle]
    analyse: Callable[[PreparedArticle], Awaitable[ArticleExtraction]]


async def save_reports(session: AsyncSession, article: Article, stored: ArticleReports) -> None:
    """Keep ``stored`` as what ``article`` reported (in place of what it had)."""
    await reports.save(
        session,
        article_id=article.id,
        canonical_key=stored.canonical_key(article.content_hash),
        links=stored.links(),
        document=stored.document(),
    )


async def _taxonomy(session: AsyncSession) -> dict[str, Topic]:
    definitions = [(d.slug, d.label, d.description) for d in TopicMatcher.load().definitions]
    return dict(await topics.ensure_taxonomy(session, definitions=definitions))


async def trial_days(
    session: AsyncSession, article: Article, extraction: ArticleExtraction, cache: StoreCache
) -> list[tuple[date, str]]:
    """Days of stored events that the undated ``article`` names by weekday in ``extraction`` (see
    ``loaders.store.shared_event_days``), found by storing it on trial in a savepoint rolled back."""
    if not names_days_by_weekday(extraction) or not await may_share_a_day(session, extraction=extraction, cache=cache):
        return []
    taxonomy = await _taxonomy(session)
    async with session.begin_nested() as savepoint:
        report = await store_extraction(
            session, article=article, extraction=extraction, taxonomy=taxonomy, cache=StoreCache()
        )
        await savepoint.rollback()
    await session.refresh(article)
    return report.shared_event_days


def _set_reference(article: Article, prepared: PreparedArticle | None) -> None:
    """The article dated as ``prepared`` dates it; None: undated (as on trial)."""
    fields = prepared.article_fields() if prepared is not None else {}
    article.reference_date = fields.get("reference_date")
    article.reference_date_precision = fields.get("reference_date_precision")
    article.reference_date_basis = fields.get("reference_date_basis")


async def _extraction(
    session: AsyncSession, article: Article, stored: ArticleReports, cache: StoreCache, reanalysis: Reanalysis
) -> ArticleExtraction:
    """What the article reports now, given the events stored before it: by its own date, or, when it has
    none that holds and names by weekday the day of a stored event, by that day. The kept analysis is
    used when the same days date it again; other days are analysed afresh and kept."""
    if not (stored.undated or (stored.tentative and names_days_by_weekday(stored.own, undated_only=False))):
        return stored.own
    probe = stored.own if stored.undated else (stored.probe or stored.own)
    _set_reference(article, None)
    days = await trial_days(session, article, probe, cache)
    redated = reanalysis.prepare(stored.raw, days) if days else None
    if redated is None or redated.reference.value is None:
        _set_reference(article, reanalysis.prepare(stored.raw, ()))
        return stored.own
    _set_reference(article, redated)
    if days != stored.days or stored.dated is None:
        stored.days, stored.dated = days, await reanalysis.analyse(redated)
        await save_reports(session, article, stored)
    return stored.dated


async def _backfill(session: AsyncSession, reanalysis: Reanalysis) -> None:
    """Reports for the articles stored before reports were kept, analysed again from their stored text."""
    for article_id in await reports.unreported_article_ids(session):
        article = await articles.get(session, article_id=article_id)
        assert article is not None  # listed under the writers' lock, in this transaction
        raw = RawArticle(
            source=article.source,
            text=article.raw_text,
            title=article.title,
            outlet=article.outlet,
            published=article.published,
            authors=tuple(article.authors),
            encoding=article.encoding or "utf-8",
        )
        prepared = reanalysis.prepare(raw, ())
        own = await reanalysis.analyse(prepared)
        await save_reports(session, article, ArticleReports.of(prepared, own=own))


async def _replay(session: AsyncSession, article_ids: Iterable[int], reanalysis: Reanalysis) -> None:
    """Delete what the articles' reports wrote and store them again, in canonical order."""
    ids = set(article_ids)
    await reports.clear_stored(session, article_ids=ids)
    number = await reports.generation(session) + 1
    rows = {article_id: key for article_id, key, _ in await reports.list_links(session) if article_id in ids}
    cache, taxonomy = StoreCache(), await _taxonomy(session)
    for article_id in sorted(rows, key=rows.__getitem__):
        article = await articles.get(session, article_id=article_id)
        row = await reports.get(session, article_id=article_id)
        # Listed under the writers' lock, in this transaction: both are there.
        assert article is not None
        assert row is not None
        stored = ArticleReports.from_document(row.document, article.raw_text)
        extraction = await _extraction(session, article, stored, cache, reanalysis)
        await store_extraction(session, article=article, extraction=extraction, taxonomy=taxonomy, cache=cache)
        cache.commit()
    await reports.mark_rebuilt(session, article_ids=ids, number=number)


def _component(article_ids: Iterable[int], rows: Sequence[tuple[int, str, list[str]]]) -> set[int]:
    """``article_ids`` and the articles linked to them through shared links, directly or through others."""
    by_link: dict[str, list[int]] = {}
    links = {row_id: row_links for row_id, _, row_links in rows}
    for row_id, row_links in links.items():
        for link in row_links:
            by_link.setdefault(link, []).append(row_id)
    found, frontier, seen_links = set(article_ids), list(article_ids), set[str]()
    while frontier:
        for link in set(links.get(frontier.pop(), ())) - seen_links:
            seen_links.add(link)
            fresh = [other for other in by_link[link] if other not in found]
            found.update(fresh)
            frontier += fresh
    return found


async def rebuild_component(session: AsyncSession, article_ids: Collection[int], reanalysis: Reanalysis) -> int:
    """Store again the events of ``article_ids``, of the articles whose events wait for a rebuild
    (``db.services.reports.mark_pending``), and of the articles whose reports are linked to theirs;
    returns how many articles were stored again."""
    await _backfill(session, reanalysis)
    seeds = {*article_ids, *await reports.pending_article_ids(session)}
    component = _component(seeds, await reports.list_links(session))
    await _replay(session, component, reanalysis)
    return len(component)


async def rebuild_all(session: AsyncSession, reanalysis: Reanalysis) -> int:
    """Store again the events of every article; returns how many articles were stored again."""
    await _backfill(session, reanalysis)
    ids = [article_id for article_id, _, _ in await reports.list_links(session)]
    await _replay(session, ids, reanalysis)
    return len(ids)
