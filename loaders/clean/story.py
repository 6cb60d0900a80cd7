"""Cleaning: a scraped page in, the story out, with every cut recorded against the raw text.

    >>> cleaned = clean_text("Talks | The Wire\\n\\nVIENNA — Envoys met on Monday, a diplomat said.\\n\\nLeave a Reply")
    >>> cleaned.text
    'Envoys met on Monday, a diplomat said.'
    >>> [(s.reason, s.text) for s in cleaned.removed]
    [('title', 'Talks | The Wire'), ('dateline', 'VIENNA —'), ('comment-prompt', 'Leave a Reply')]

How a page is read, in order:

1. Lines. Hard-wrapped lines (no sentence end, next line in lower case) are joined; phrases that close
   a page region and are often glued to the next text ("Required fields are marked *", "… ads will show
   in this div") are split off, so what follows them is judged on its own.
2. Pieces judged alone (``loaders.clean.furniture``): comment forms, newsletter and share prompts, ads, "See
   also" headlines, credits, bylines, copyright, date lines, photo captions (kept, their credit cut),
   story prose (its dateline cut). Furniture sentences at the start or end of a paragraph are cut.
3. Pieces judged by position. Before the first story paragraph: the title (the first headline-like
   line, or one with "| Outlet"), a masthead (a short capitalised line above it), page dates, section
   labels; a long standfirst is kept. After that: a short line is a subheading (kept) when story
   prose follows it, else it belongs to the furniture it sits with (a tag list, an author box, other
   stories' headlines). An "X is a … correspondent" paragraph at the page end is an author bio.
4. Text after end-of-story furniture (a comment form, a newsletter prompt) is kept when it reads as
   story prose: some pages glue a second story there, and its news counts. Anything else there goes.
5. A piece equal to the one kept just before it (a repeated caption) is cut as "duplicate".

Paragraphs are joined by one blank line, with runs of spaces collapsed, so the text is deterministic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.clean import captions
from loaders.clean import furniture as f
from loaders.clean.headline import TITLE_SEPARATOR, choose_headline, title_key
from loaders.clean.headline_lists import cut_headline_lists
from loaders.clean.pieces import Piece, split_pieces, sub_piece
from loaders.kb import Gazetteer
from loaders.text import DateLine, is_prose, read_date_line, sentences, words

__all__ = ["REASONS", "CleanedText", "RemovedSpan", "clean_text"]

REASONS: dict[str, str] = {
    "title": "the headline (and its repeats) above the story; metadata reads it",
    "masthead": "the site's name alone on a line above the headline",
    "page-date": "a date line in the page header or near the byline",
    "page-header": "other header matter: navigation, section labels, reading time",
    "dateline": "the 'CITY (Agency) —' opening of a paragraph; metadata reads it",
    "byline": "'By …' lines (and 'Name in City' under the headline) and author avatars",
    "separator": "lines of punctuation only: rules and dividers",
    "credit": "reporting, writing and editing credits, photo credits, copyright and standards lines",
    "author-bio": "an author box: the author's name, outlet and biography",
    "comment-prompt": "comment forms and their notices",
    "share-subscribe": "share buttons, newsletter, follow-us and app prompts",
    "ad": "ad slots and their labels",
    "cookie-notice": "cookie banners",
    "related-headline": "headlines of other stories ('See also …', trailing headline lists)",
    "tag-list": "topic tags printed after the story",
    "duplicate": "a piece identical to the one kept just before it (a repeated caption)",
}

_REPORTING = re.compile(r"\b(?:said|says|told|according to|added)\b")


@dataclass(frozen=True)
class RemovedSpan:
    """A piece of the raw input left out of the story: ``raw[start:end] == text``, and why."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True)
class CleanedText:
    """The story as paragraphs separated by one blank line, what was cut, and which paragraphs are captions.

    ``removed`` offsets refer to the raw input; ``captions`` are ``(start, end)`` spans of ``text``.
    """

    text: str
    removed: tuple[RemovedSpan, ...] = ()
    captions: tuple[tuple[int, int], ...] = field(default=())


def clean_text(raw: str) -> CleanedText:
    """Strip the page around the story in ``raw``; see the module docstring for the rules."""
    pieces = _judge_alone(raw, split_pieces(raw))
    _judge_by_position(pieces)
    return _assemble(raw, pieces)


def _judge_alone(raw: str, pieces: list[Piece]) -> list[Piece]:
    """Classify each piece by its own text; pieces may be split (edge sentences, datelines, credits)."""
    judged: list[Piece] = []
    for piece in pieces:
        if piece.reason is not None:
            judged.append(piece)
            continue
        judged.extend(_judge_piece(raw, piece))
    return judged


