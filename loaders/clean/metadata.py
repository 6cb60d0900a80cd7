"""Metadata: the raw page and its cleaning in, title, outlet, dateline, page date, authors and captions out.

Everything is read from what cleaning cut (``CleanedText.removed``: title, masthead, page dates,
dateline, bylines, credits, author boxes) and from the captions it kept. Declared metadata (JSON
Lines fields, HTML metadata) wins over anything guessed from the text, except dates: every date the
page prints is kept as a ``PageDate`` with where it stands and its label, and dating weighs them all
against the declared ones.

    >>> from loaders.clean import clean_text
    >>> raw = "Talks resume | Daily Wire\\n\\nVIENNA (Reuters) — Envoys met on Monday, diplomats said.\\n\\n"
    >>> raw += "Reporting by Jane Roe; Editing by John Doe"
    >>> meta = extract_metadata(raw, clean_text(raw))
    >>> meta.title, meta.outlet, meta.dateline, meta.authors, meta.credited_names
    ('Talks resume', 'Daily Wire', 'Vienna', ('Jane Roe',), ('Jane Roe', 'John Doe'))

Names found only in bylines, credits and author boxes are listed in ``credited_names`` so later
stages never turn the people who wrote, edited or photographed a story into its actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from loaders.clean import furniture as f
from loaders.clean.credits import read_credits
from loaders.clean.story import CleanedText, RemovedSpan
from loaders.text import FoundDate, find_dates, read_date_line, words

__all__ = ["MAX_TITLE_CHARS", "ArticleMetadata", "Caption", "PageDate", "bounded_title", "extract_metadata"]

MAX_TITLE_CHARS = 300
"""A title is a line: longer declared or guessed ones are cut at a word, so no list page carries a book."""

_TITLE_PARTS = re.compile(r"\s[|•]\s")
_TITLE_DASH = re.compile(r"\s[-–—]\s(?P<outlet>[^-–—]+)$")


@dataclass(frozen=True)
class Caption:
    """A photo caption kept in the story: ``cleaned.text[start:end]``, and the date it prints, if any
    (``date`` when it is certain; ``found`` as printed, which may be a numeric date either way round)."""

    start: int
    end: int
    text: str
    date: date | None
    found: FoundDate | None = None


@dataclass(frozen=True)
class PageDate:
    """A date the page prints about itself: the date as found, where it stands, its label, and the words.

    ``place`` is "header" (above the headline, or on a page without one), "page" (under the headline,
    or further down) or "byline" (in the byline's line)."""

    found: FoundDate
    place: str
    label: str | None
    text: str
    modified: bool = False
    """Whether the label says the page was changed then ("Updated …"), not first published."""


@dataclass(frozen=True)
class ArticleMetadata:
    """What the page says about the story (every field may be unknown)."""

    title: str | None = None
    outlet: str | None = None
    dateline: str | None = None  # the dateline city as printed, in title case ("Beijing")
    authors: tuple[str, ...] = ()
    captions: tuple[Caption, ...] = ()
    credited_names: tuple[str, ...] = ()
    page_dates: tuple[PageDate, ...] = ()
    dateline_month_day: tuple[int, int] | None = None  # "WASHINGTON, June 19 (Reuters) -" gives (6, 19)
    dateline_year: int | None = None  # "Lagos, 3 March 2024 —" prints its year too
    dateline_agency: str | None = None
    dateline_region: str | None = None  # "CAMBRIDGE, Massachusetts —" gives "Massachusetts"


def extract_metadata(
    raw: str,
    cleaned: CleanedText,
    *,
    declared_title: str | None = None,
    declared_outlet: str | None = None,
    declared_authors: tuple[str, ...] = (),
) -> ArticleMetadata:
    """Metadata of the page ``raw``, read from its cleaning ``cleaned``; declared values win."""
    spans = sorted(cleaned.removed, key=lambda s: s.start)
    title, title_outlet, title_span = _title(spans)
    city, region, (month_day, year), agency = _dateline(spans)
    credits = read_credits(spans)
    outlet = declared_outlet or title_outlet or _masthead(spans) or agency or credits.outlet
    authors = tuple(declared_authors) if declared_authors else _dedupe_spellings(credits.authors)
    return ArticleMetadata(
        title=bounded_title(declared_title or title),
        outlet=outlet,
        dateline=city,
        authors=authors,
        captions=_captions(cleaned),
        credited_names=_only_credited(credits.names + list(authors), cleaned.text),
        page_dates=_page_dates(spans, title_span),
        dateline_month_day=month_day,
        dateline_year=year,
        dateline_agency=agency,
        dateline_region=region,
    )


def bounded_title(title: str | None) -> str | None:
    """``title`` as it is up to ``MAX_TITLE_CHARS``; past that, on one line and cut at a word with "…"."""
    if title is None or len(title) <= MAX_TITLE_CHARS:
        return title
    line = " ".join(title.split())
    if len(line) <= MAX_TITLE_CHARS:
        return line
    cut = line[: MAX_TITLE_CHARS - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:-–—") + "…"


def _title(spans: list[RemovedSpan]) -> tuple[str | None, str | None, RemovedSpan | None]:
    """The headline, and the outlet named after a separator ("Headline | Outlet") in any of its copies."""
    copies = [s for s in spans if s.reason == "title"]
    if not copies:
        return None, None, None
    split = [_split_title(f.tidy(s.text)) for s in copies]
    outlet = next((o for _, o in split if o is not None), None)
    return split[0][0], outlet, copies[0]


def _split_title(text: str) -> tuple[str, str | None]:
    parts = _TITLE_PARTS.split(text)
    if len(parts) >= 2 and len(words(parts[-1])) <= 6:
        return f.tidy(max(parts[:-1], key=len)), f.tidy(parts[-1])
    dash = _TITLE_DASH.search(text)
    if dash is not None and f.is_masthead_like(dash.group("outlet")) and len(words(text[: dash.start()])) >= 4:
        return f.tidy(text[: dash.start()]), f.tidy(dash.group("outlet"))
    return text, None


def _masthead(spans: list[RemovedSpan]) -> str | None:
    return next((f.tidy(s.text) for s in spans if s.reason == "masthead"), None)


_NO_DAY: tuple[tuple[int, int] | None, int | None] = (None, None)


def _dateline(
    spans: list[RemovedSpan],
) -> tuple[str | None, str | None, tuple[tuple[int, int] | None, int | None], str | None]:
    """City (title case), region, (month and day, year when printed), and agency of the first dateline."""
    for span in spans:
        if span.reason != "dateline":
            continue
        match = f.DATELINE.match(" ".join(span.text.split()) + " X")
        if match is None:
            continue
        city = match.group("city") or match.group("city2") or None
        region = match.group("region") or match.group("region2")
        md = match.group("md") or match.group("md2")
        agency = match.group("agency") or match.group("agency2") or match.group("agency3") or match.group("agency4")
        day = _NO_DAY
        if md:
            found = find_dates(md)
            if found and found[0].day is not None:
                day = ((found[0].month, found[0].day), found[0].year)
        return (_title_case(city) if city else None), region, day, agency.strip() if agency else None
    return None, None, _NO_DAY, None


def _title_case(city: str) -> str:
    # "NEW YORK" -> "New York"; abbreviations with dots ("D.C.") stay as printed.
    def one(word: str) -> str:
        if "." in word or not word.isupper():
            return word
        return "-".join(part.capitalize() for part in word.split("-"))

    return " ".join(one(w) for w in city.split())


def _page_dates(spans: list[RemovedSpan], title: RemovedSpan | None) -> tuple[PageDate, ...]:
    """Every date the page prints in its date lines and bylines, with where it stands and its label."""
    found: list[PageDate] = []
    for span in spans:
        text = " ".join(span.text.split())
        if span.reason == "byline":
            # A day without a year ("By Jane Roe | Friday 3 November") is for dating to settle.
            every = find_dates(text)
            dated = [d for d in every if d.year is not None] or [d for d in every if d.day is not None]
            if dated:
                found.append(PageDate(dated[0], "byline", None, text))
            continue
        if span.reason != "page-date":
            continue
        line = read_date_line(text)
        if line is None or line.found is None:
            continue
        place = "header" if title is None or span.start < title.start else "page"
        for printed in (line, *line.also):
            if printed.found is not None:
                found.append(PageDate(printed.found, place, printed.label, text, modified=printed.modified))
    return tuple(found)


def _dedupe_spellings(names: list[str]) -> tuple[str, ...]:
    """Authors once each: a garbled respelling of a name already kept ("Humera" for "Humeyra") goes."""
    kept: list[str] = []
    for name in names:
        if not any(_same_person(name, k) for k in kept):
            kept.append(name)
    return tuple(kept)


def _same_person(one: str, other: str) -> bool:
    # Close given names and close surnames, same initials: machine rewriting garbles a letter or two.
    a, b = one.lower().split(), other.lower().split()
    if a[0][0] != b[0][0] or a[-1][0] != b[-1][0]:
        return False
    given = SequenceMatcher(None, a[0], b[0]).ratio()
    surname = SequenceMatcher(None, a[-1], b[-1]).ratio()
    return given >= 0.6 and surname >= 0.75


def _only_credited(names: list[str], text: str) -> tuple[str, ...]:
    """The credited names the story itself never mentions (a byline of someone quoted stays an actor)."""
    out: list[str] = []
    for name in names:
        if name in out:
            continue
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            continue
        out.append(name)
    return tuple(out)


def _captions(cleaned: CleanedText) -> tuple[Caption, ...]:
    captions = []
    for start, end in cleaned.captions:
        text = cleaned.text[start:end]
        # A site prints its captions in its own language as often as its date lines ("le 3 mars 2021").
        dated = [d for d in find_dates(text, foreign=True) if d.readings]
        last = dated[-1] if dated else None
        captions.append(Caption(start, end, text, last.value if last else None, last))
    return tuple(captions)
