"""The title the APIs give an article: its headline, or, for an article printed without one, the
opening words of its story, so that every article (a search hit, a source of an event) has a name to
show, and ``title`` is one non-null ``String!`` across GraphQL's ``search`` union and REST.

In: the stored title (or None) and the start of the text (``Article.opening``, read with the row only
when there is no title). Out: the title, or the first line of the text cut at a word boundary within
``MAX_CHARS``, with ``…`` when cut; ``UNTITLED`` when there are no words at all.

    >>> article_title(None, "Envoys from both sides met in Lisbon on Tuesday to settle the fishing quota dispute.")
    'Envoys from both sides met in Lisbon on Tuesday to settle the fishing quota…'
"""

from __future__ import annotations

__all__ = ["MAX_CHARS", "UNTITLED", "article_title"]

MAX_CHARS = 80
UNTITLED = "Untitled article"


def article_title(title: str | None, opening: str | None) -> str:
    """``title`` when the article has one, else a title made of the first words of ``opening``."""
    if title is not None:
        return title
    first_line = next((line for line in (opening or "").splitlines() if line.strip()), "")
    words = first_line.split()
    if not words:
        return UNTITLED
    whole = " ".join(words)
    if len(whole) <= MAX_CHARS:
        return whole
    cut = whole[: MAX_CHARS + 1].rsplit(" ", 1)[0] if " " in whole[:MAX_CHARS] else whole[:MAX_CHARS]
    return cut.rstrip(",;:–—-") + "…"