def _judge_piece(raw: str, piece: Piece) -> list[Piece]:
    """One logical line: furniture whole, a date line, or prose/caption/other with edge furniture cut."""
    text = piece.text
    label_end = captions.caption_label(text)
    if label_end is not None:
        # "Photo: <caption>, <date>. (Credit)": the label goes, the caption and its date stay.
        label = sub_piece(raw, piece, 0, label_end)
        label.reason = "credit"
        return [label, *_judge_body(raw, sub_piece(raw, piece, label_end, len(text)))]
    reason = f.furniture_line(text)
    if reason is not None:
        piece.reason = reason
        return [piece]
    date_line = read_date_line(text)
    if date_line is not None:
        return _cut_date_line(raw, piece, date_line)
    # Furniture sentences at either edge of a paragraph ("… said. Follow us on X for updates.").
    spans = sentences(text)
    reasons = [f.furniture_sentence(text[s:e]) for s, e in spans]
    if all(r is not None for r in reasons):
        piece.reason = reasons[0]
        return [piece]
    head = 0
    while reasons[head] is not None:
        head += 1
    tail = len(spans)
    while reasons[tail - 1] is not None:
        tail -= 1
    out: list[Piece] = []
    for i in [*range(head), *range(tail, len(spans))]:
        cut = sub_piece(raw, piece, spans[i][0], spans[i][1])
        cut.reason = reasons[i]
        out.append(cut)
    body = sub_piece(raw, piece, spans[head][0], spans[tail - 1][1]) if (head, tail) != (0, len(spans)) else piece
    out.extend(_judge_body(raw, body))
    return sorted(out, key=lambda p: p.start)


def _cut_date_line(raw: str, piece: Piece, line: DateLine) -> list[Piece]:
    """A date line cut as "page-date"; an author credit sharing it ("… by Jane Roe") as a "byline" of
    its own, so that metadata reads the date and the author alike."""
    if line.byline is None:
        piece.reason = "page-date"
        return [piece]
    start, end = line.byline
    parts = [(0, start, "page-date"), (start, end, "byline"), (end, len(piece.text), "page-date")]
    cut = []
    for first, last, reason in parts:
        part = sub_piece(raw, piece, first, last)
        if part.text.strip(" |•·,-–—:"):
            part.reason = reason
            cut.append(part)
    return cut


def _judge_body(raw: str, piece: Piece) -> list[Piece]:
    """Prose with its dateline cut, a caption with its credit cut, or a line whose role position decides."""
    out: list[Piece] = []
    credit_at = captions.caption_credit(piece.text)
    if credit_at is not None:
        credit = sub_piece(raw, piece, credit_at, len(piece.text))
        credit.reason = "credit"
        out.append(credit)
        piece = sub_piece(raw, piece, 0, credit_at)
        # A short credited text that reports nobody's words is a photo caption; the rest is story
        # that ends with a sign-off ("… officials said. (AFP)").
        short = len(sentences(piece.text)) <= 3 and len(words(piece.text)) <= 70
        piece.role = "caption" if short and not _REPORTING.search(piece.text) else "prose"
    elif captions.is_uncredited_caption(piece.text):
        piece.role = "caption"
    elif is_prose(piece.text):
        piece.role = "prose"
    dateline = f.DATELINE.match(piece.text) if piece.role == "prose" else None
    city = dateline.group("city") or dateline.group("city2") if dateline is not None else None
    if dateline is not None and dateline.group("colon") and (city is None or Gazetteer.load().lookup(city) is None):
        dateline = None  # "UPDATE: …", "NOTE: …": a label, not a city
    if dateline is not None and is_prose(piece.text[dateline.end() :]):
        cut = sub_piece(raw, piece, 0, dateline.end())
        cut.reason = "dateline"
        out.append(cut)
        piece = sub_piece(raw, piece, dateline.end(), len(piece.text))
        piece.role = "prose"
    out.append(piece)
    return out


def _judge_by_position(pieces: list[Piece]) -> None:
    """Header, author bios, trailing short lines and repeats: what a piece is depends on its neighbours."""
    live = [p for p in pieces if p.reason is None]
    first_prose = next((i for i, p in enumerate(live) if p.role == "prose"), len(live))
    # A question or exclamation headline ends like a sentence; the first line before prose is still the title.
    if first_prose == 0 and len(live) > 1 and live[0].text[-1] in "?!" and len(words(live[0].text)) <= 20:
        live[0].role = "other"
        first_prose = 1
    elif first_prose < len(live) and _headline_over_a_byline(live[first_prose], pieces):
        # "Summit in Accra: host says deal is 'within reach'" reads as a sentence, but a
        # line without a full stop that a date line or byline follows is the headline.
        live[first_prose].role = "other"
        first_prose = next((i for i, p in enumerate(live) if p.role == "prose"), len(live))
    _judge_header(live[:first_prose])
    story = live[first_prose:]
    for i, piece in enumerate(story):
        if piece.role == "prose":
            later_prose = any(p.role == "prose" and p.reason is None for p in story[i + 1 :])
            if f.is_author_bio(piece.text, at_page_end=not later_prose):
                piece.reason = "author-bio"
    cut_headline_lists(pieces)
    _judge_trailing_lines(pieces)
    choose_headline(pieces)
    _drop_duplicates(pieces)


