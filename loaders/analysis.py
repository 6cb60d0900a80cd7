"""The per-article stages around spaCy: ``prepare`` (clean, metadata, reference date) before
annotation, and ``analyse`` (resolve actors, extract events, assign topics) after it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc

from db.services.articles import content_hash
from loaders.clean import CleanedText, clean_text
from loaders.events import DateRange, extract_events
from loaders.gazetteer import Gazetteer
from loaders.kb import KnowledgeBase
from loaders.metadata import ArticleMetadata, extract_metadata
from loaders.read import RawArticle
from loaders.reference_date import ReferenceDate, resolve_reference_date, resolve_relative_date
from loaders.resolve import resolve_actors
from loaders.store import ArticleExtraction
from loaders.topics import TopicMatcher

__all__ = ["PreparedArticle", "analyse", "prepare"]


@dataclass(frozen=True)
class PreparedArticle:
    """An article cleaned and dated, ready for annotation."""

    raw: RawArticle
    cleaned: CleanedText
    metadata: ArticleMetadata
    reference: ReferenceDate

    @property
    def text(self) -> str:
        return self.cleaned.text

    @property
    def content_hash(self) -> str:
        return content_hash(self.raw.text)

    def article_fields(self) -> dict[str, Any]:
        """Keyword arguments for ``db.services.articles.create``."""
        return {
            "source": self.raw.source,
            "raw_text": self.raw.text,
            "text": self.cleaned.text,
            "title": self.metadata.title,
            "outlet": self.metadata.outlet,
            "published": self.metadata.page_date,
            "authors": list(self.metadata.authors),
            "dateline": self.metadata.dateline,
            "reference_date": self.reference.value,
            "reference_date_basis": _jsonable(self.reference.basis),
        }


def _jsonable(value: object) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def prepare(raw: RawArticle) -> PreparedArticle:
    """Clean ``raw``, read its metadata and choose the date its relative expressions refer to."""
    cleaned = clean_text(raw.text)
    metadata = extract_metadata(
        raw.text,
        cleaned,
        declared_title=raw.title,
        declared_outlet=raw.outlet,
        declared_published=raw.published,
        declared_authors=raw.authors,
    )
    return PreparedArticle(raw, cleaned, metadata, resolve_reference_date(cleaned.text, metadata))


def analyse(article: PreparedArticle, doc: Doc) -> ArticleExtraction:
    """Actors, events and topics of one annotated article."""
    kb, gazetteer, matcher = KnowledgeBase.load(), Gazetteer.load(), TopicMatcher.load()
    mentions = resolve_actors(
        doc, kb, reference=article.reference.value, excluded_names=article.metadata.credited_names
    )

    def resolve_date(expression: str) -> DateRange | None:
        resolved = resolve_relative_date(expression, article.reference)
        if resolved is None:
            return None
        start, end, precision = resolved
        return start, precision, end, precision

    events = extract_events(doc, mentions, gazetteer=gazetteer, resolve_date=resolve_date)
    text = doc.text
    for event in events:
        following = text[event.quote_end : event.quote_end + 400].split(". ")[0]
        event.topics = matcher.topics_of(event.quote + " " + following)
    return ArticleExtraction(mentions=mentions, events=events, topics=matcher.topics_of(text))
