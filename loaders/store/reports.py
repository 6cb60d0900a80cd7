"""What one article reported, as kept beside it: the analysis by its own evidence, the analysis with its
date set aside (for a tentatively dated one), and, when events other articles date gave it a date,
those days and the analysis by them. With these, its events can be stored again in any order without
spaCy, unless other days date it (``loaders.store.replay``).

    >>> reports = ArticleReports.of(article, own=extraction)  # doctest: +SKIP
    >>> reports.extraction is extraction, reports.canonical_key(article.content_hash)  # doctest: +SKIP
    (True, '002023-06-19…')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from loaders.dating import PreparedArticle
from loaders.extract import ArticleExtraction
from loaders.read import RawArticle
from loaders.store.codec import decode_extraction, encode_extraction

__all__ = ["ArticleReports"]

_VERSION = 1


def _raw_fields(raw: RawArticle) -> dict[str, Any]:
    return {
        "source": raw.source,
        "title": raw.title,
        "outlet": raw.outlet,
        "published": raw.published.isoformat() if raw.published else None,
        "authors": list(raw.authors),
        "modified": raw.modified.isoformat() if raw.modified else None,
        "origin": raw.origin,
        "encoding": raw.encoding,
        "url": raw.url,
        "declared_date": raw.declared_date,
    }


def _raw(fields: dict[str, Any], text: str) -> RawArticle:
    published, modified = fields["published"], fields["modified"]
    return RawArticle(
        source=fields["source"],
        text=text,
        title=fields["title"],
        outlet=fields["outlet"],
        published=date.fromisoformat(published) if published else None,
        authors=tuple(fields["authors"]),
        modified=date.fromisoformat(modified) if modified else None,
        origin=fields["origin"],
        encoding=fields["encoding"],
        url=fields["url"],
        declared_date=fields.get("declared_date"),
    )


@dataclass
class ArticleReports:
    """One article's analyses: ``own`` by the reference date its own evidence gives (``written``; None:
    undated; ``tentative``: an unlabelled page line alone gives it), ``probe`` with that date set aside (a tentatively
    dated article naming a weekday), and ``dated`` by the ``days`` of events other articles date."""

    raw: RawArticle
    written: date | None
    tentative: bool
    own: ArticleExtraction
    probe: ArticleExtraction | None = None
    days: list[tuple[date, str]] = field(default_factory=list)
    dated: ArticleExtraction | None = None

    @classmethod
    def of(
        cls, article: PreparedArticle, *, own: ArticleExtraction, probe: ArticleExtraction | None = None
    ) -> ArticleReports:
        """The reports of ``article`` (prepared by its own evidence alone), not dated by other articles."""
        reference = article.reference
        return cls(article.raw, reference.value, reference.tentative and reference.value is not None, own, probe)

    @property
    def undated(self) -> bool:
        return self.written is None

    def canonical_key(self, content_hash: str) -> str:
        """Where the article stands in the order reports are stored in, as a string that sorts so: those
        their own evidence dates first, by that date (the tentatively dated after them), then the
        undated; the content hash between equals. Dated reports come first, so that the undated can be
        dated by them."""
        day = self.written.isoformat() if self.written is not None else "9999-12-31"
        return f"{self.undated:d}{self.tentative:d}{day}{content_hash}"

    @property
    def extraction(self) -> ArticleExtraction:
        """What is stored: the analysis by the days other articles give, when they gave it a date."""
        return self.dated if self.dated is not None else self.own

    def links(self) -> set[str]:
        """What its reports can share with other articles': ``actor:slug`` of everyone taking part, and
        ``place:slug`` of a summit's place and the places containing it (a summit is found by its place)."""
        found: set[str] = set()
        for extraction in (self.own, self.probe, self.dated):
            for event in extraction.events if extraction is not None else ():
                found |= {f"actor:{slug}" for slug in (actor.slug for actor, _ in event.participants.values())}
                place = event.venue if event.kind == "summit" else None
                while place is not None:
                    found.add(f"place:{place.slug}")
                    place = place.parent
        return found

    def document(self) -> dict[str, Any]:
        """The reports as JSON (``from_document`` reads them back, given the article's raw text)."""
        return {
            "version": _VERSION,
            "raw": _raw_fields(self.raw),
            "written": self.written.isoformat() if self.written is not None else None,
            "tentative": self.tentative,
            "own": encode_extraction(self.own),
            "probe": encode_extraction(self.probe) if self.probe is not None else None,
            "days": [[day.isoformat(), why] for day, why in self.days],
            "dated": encode_extraction(self.dated) if self.dated is not None else None,
        }

    @classmethod
    def from_document(cls, document: dict[str, Any], raw_text: str) -> ArticleReports:
        if document.get("version") != _VERSION:
            raise ValueError(f"reports of version {document.get('version')!r}, not {_VERSION}")
        probe, dated = document["probe"], document["dated"]
        return cls(
            raw=_raw(document["raw"], raw_text),
            written=date.fromisoformat(document["written"]) if document["written"] else None,
            tentative=document["tentative"],
            own=decode_extraction(document["own"]),
            probe=decode_extraction(probe) if probe is not None else None,
            days=[(date.fromisoformat(day), why) for day, why in document["days"]],
            dated=decode_extraction(dated) if dated is not None else None,
        )
