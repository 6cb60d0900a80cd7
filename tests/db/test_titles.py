"""An article's title for the APIs: its own, or the opening words of its story, or a plain word."""

from __future__ import annotations

from db.titles import MAX_CHARS, UNTITLED, article_title


def test_titles_made_of_nothing_or_short_or_long_openings() -> None:
    assert article_title("As printed", None) == "As printed"
    assert article_title(None, None) == UNTITLED
    assert article_title(None, " \n\n ") == UNTITLED
    assert article_title(None, "\nShort lead.\nSecond paragraph.") == "Short lead."
    long = article_title(None, "Ministers of the northern states met " + "again and again " * 10)
    assert long == "Ministers of the northern states met again and again again and again again and…"
    assert article_title(None, "x" * 100) == "x" * MAX_CHARS + "…"
