"""HTML pages, read with trafilatura offline: the main text becomes the article's text, and the
page's title, site name, dates and authors become its declared metadata.

The dates come from what the page declares about itself (``<meta property="article:published_time">``,
JSON-LD ``datePublished`` and ``dateModified``, ``<time datetime>``), read by htmldate (and schema.org
microdata on any element, which it misses): the original
publication date and, apart from it, the date of the last change. Nothing is guessed here from the
URL (kept as ``url``) or the text, which later stages read for themselves."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

from loaders.read.article import InputError, RawArticle
from loaders.read.declared_dates import read_declared_date
from loaders.text import is_prose

__all__ = ["read_html"]


def read_html(source: str, data: bytes) -> RawArticle | InputError:
    """The main text of an HTML page and its metadata; trafilatura decodes by the page's own charset."""
    if b"\x00" in data[:8192]:
        return InputError(source, "binary file (NUL bytes), not HTML")
    if not data.strip():
        return InputError(source, "file is empty")
    # Imported for the first page: a load of text files, such as a reload, never pays for them.
    import trafilatura  # noqa: PLC0415 - see above
    from trafilatura.settings import Document  # noqa: PLC0415 - see above

    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        # The dates are read below, published apart from modified.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # Without an article, trafilatura falls back to whatever text there is (a menu, a footer): a page
    # counts as an article only when some line of it reads as a sentence.
    text = document.text if isinstance(document, Document) else None
    if not isinstance(document, Document) or not text or not any(is_prose(line) for line in text.splitlines()):
        return InputError(source, "no article text found in the HTML page")
    outlet = _clean_field(document.sitename)
    published, modified = _declared_date(data, original=True), _declared_date(data, original=False)
    return RawArticle(
        source=source,
        text=text,
        title=_strip_site_name(_clean_field(document.title), outlet),
        outlet=outlet,
        published=published,
        modified=modified if modified != published else None,
        origin="html",
        # trafilatura joins several authors with "; ".
        authors=tuple(a.strip() for a in (document.author or "").split(";") if a.strip()),
        url=_clean_field(document.url),
    )


def _clean_field(value: str | None) -> str | None:
    cleaned = " ".join((value or "").split())
    return cleaned or None


def _strip_site_name(title: str | None, outlet: str | None) -> str | None:
    """The title without a trailing "| Outlet" (or "- Outlet") when the outlet is the page's site name."""
    if title is None or outlet is None:
        return title
    for separator in (" | ", " - ", " – ", " — ", " :: "):
        suffix = separator + outlet
        if title.lower().endswith(suffix.lower()) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def _declared_date(data: bytes, *, original: bool) -> date | None:
    """The page's first publication date (``original``) or the latest date it declares, from its
    metadata and markup only (``extensive_search=False``: no guessing from URLs or free text)."""
    import htmldate  # noqa: PLC0415 - imported for the first page, as trafilatura

    if not original and (declared := _microdata_date(data, original=False)) is not None:
        return declared  # the change the page declares, before the latest date htmldate finds
    found = htmldate.find_date(data, extensive_search=False, original_date=original)
    try:
        return date.fromisoformat(found[:10]) if found else _microdata_date(data, original=original)
    except ValueError:
        return None


def _microdata_date(data: bytes, *, original: bool) -> date | None:
    """A schema.org microdata date htmldate does not read: ``itemprop="datePublished"`` (or
    ``dateModified``) on any element, its value in ``content`` or ``datetime``."""
    finder = _Microdata("datePublished" if original else "dateModified")
    finder.feed(data.decode("utf-8", errors="replace"))
    finder.close()
    return next((day for value in finder.values if (day := read_declared_date("itemprop", value).value)), None)


class _Microdata(HTMLParser):
    """The ``content`` or ``datetime`` values of the elements that carry one ``itemprop``."""

    def __init__(self, prop: str) -> None:
        super().__init__()
        self.prop = prop
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("itemprop") == self.prop:
            self.values += [v for v in (found.get("content"), found.get("datetime")) if v]
