"""Clean: a scraped page in; the story, what was cut around it, and what the page says about it out.

- ``clean_text`` strips page furniture (mastheads, bylines, share and newsletter prompts, ads, "See
  also" headlines, credits, author boxes) and keeps the story's paragraphs and photo captions; every
  cut is recorded against the raw text with its reason (``CleanedText.removed``, ``REASONS``).
- ``extract_metadata`` reads what was cut: title, outlet, dateline, page date, authors, the names
  that are only credits, and the captions with the dates they print (``ArticleMetadata``).

    >>> cleaned = clean_text(raw)  # doctest: +SKIP
    >>> meta = extract_metadata(raw, cleaned, declared_title=None)  # doctest: +SKIP
"""

from loaders.clean.metadata import ArticleMetadata, Caption, PageDate, extract_metadata
from loaders.clean.story import REASONS, CleanedText, RemovedSpan, clean_text

__all__ = [
    "REASONS",
    "ArticleMetadata",
    "Caption",
    "CleanedText",
    "PageDate",
    "RemovedSpan",
    "clean_text",
    "extract_metadata",
]