def _headline_over_a_byline(piece: Piece, pieces: list[Piece]) -> bool:
    """Whether ``piece`` is a short line without a sentence's end, right above a date line or a byline."""
    if len(words(piece.text)) > 25 or piece.text.rstrip("\"'”’)").endswith((".", "!", "?")):
        return False
    after = [p for p in pieces if p.start > piece.start]
    following = min(after, key=lambda p: p.start) if after else None
    return following is not None and following.reason in {"page-date", "byline"}


def _judge_header(header: list[Piece]) -> None:
    """Title, masthead and header labels before the first story paragraph; a long standfirst stays."""
    candidates = [p for p in header if p.role == "other"]
    sections = [p for p in candidates if _is_section(p.text) or f.is_gapped_menu(p.printed)]
    lines = [p for p in candidates if p not in sections]

    # The headline: a line with "| Outlet", else the first line that is not a short capitalised label,
    # else the first short line that does not sound like a site's name ("Blinken Arrives In Beijing").
    # A section label ("World | Asia") is neither the headline nor the outlet.
    title = next((p for p in lines if TITLE_SEPARATOR.search(p.text)), None)
    title = title or next((p for p in lines if not f.is_masthead_like(p.text)), None)
    title = title or next((p for p in lines if not _sounds_like_outlet(p.text)), None)
    key = title_key(title.text) if title is not None else None
    masthead_seen = False
    for piece in candidates:
        if piece is title or (key is not None and title_key(piece.text) == key):
            piece.reason = "title"
        elif piece in sections:
            piece.reason = "page-header"
        elif title is None or piece.start < title.start:
            is_masthead = not masthead_seen and f.is_masthead_like(piece.text)
            piece.reason = "masthead" if is_masthead else "page-header"
            masthead_seen = masthead_seen or is_masthead
        elif f.BARE_BYLINE.match(piece.text):
            piece.reason = "byline"
        elif len(words(piece.text)) >= 8 and not f.is_masthead_like(piece.text):
            piece.role = "kept"  # a standfirst: the story in brief
        else:
            piece.reason = "page-header"


def _sounds_like_outlet(text: str) -> bool:
    return bool({w.lower() for w in words(text)} & f.OUTLET_WORDS)


def _is_section(text: str) -> bool:
    """A section of the site: its navigation vocabulary, or a place alone ("Asia-Pacific", "Ukraine")."""
    if f.is_section_label(text):
        return True
    return f.is_masthead_like(text) and not _sounds_like_outlet(text) and Gazetteer.load().lookup(text) is not None


def _judge_trailing_lines(pieces: list[Piece]) -> None:
    """Short lines after the title: subheadings when story follows, else part of the furniture around them."""
    for i, piece in enumerate(pieces):
        if piece.reason is not None or piece.role != "other":
            continue
        following = next((p for p in pieces[i + 1 :] if p.reason is not None or p.role != "other"), None)
        if following is not None and following.reason is None:
            piece.role = "kept"  # a subheading: story goes on after it
        elif following is not None and following.reason == "author-bio":
            piece.reason = "author-bio"
        else:
            piece.reason = "tag-list" if len(words(piece.text)) <= 4 else "related-headline"


def _drop_duplicates(pieces: list[Piece]) -> None:
    previous: Piece | None = None
    for piece in pieces:
        if piece.reason is not None:
            continue
        if previous is not None and piece.text.lower() == previous.text.lower():
            piece.reason = "duplicate"
            continue
        previous = piece


def _assemble(raw: str, pieces: list[Piece]) -> CleanedText:
    paragraphs: list[str] = []
    captions: list[tuple[int, int]] = []
    removed: list[RemovedSpan] = []
    offset = 0
    for piece in sorted(pieces, key=lambda p: p.start):
        if piece.reason is not None:
            removed.append(RemovedSpan(piece.start, piece.end, piece.reason, raw[piece.start : piece.end]))
            continue
        if paragraphs:
            offset += 2
        if piece.role == "caption":
            captions.append((offset, offset + len(piece.text)))
        paragraphs.append(piece.text)
        offset += len(piece.text)
    return CleanedText("\n\n".join(paragraphs), tuple(removed), tuple(captions))
