"""The prepared article: what the stages before spaCy make of a ``RawArticle`` (its cleaning, its
metadata and its reference date), ready for annotation and storage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from db.services.articles import content_hash
from loaders.clean import ArticleMetadata, CleanedText
from loaders.dating.reference import ReferenceDate
from loaders.read import RawArticle

__all__ = ["PreparedArticle"]

PUBLISHED_KINDS = frozenset({"declared", "published"})


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
            # A date in the page header may be the day the page was viewed or republished, not published.
            "published": self.metadata.page_date if self.metadata.page_date_kind in PUBLISHED_KINDS else None,
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
