"""A generator of news pages: known stories, each printed in many date formats at many places of a page.

Every page is a ``Page``: the raw input (text, or HTML with only metadata dates) and what a reader of
it knows: the day the story was written, its title, outlet and authors (a JSON Lines record declares
them; its date sits under one of the keys feeds use). The pages carry the furniture
real ones do around the date: a masthead, a byline, an undated photo caption, a cookie banner, a
newsletter prompt and "Read more" headlines naming other people.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

__all__ = ["FORMATS", "POSITIONS", "STORIES", "Page", "Story", "pages"]


@dataclass(frozen=True)
class Story:
    """A real event as a short wire story: written on ``written``, filed from ``city``."""

    written: date
    city: str
    title: str
    outlet: str
    authors: tuple[str, ...]
    paragraphs: tuple[str, ...]
    caption: str  # an undated photo caption; the caption position adds the date


STORIES = (
    Story(
        date(2023, 11, 3),
        "MANILA",
        "Kishida and Marcos agree to start talks on a defence pact",
        "The Harbour Ledger",
        ("Mara Quint",),
        (
            "Japanese Prime Minister Fumio Kishida and Philippine President Ferdinand Marcos Jr. agreed on Friday "
            "to begin negotiations on a pact that would let their forces train on each other's soil, officials said.",
            "The two leaders met at Malacañang Palace on the first day of Mr. Kishida's two-day visit, his first to "
            "the Philippines as prime minister. Japan also offered coastal radars to the Philippine navy.",
            "Mr. Marcos said the talks showed how far relations had come, and the two sides issued a joint "
            "statement on the South China Sea.",
        ),
        "Kishida and Marcos review an honour guard at Malacañang Palace in Manila",
    ),
    Story(
        date(2023, 4, 27),
        "ROME",
        "Sunak and Meloni pledge to work together on migration",
        "Continental Review",
        ("Tomas Ferri", "Elin Moss"),
        (
            "British Prime Minister Rishi Sunak and Italian Prime Minister Giorgia Meloni pledged on Thursday to "
            "work together against people smugglers, after talks at the Palazzo Chigi in Rome.",
            "It was the first visit to Italy by Mr. Sunak as prime minister. The two leaders also discussed support "
            "for Ukraine and a joint programme to build a new fighter jet.",
            "Ms. Meloni said the two governments would sign a memorandum on irregular migration.",
        ),
        "Sunak and Meloni speak to reporters at the Palazzo Chigi in Rome",
    ),
    Story(
        date(2023, 1, 30),
        "BRASILIA",
        "Scholz and Lula call for Mercosur trade deal this year",
        "The Meridian Post",
        ("Ana Duarte",),
        (
            "German Chancellor Olaf Scholz and Brazilian President Luiz Inácio Lula da Silva called on Monday for "
            "the European Union and Mercosur to conclude their trade agreement within the year.",
            "Mr. Scholz was the first Western leader to visit Brazil since Lula took office at the start of the "
            "month. The two leaders met at the Planalto Palace in Brasilia.",
            "Lula declined a German request to send ammunition to Ukraine, saying Brazil wanted to talk peace.",
        ),
        "Scholz and Lula shake hands at the Planalto Palace in Brasilia",
    ),
    # No weekday, and a day and month that read either way round: only the page's own evidence can settle
    # a numeric date, and a story filed from Manila (where months come first) by an outlet from elsewhere.
    Story(
        date(2023, 11, 3),
        "MANILA",
        "Japan offers coastal radars to the Philippine navy",
        "The Eastern Courier",
        ("Jo Ilagan",),
        (
            "Japan will give the Philippine navy coastal surveillance radars under a new security aid programme, "
            "Prime Minister Fumio Kishida said after talks with President Ferdinand Marcos Jr. in Manila.",
            "Mr. Kishida is the first Japanese leader to address the Philippine Congress. The two governments "
            "also agreed to start negotiations on a reciprocal access agreement for their forces.",
            "Chinese coast guard ships have repeatedly blocked Philippine supply missions in the South China Sea.",
        ),
        "Kishida and Marcos review an honour guard at Malacañang Palace in Manila",
    ),
)

_MONTH = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
_GERMAN_MONTH = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                 "November", "Dezember")  # fmt: skip
_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _abbr(day: date) -> str:
    return _MONTH[day.month - 1][:3]


def _ordinal(day: date) -> str:
    return f"{day.day}{_SUFFIX.get(day.day, 'th')}"


# Forty-eight ways pages print a day, each a function of the day.
FORMATS: dict[str, Callable[[date], str]] = {
    "month-day-year": lambda d: f"{_MONTH[d.month - 1]} {d.day}, {d.year}",
    "abbr-day-year": lambda d: f"{_abbr(d)} {d.day}, {d.year}",
    "abbr-period-day-year": lambda d: f"{_abbr(d)}. {d.day}, {d.year}",
    "month-day-year-no-comma": lambda d: f"{_MONTH[d.month - 1]} {d.day} {d.year}",
    "day-month-year": lambda d: f"{d.day} {_MONTH[d.month - 1]} {d.year}",
    "day-abbr-year": lambda d: f"{d.day} {_abbr(d)} {d.year}",
    "day-abbr-period-year": lambda d: f"{d.day} {_abbr(d)}. {d.year}",
    "weekday-month-day-year": lambda d: f"{d:%A}, {_MONTH[d.month - 1]} {d.day}, {d.year}",
    "weekday-day-month-year": lambda d: f"{d:%A} {d.day} {_MONTH[d.month - 1]} {d.year}",
    "short-weekday-day-abbr-year": lambda d: f"{d:%a}, {d.day} {_abbr(d)} {d.year}",
    "short-weekday-abbr-ordinal": lambda d: f"{d:%a}. {_abbr(d)} {_ordinal(d)}, {d.year}",
    "month-ordinal-year": lambda d: f"{_MONTH[d.month - 1]} {_ordinal(d)}, {d.year}",
    "ordinal-month-year": lambda d: f"{_ordinal(d)} {_MONTH[d.month - 1]} {d.year}",
    "ordinal-of-month-year": lambda d: f"{_ordinal(d)} of {_MONTH[d.month - 1]} {d.year}",
    "capitals": lambda d: f"{_MONTH[d.month - 1].upper()} {d.day}, {d.year}",
    "weekday-comma-day-month-comma-year": lambda d: f"{d:%A}, {d.day} {_MONTH[d.month - 1]}, {d.year}",
    "iso": lambda d: d.isoformat(),
    "iso-with-time": lambda d: f"{d.isoformat()}T09:30:00+02:00",
    "day-first-slashes": lambda d: f"{d:%d/%m/%Y}",
    "day-first-slashes-unpadded": lambda d: f"{d.day}/{d.month}/{d.year}",
    "month-first-slashes": lambda d: f"{d:%m/%d/%Y}",
    "day-first-dots": lambda d: f"{d:%d.%m.%Y}",
    "day-first-dots-unpadded": lambda d: f"{d.day}.{d.month}.{d.year}",
    "day-first-dashes": lambda d: f"{d:%d-%m-%Y}",
    "year-first-slashes": lambda d: f"{d:%Y/%m/%d}",
    "year-first-dots": lambda d: f"{d:%Y.%m.%d}",
    "weekday-day-first-slashes": lambda d: f"{d:%A} {d:%d/%m/%Y}",
    "us-time-zone": lambda d: f"{_MONTH[d.month - 1]} {d.day}, {d.year} 10:02 AM EDT",
    "uk-clock": lambda d: f"{d:%A} {d.day} {_MONTH[d.month - 1]} {d.year} 07.30 GMT",
    "au-clock": lambda d: f"{d.day} {_MONTH[d.month - 1]} {d.year}, 16:40 AEST",
    "time-first": lambda d: f"9:05 AM EDT, {d:%a} {_MONTH[d.month - 1]} {d.day}, {d.year}",
    "numeric-with-time": lambda d: f"{d:%d/%m/%Y} – 21:40",
    "day-first-with-zone": lambda d: f"{d:%d.%m.%Y} 14:02 CET",
    "archive-stamp": lambda d: f"{d.day:02d}-{_abbr(d)}-{d.year}",
    "archive-stamp-short-year": lambda d: f"{d.day:02d}-{_abbr(d)}-{d:%y}",
    "apostrophe-year": lambda d: f"{_abbr(d)} {d.day} '{d:%y}",
    "day-first-slashes-short-year": lambda d: f"{d.day}/{d.month}/{d:%y}",
    "numeric-clock-no-separator": lambda d: f"{d:%d/%m/%Y} 21:30",
    "east-asian-marked": lambda d: f"{d.year}年{d.month}月{d.day}日 07:42",
    "korean-marked": lambda d: f"{d.year}년 {d.month}월 {d.day}일",
    "rfc-822": lambda d: f"{d:%a}, {d:%d} {_abbr(d)} {d.year} 09:00:00 +0000",
    "german-day-dot-month": lambda d: f"{d.day}. {_GERMAN_MONTH[d.month - 1]} {d.year}",
    "with-reading-time": lambda d: f"{d.day} {_abbr(d)} {d.year} · 7 min read",
    "month-first-short-year-clock": lambda d: f"{d:%m/%d/%y} 9:14 PM",
    # No year: only the story's era and the weekday printed with the day can settle it, else None.
    "weekday-day-month-no-year": lambda d: f"{d:%A} {d.day} {_MONTH[d.month - 1]}",
    "short-weekday-month-day-no-year": lambda d: f"{d:%a}, {_abbr(d)}. {d.day}",
    "uk-clock-no-year": lambda d: f"{d:%a} {d.day} {_MONTH[d.month - 1]} 07.30 GMT",
    "day-month-no-year": lambda d: f"{d.day} {_MONTH[d.month - 1]}",
}

# Formats a wire dateline uses: a month's name and a day, no year.
_DATELINE_FORMATS = {
    "month-day-year": lambda d: f"{_MONTH[d.month - 1]} {d.day}",
    "abbr-day-year": lambda d: f"{_abbr(d)} {d.day}",
    "abbr-period-day-year": lambda d: f"{_abbr(d)}. {d.day}",
    "capitals": lambda d: f"{_MONTH[d.month - 1]} {d.day}",
}


# A JSON Lines record's date: under which key, printed how.
_JSON_DATES: dict[str, tuple[str, Callable[[date], object]]] = {
    "published-iso": ("published", lambda d: f"{d.isoformat()}T09:30:00+02:00"),
    "published-words": ("published", lambda d: f"{_MONTH[d.month - 1]} {d.day}, {d.year} 6:40 PM EST"),
    "pubDate-rfc-822": ("pubDate", lambda d: f"{d:%a}, {d:%d} {_abbr(d)} {d.year} 09:00:00 +0000"),
    "datePublished": ("datePublished", lambda d: f"{d.isoformat()}T08:00:00Z"),
    "published_at": ("published_at", lambda d: f"{d.isoformat()} 08:00:00"),
    "date-day-first": ("date", lambda d: f"{d:%d/%m/%Y}"),
    "fecha-day-first-clock": ("fecha", lambda d: f"{d:%d/%m/%Y} 21:30"),
    "time-epoch": ("time", lambda d: int(datetime(d.year, d.month, d.day, 9, tzinfo=UTC).timestamp())),
}


# Datelines as other wires and outlets print them, each a function of the city and the day.
_DATELINE_STYLES: dict[str, Callable[[str, date], str]] = {
    "caps-day-month-colon": lambda city, d: f"{city}, {d.day} {_MONTH[d.month - 1]}:",
    "caps-abbr-day-colon": lambda city, d: f"{city}, {_abbr(d)} {d.day}:",
    "title-agency-no-dash": lambda city, d: f"{city.title()}, {_abbr(d)} {d.day} (IANS)",
    "title-full-date": lambda city, d: f"{city.title()}, {_MONTH[d.month - 1]} {d.day}, {d.year} —",
    "caps-day-month-year": lambda city, d: f"{city}, {d.day} {_MONTH[d.month - 1]} {d.year} —",
}


@dataclass(frozen=True)
class Page:
    """One story in one layout: the input, and what a reader of it knows."""

    story: Story
    position: str
    format: str
    raw: str
    html: bool = False
    json_lines: bool = False


def _furniture_top(story: Story) -> list[str]:
    return [story.outlet.upper(), "We use cookies to improve your experience. Accept all cookies"]


def _body(story: Story, *, dateline: str | None = None, caption: str | None = None) -> list[str]:
    first, *rest = story.paragraphs
    lead = f"{dateline} {first}" if dateline else f"{story.city} — {first}"
    return [lead, caption or f"{story.caption}. (Pool)", *rest]


def _furniture_bottom(story: Story) -> list[str]:
    return [
        "Sign up for our morning newsletter, delivered straight to your inbox.",
        "Read more: Macron and Scholz meet to discuss EU budget",
        f"© {story.outlet}. All rights reserved.",
    ]


def _byline(story: Story) -> str:
    return "By " + " and ".join(story.authors)


def _text_page(story: Story, position: str, shown: str) -> str:
    top, title, byline = _furniture_top(story), story.title, _byline(story)
    if position == "above-headline":
        lines = [*top, shown, title, byline, *_body(story)]
    elif position == "under-headline":
        lines = [*top, title, shown, byline, *_body(story)]
    elif position == "labelled":
        lines = [*top, title, f"Published: {shown}", byline, *_body(story)]
    elif position == "byline":
        lines = [*top, title, f"{byline} | {shown}", *_body(story)]
    elif position == "section":
        lines = [*top, f"World | Asia-Pacific | {shown}", title, byline, *_body(story)]
    elif position == "beside-a-relative-stamp":
        lines = [*top, title, f"Published {shown} | Updated 2 hours ago", byline, *_body(story)]
    elif position == "footer-note":
        lines = [*top, title, byline, *_body(story), f"This article was first published on {shown}."]
    elif position == "caption":
        lines = [*top, title, byline, *_body(story, caption=f"Photo: {story.caption}, {shown}. (Pool)")]
    else:
        raise ValueError(position)
    return "\n\n".join([*lines, *_furniture_bottom(story)]) + "\n"


def _dateline_page(story: Story, month_day: str, dateline: str | None = None) -> str:
    dateline = dateline or f"{story.city}, {month_day} (Harbour Wire) —"
    lines = [*_furniture_top(story), story.title, _byline(story), *_body(story, dateline=dateline)]
    return "\n\n".join([*lines, *_furniture_bottom(story)]) + "\n"


def _html_page(story: Story, metadata: str) -> str:
    """A page whose only dates are in its metadata: the visible text prints none."""
    paragraphs = "".join(f"<p>{p}</p>" for p in _body(story))
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{story.title} | {story.outlet}</title>"
        f'<meta property="og:site_name" content="{story.outlet}">'
        f'<meta name="author" content="{"; ".join(story.authors)}">'
        f"{metadata}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f"<article><h1>{story.title}</h1><p class='byline'>{_byline(story)}</p>{paragraphs}</article>"
        "<footer><p>Sign up for our newsletter.</p></footer></body></html>"
    )


def _html_metadata(day: date) -> dict[str, str]:
    iso, later = day.isoformat(), date(day.year + 1, 1, 15).isoformat()
    return {
        "article-published-time": f'<meta property="article:published_time" content="{iso}T08:00:00+00:00">'
        f'<meta property="article:modified_time" content="{later}T08:00:00+00:00">',
        "json-ld": '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        f'"datePublished": "{iso}T08:00:00Z", "dateModified": "{later}T10:00:00Z"}}</script>',
        "itemprop": f'<meta itemprop="datePublished" content="{iso}">',
        "dc-date": f'<meta name="dc.date" content="{iso}">',
        "itemprop-on-a-span": f'<span itemprop="datePublished" content="{iso}T08:00:00Z"></span>',
    }


def _json_line(story: Story, key: str, value: object) -> str:
    """A feed's record whose only date is ``value`` under ``key``."""
    text = "\n\n".join(_body(story))
    record = {"title": story.title, "outlet": story.outlet, "authors": list(story.authors), key: value, "text": text}
    return json.dumps(record, ensure_ascii=False) + "\n"


TEXT_POSITIONS = (
    "above-headline",
    "under-headline",
    "labelled",
    "byline",
    "section",
    "beside-a-relative-stamp",
    "footer-note",
    "caption",
)
POSITIONS = (*TEXT_POSITIONS, "dateline", "dateline-styles", "html-metadata", "json-lines")


def pages() -> Iterator[Page]:
    """Every story in every layout: each text position in each date format, the dateline in the formats
    wire datelines use, and HTML pages in several kinds of metadata."""
    for story in STORIES:
        for position in TEXT_POSITIONS:
            for name, render in FORMATS.items():
                yield Page(story, position, name, _text_page(story, position, render(story.written)))
        for name, render in _DATELINE_FORMATS.items():
            yield Page(story, "dateline", name, _dateline_page(story, render(story.written)))
        for name, style in _DATELINE_STYLES.items():
            page = _dateline_page(story, "", style(story.city, story.written))
            yield Page(story, "dateline-styles", name, page)
        for name, metadata in _html_metadata(story.written).items():
            yield Page(story, "html-metadata", name, _html_page(story, metadata), html=True)
        for name, (key, render) in _JSON_DATES.items():
            yield Page(story, "json-lines", name, _json_line(story, key, render(story.written)), json_lines=True)
