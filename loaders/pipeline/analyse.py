"""The stages after spaCy for one article: its annotated document in, what it reports out, dated by
the events other articles date when it carries no date of its own that holds.

``analyse`` resolves the article's actors and extracts its events and topics; ``date_by_shared_events``
runs it, and when the article is undated (or dated only by an unlabelled page line) and names by
weekday an event stored articles date, dates it by that event and analyses it again. The CPU-bound
steps go through an ``Offload`` (inline for a load, a worker thread for the HTTP API), each inside the
article's ``TimeBudget``.

``reanalysis`` gives what a rebuild of events needs to analyse again an article that other days date
(``loaders.store.Reanalysis``): prepared again, parsed and analysed, through the same ``Offload``.

    >>> article, reports = await date_by_shared_events(session_factory, article, doc, cache)  # doctest: +SKIP
    >>> reports.extraction  # doctest: +SKIP
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Literal, ParamSpec, Protocol, TypeVar

from spacy.tokens import Doc
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loaders.dating import DateRange, PreparedArticle, resolve_date_phrase
from loaders.extract import ArticleExtraction, extract_article
from loaders.kb import KnowledgeBase
from loaders.nlp import annotate, blank_repeats
from loaders.pipeline.budget import TimeBudget
from loaders.pipeline.prepare import prepare
from loaders.read import RawArticle
from loaders.resolve import resolve_actors
from loaders.stages import stage
from loaders.store import ArticleReports, Reanalysis, StoreCache, names_days_by_weekday, shared_event_days

__all__ = ["WARM_UP", "Offload", "analyse", "date_by_shared_events", "reanalysis", "redate", "warm_up"]

P = ParamSpec("P")
T = TypeVar("T")


class Offload(Protocol):
    """Runs a CPU-bound step and gives its result: inline here, in a worker thread for the HTTP API."""

    def __call__(self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Awaitable[T]: ...


async def _inline(function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    return function(*args, **kwargs)


def analyse(article: PreparedArticle, doc: Doc) -> ArticleExtraction:
    """Actors, events and topics of one annotated article."""
    with stage("resolve"):
        mentions = resolve_actors(
            doc,
            KnowledgeBase.load(),
            reference=article.reference.value,
            excluded_names=(*article.metadata.authors, *article.metadata.credited_names),
        )

    # One article asks about the same phrases again (an event's date, its lead's, its story's day).
    @functools.cache
    def resolve_date(expression: str, tense: Literal["past", "future"]) -> DateRange | None:
        return resolve_date_phrase(expression, article.reference, tense=tense)

    with stage("extract"):
        return extract_article(
            doc,
            mentions,
            dateline=article.metadata.dateline,
            resolve_date=resolve_date,
            written_on=article.reference.value if article.reference.precision == "day" else None,
        )


WARM_UP = RawArticle(
    source="readout:warm-up",
    text="Talks resume\n\nThe two foreign ministers met in Geneva on Monday, March 4, 2024, to discuss trade.",
)
"""An article analysed once per process before any other (``warm_up``)."""


def warm_up(article: PreparedArticle, doc: Doc) -> None:
    """Analyse ``WARM_UP`` (``article``: it prepared; ``doc``: its text parsed), outside any budget: the
    knowledge base, gazetteer, topic and spinner tables are read on first use, and that must neither
    count against the first article's time budget nor be cut short by it."""
    analyse(article, doc)


def redate(
    article: PreparedArticle, doc: Doc, shared_events: Sequence[tuple[date, str]]
) -> tuple[PreparedArticle, ArticleExtraction] | None:
    """An undated article dated by ``shared_events`` (days of events it names by weekday that other
    articles date: ``loaders.store.shared_event_days``) and analysed again; None when they do not date it."""
    redated = prepare(article.raw, shared_events=shared_events)
    if redated.reference.value is None:
        return None
    return redated, analyse(redated, doc)


async def date_by_shared_events(
    session_factory: async_sessionmaker[AsyncSession],
    article: PreparedArticle,
    doc: Doc,
    cache: StoreCache,
    *,
    offload: Offload = _inline,
    budget: TimeBudget | None = None,
    before_reading_stored: Callable[[], Awaitable[None]] | None = None,
) -> tuple[PreparedArticle, ArticleReports]:
    """The article analysed: as dated for storing, and its reports (what is stored is
    ``reports.extraction``). One that is undated, or dated by an unlabelled page line alone (which may be
    the day the page was shown), and names by weekday an event that other articles date, is dated by
    that event first: the reason goes into its reference date's audit trail. ``offload`` runs the
    CPU-bound steps, each within ``budget`` (``AnalysisOverBudgetError`` once it is spent);
    ``before_reading_stored`` is awaited once they are done, before anything stored is read (a queue's
    worker waits there for the articles queued before this one to be stored)."""
    run = (budget or TimeBudget(None)).run
    extraction = await offload(run, analyse, article, doc)
    probe, probed = article, extraction
    if article.reference.tentative and names_days_by_weekday(extraction, undated_only=False):
        probe = article.undated()
        probed = await offload(run, analyse, probe, doc)
    if before_reading_stored is not None:
        await before_reading_stored()
    reports = ArticleReports.of(article, own=extraction, probe=probed if probe is not article else None)
    days = await shared_event_days(session_factory, probe, probed, cache)
    redated = await offload(run, redate, article, doc, days) if days else None
    if redated is None:
        return article, reports
    reports.days, reports.dated = list(days), redated[1]
    return redated[0], reports


def _parse_and_analyse(article: PreparedArticle) -> ArticleExtraction:
    (doc,) = annotate([blank_repeats(article.text)])
    return analyse(article, doc)


def reanalysis(offload: Offload = _inline) -> Reanalysis:
    """What a rebuild of events needs to analyse an article again (``loaders.store.Reanalysis``): spaCy
    parses it in this process, through ``offload`` (the HTTP API's analysis thread). Rare: only an
    article that arrives before others and that other days then date is parsed again."""

    async def parse_and_analyse(article: PreparedArticle) -> ArticleExtraction:
        return await offload(_parse_and_analyse, article)

    return Reanalysis(prepare=lambda raw, days: prepare(raw, shared_events=days), analyse=parse_and_analyse)
