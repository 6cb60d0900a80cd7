"""Photo captions on a page: what makes a line one, and where its label and its credit stand.

A piece of text in, an answer about it out, like ``loaders.clean.furniture``: a caption is kept in the
story (metadata reads its date), its "Photo:" label and its credit are cut.

    >>> caption_credit("Envoys meet in Vienna, June 18, 2023. REUTERS/Jane Doe")  # doctest: +SKIP
    38
"""

from __future__ import annotations

import re

from loaders.clean.furniture import AGENCIES
from loaders.text import find_dates, sentences, words

__all__ = ["caption_credit", "caption_label", "is_uncredited_caption"]

# Photo credits at the end of a caption: "… 2023. Reuters", "REUTERS/Lea Mellis/Pool", "(AP Photo/Andy Wong)",
# "Photo: John Doe/AFP", "AFP via Getty Images".
_CREDIT_TAIL = re.compile(
    rf"(?:(?<=[.!?”\"’)])\s*|\s+[|\-–—]\s*|\s+)(?P<credit>"
    rf"\((?:(?:{AGENCIES}) )?Photo(?:graph)?s?[^()]*\)|"
    rf"\(?(?:{AGENCIES})(?:\s+Photo)?(?:\s*/\s*[^/\n()]{{1,60}})+\)?|"
    rf"\(?(?:Photo|Photograph|Picture|Image|File photo|Credit|Photo credit|Image credit)s?\s*:\s*[^\n]{{1,80}}?\)?|"
    rf"\(?(?:{AGENCIES})(?: via (?:{AGENCIES}))?(?: [Ff]ile [Pp]hoto)?\)?"
    r")\s*$"
)
_FILE_PHOTO = re.compile(
    r"^(?:FILE PHOTO|File photo|FILE|PHOTO|Image caption|Photo caption|Caption|Pictured|In pictures)\s*[:,\-–—]\s*"
)
# Verbs that photo captions use in the present tense ("X meets Y at Z, June 18, 2023").
_CAPTION_VERB = re.compile(
    r"\b(?:meets?|speaks?|attends?|arrives?|shakes? hands|gestures?|looks? on|poses?|waits?|walks?|talks?|"
    r"listens?|delivers?|holds?|greets?|is seen|are seen|sits?|stands?|leaves?|departs?|reacts?|waves?|"
    r"addresses|chairs?|visits?|signs?|takes? part|participates?|boards?|disembarks?|is pictured|are pictured|"
    r"reviews?|inspects?|lays? a wreath)\b"
)
_CAPTION_LABEL = re.compile(
    r"^(?:photo|image|picture|photograph|caption|pictured|in the picture)s?\s*(?::|\s[-–—|])\s*", re.IGNORECASE
)
_CAPTION_DATE_END = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
    r"Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.? \d{1,2},? (?:19|20)\d{2}\.?$"
)

# After a caption's date: a few capitalised words, perhaps with a "/" ("Joint Press Corps", "Jane Doe/Pool").
_UNKNOWN_CREDIT_TAIL = re.compile(r"(?<=\d{4}\.)\s+[A-Z][\w.'’-]*(?:[ /][A-Z][\w.'’-]*){0,5}$")
_BRACKETED_CREDIT_TAIL = re.compile(r"(?<=\.)\s*\([A-Z][^()]{0,60}\)$")


def caption_label(text: str) -> int | None:
    """Where the caption after a leading "Photo:" label starts ("Photo: Kishida and Yoon shake hands in
    Seoul, May 7, 2023. (Pool)"), else None: a label before a short credit ("Photo: Reuters") is no
    caption."""
    match = _CAPTION_LABEL.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    scene = _CREDIT_TAIL.sub("", rest).strip()
    # A caption prints the day it shows, with or without a year ("…, Friday 3 November.").
    dated = any(found.day is not None for found in find_dates(scene))
    if len(words(scene)) < 6 or not (dated or _CAPTION_VERB.search(scene)):
        return None
    return match.end()


def caption_credit(text: str) -> int | None:
    """Where a photo or agency credit closing ``text`` starts ("… 2023. REUTERS/Name/Pool"), else None."""
    match = _CREDIT_TAIL.search(text)
    if match is None:
        return None
    credit = match.group("credit")
    before = text[: match.start("credit")].rstrip()
    separated = before[-1:] in "|-–—"
    body = before.rstrip("|-–— ")
    if len(words(body)) < 4:
        return None
    # A bare agency name only counts after a finished sentence or a separator; "talks with AP" is no credit.
    if body[-1] in '.!?”"’)' or separated or "/" in credit or ":" in credit or "photo" in credit.lower():
        return match.start("credit")
    return None


def is_uncredited_caption(text: str) -> bool:
    """A one-sentence photo caption without a credit we know: "FILE PHOTO: …", or a scene with its date,
    perhaps followed by a short credit ("… March 16, 2023. Joint Press Corps", "… April 9, 2024. Jane
    Doe/Pool", "… May 9, 2024. (Continent Wire)"). The scene is told in the present tense, or is a
    picture's label whose date follows a comma ("Xi and Orban in Budapest, May 9, 2024."), which is how
    captions print it and sentences of a story do not."""
    if _FILE_PHOTO.match(text):
        return True
    scene = _BRACKETED_CREDIT_TAIL.sub("", _UNKNOWN_CREDIT_TAIL.sub("", text.strip()))
    if len(sentences(scene)) != 1 or len(words(scene)) > 60:
        return False
    if _CAPTION_DATE_END.search(scene) and _CAPTION_VERB.search(scene):
        return True
    dated = [d for d in find_dates(scene) if d.year is not None]
    return bool(dated) and scene[: dated[-1].start].rstrip().endswith(",") and not scene[dated[-1].end :].strip(" .")
