"""The stages before spaCy, for one article and for a batch: inputs in, prepared articles out.

``prepare`` cleans one article, reads its metadata and chooses its reference date, or refuses it with
one line (``ArticleRefusedError``: no story, a story too long for spaCy). ``prepare_batch`` does it
for a batch of read inputs, leaving out those stored already (by content hash, whichever writer
stored them) and turning every failure into one ``InputError``; its articles come in the order they
are stored in (``storing_order``). ``readout load`` and ``readout load --queue`` share it.

Preparing is text work in Python over the whole input, and a hostile one (hundreds of thousands of
characters in one line, thousands of date phrases) takes seconds of it: so each article is prepared
within the per-article time budget (``TimeBudget``), as it is then parsed and analysed within it, and
one over it fails with one line.

    >>> batch = await prepare_batch(session_factory, items)  # doctest: +SKIP
    >>> len(batch.articles), batch.stored, batch.failed
    (30, 2, [])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.services import articles
from loaders.clean import clean_text, extract_metadata
from loaders.dating import PreparedArticle, resolve_reference_date
from loaders.pipeline.budget import AnalysisOverBudgetError, TimeBudget
from loaders.read import InputError, RawArticle
from loaders.stages import stage
from loaders.store import RETRY_DELAYS, error_summary, with_retries

__all__ = ["MAX_PARSED_CHARS", "ArticleRefusedError", "PreparedBatch", "prepare", "prepare_batch", "storing_order"]

# spaCy's own limit on one text (``Language.max_length``, error E088); its parser and entity
# recogniser need memory in proportion. No news story comes near it: a longer text is refused.
MAX_PARSED_CHARS = 1_000_000


class ArticleRefusedError(ValueError):
    """An input that reads as text but holds no article that can be analysed; the message says why."""


def prepare(raw: RawArticle, *, shared_events: Sequence[tuple[date, str]] = ()) -> PreparedArticle:
    """Clean ``raw``, read its metadata and choose the date its relative expressions refer to
    (``shared_events``: see ``resolve_reference_date``)."""
    with stage("clean"):
        cleaned = clean_text(raw.text)
        if not cleaned.text.strip():
            raise ArticleRefusedError("no story found: the text is all headline, bylines and other page furniture")
        if len(cleaned.text) > MAX_PARSED_CHARS:
            raise ArticleRefusedError(
                f"the story is {len(cleaned.text):,} characters, over the {MAX_PARSED_CHARS:,} analysed at once"
            )
        metadata = extract_metadata(
            raw.text,
            cleaned,
            declared_title=raw.title,
            declared_outlet=raw.outlet,
            declared_authors=raw.authors,
        )
    with stage("dating"):
        reference = resolve_reference_date(raw, cleaned.text, metadata, shared_events=shared_events)
    return PreparedArticle(raw, cleaned, metadata, reference)


def storing_order(article: PreparedArticle) -> tuple[bool, bool, date, str]:
    """The key a batch of prepared articles is stored in the order of: the canonical order of their
    reports (``loaders.store.ArticleReports.canonical_key``), in which an article that comes last is
    stored without storing others again. Articles that carry their own date first, by that date, so an
    undated one can be dated by the events it shares with them (see
    ``loaders.pipeline.date_by_shared_events``); those dated only tentatively last but one; the content
    hash between equals. The job queue queues a batch in this order too, so its workers store what a
    load stores in the order it stores it."""
    value = article.reference.value
    return value is None, value is not None and article.reference.tentative, value or date.max, article.content_hash


@dataclass
class PreparedBatch:
    """A batch of inputs, prepared: the new articles in storing order, how many inputs were stored
    already, and one error per input that failed."""

    articles: list[PreparedArticle] = field(default_factory=list)
    stored: int = 0
    failed: list[InputError] = field(default_factory=list)


async def prepare_batch(
    session_factory: async_sessionmaker[AsyncSession],
    batch: Sequence[RawArticle | InputError],
    *,
    retry_delays: Sequence[float] = RETRY_DELAYS,
    budget_seconds: float | None = None,
) -> PreparedBatch:
    """The batch's new articles, cleaned and dated; inputs that failed or are stored are counted. The
    stored hashes are read again after each of ``retry_delays`` while the database is out of reach.
    Each article may take ``budget_seconds`` to prepare (None: no limit); one over it fails."""
    prepared = PreparedBatch()
    hashes = [articles.content_hash(item.text) if isinstance(item, RawArticle) else None for item in batch]

    async def read_stored() -> set[str]:
        async with session_factory() as session:
            return await articles.stored_hashes(session, content_hashes=[h for h in hashes if h is not None])

    stored = await with_retries(read_stored, delays=retry_delays)
    for item, content_hash in zip(batch, hashes, strict=True):
        if isinstance(item, InputError):
            prepared.failed.append(item)
        elif content_hash in stored:
            prepared.stored += 1
        else:
            try:
                prepared.articles.append(TimeBudget(budget_seconds, work="preparation").run(prepare, item))
            except (ArticleRefusedError, AnalysisOverBudgetError) as exc:
                prepared.failed.append(InputError(item.source, str(exc)))
            except Exception as exc:  # one odd input must not stop the others: it is reported, the rest go on
                prepared.failed.append(InputError(item.source, f"could not be cleaned: {error_summary(exc)}"))
    prepared.articles.sort(key=storing_order)
    return prepared
