"""The prepared article: what the stages before spaCy make of a ``RawArticle`` (its cleaning, its
metadata and its reference date), ready for annotation and storage."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from db.services.articles import content_hash
from loaders.clean import ArticleMetadata, CleanedText
from loaders.dating.reference import ReferenceDate
from loaders.read import RawArticle

__all__ = ["PreparedArticle"]


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

    def undated(self) -> PreparedArticle:
        """The article with its reference date set aside: what its events are when nothing dates them."""
        return replace(self, reference=ReferenceDate(None, None, {"method": "set aside"}))

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
            "published": self.reference.published,
            "authors": list(self.metadata.authors),
            "dateline": self.metadata.dateline,
            "reference_date": self.reference.value,
            "reference_date_precision": self.reference.precision,
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
