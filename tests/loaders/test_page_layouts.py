"""The layout matrix: known stories in every date format at every place a page prints a date.

For every page the reference date is right (at some precision), or None with the reason in its audit
trail, never wrong; title, outlet and authors are right. The pass rate is reported at the end of the
test run ("measurements").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from db.dates import last_day
from loaders.dating import PreparedArticle
from loaders.pipeline import prepare
from loaders.read import RawArticle
from loaders.read.html import read_html
from loaders.read.json_lines import read_json_lines
from tests.loaders.page_layouts import FORMATS, POSITIONS, STORIES, Page, pages


def prepared(page: Page) -> PreparedArticle:
    if page.html:
        raw = read_html(f"{page.position}-{page.format}.html", page.raw.encode())
        assert isinstance(raw, RawArticle), raw
    elif page.json_lines:
        [raw] = read_json_lines(f"{page.position}-{page.format}.jsonl", page.raw)
        assert isinstance(raw, RawArticle), raw
    else:
        raw = RawArticle(source=f"{page.position}-{page.format}.txt", text=page.raw)
    return prepare(raw)


def verdict(page: Page, article: PreparedArticle) -> str:
    """ "exact", "coarse" (right at a coarser precision), "none" (with a reason) or "wrong"."""
    reference = article.reference
    if reference.value is None:
        return "none" if reference.basis.get("method") else "wrong"
    first, last = reference.value, last_day(reference.value, reference.precision or "day")
    if not first <= page.story.written <= last:
        return "wrong"
    return "exact" if reference.precision == "day" else "coarse"


def test_every_layout_is_dated_right_or_not_at_all(record_property: Callable[[str, object], None]) -> None:
    verdicts: Counter[str] = Counter()
    by_position: dict[str, Counter[str]] = {position: Counter() for position in POSITIONS}
    wrong: list[str] = []
    for page in pages():
        article = prepared(page)
        found = verdict(page, article)
        verdicts[found] += 1
        by_position[page.position][found] += 1
        meta, story = article.metadata, page.story
        if found == "wrong":
            wrong.append(f"{page.position}/{page.format}: {article.reference.value} for {story.written}")
        if (meta.title, (meta.outlet or "").lower(), meta.authors) != (
            story.title,
            story.outlet.lower(),
            story.authors,
        ):
            wrong.append(f"{page.position}/{page.format}: title, outlet, authors {meta.title!r}, {meta.outlet!r}, "
                         f"{meta.authors!r}")  # fmt: skip
    total = sum(verdicts.values())
    lines = [
        f"layout matrix: {total} pages ({len(STORIES)} stories, {len(FORMATS)} date formats, {len(POSITIONS)} "
        f"positions): {verdicts['exact']} dated to the day, {verdicts['coarse']} to the month or year, "
        f"{verdicts['none']} undated with a reason, {verdicts['wrong']} wrong",
        *(
            f"  {position}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
            for position, counts in by_position.items()
        ),
    ]
    record_property("measurement", "\n".join(lines))
    assert total >= 30 * 6
    assert not wrong, "\n".join(wrong)


def test_a_republished_page_keeps_the_story_date() -> None:
    story = STORIES[1]
    page = next(p for p in pages() if p.story is story and p.position == "caption" and p.format == "day-month-year")
    raw = "Tuesday 14 May 2024\n\n" + page.raw
    article = prepare(RawArticle(source="republished.txt", text=raw))
    assert article.reference.value == story.written
    assert article.reference.published is None or article.reference.published != date(2024, 5, 14)
