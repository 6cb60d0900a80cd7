"""Date lines: a line of page furniture that carries a date, read into the date and what surrounds it.

Pages print their date alone ("Wednesday, February 28, 2024") or sharing a line with other page
text: a label and a time ("Published: 19/06/2023 – 21:40", "Updated 9:05 AM EDT, Thu June 6, 2024"),
a time zone ("Friday 14 March 2025 07.30 GMT"), a section ("World | Asia | 2 June 2022"), a byline
("By the Asia Desk — June 2, 2022", "Posted on June 2, 2022 by Jane Roe"), a relative stamp ("Published
June 2, 2022 | Updated 2 hours ago"), or a note ("This story was first published on June 2, 2022.").
A line is a date line when, once the date is found, everything else on it is such furniture; a line
with words of a sentence is not one.

    >>> line = read_date_line("Posted on June 2, 2022 by Jane Roe")
    >>> line.found.value, line.label, line.byline
    (datetime.date(2022, 6, 2), 'Posted', (23, 34))
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.text.dates import FoundDate, find_dates, is_weekday_name

__all__ = ["MODIFIED_LABELS", "DateLine", "read_date_line"]

# Labels that say the date is when the page was changed, not first published.
# "Printed" says when the page was printed: like a change, a day by which the story was written.
MODIFIED_LABELS = frozenset(
    {"Updated", "Last updated", "Modified", "Last modified", "Edited", "Last edited", "Printed"}
)


@dataclass(frozen=True)
class DateLine:
    """A line of page furniture with a date on it.

    ``found`` is None for a date in a calendar not read here (Hijri "17 Shaban 1445"); a day printed
    without a year ("Wednesday 12 April") is found with ``year`` None, for dating to settle; ``label`` says
    which date it is when the line does ("Published", "Updated"); ``byline`` is the span of an author
    credit sharing the line ("by Jane Roe"), which cleaning cuts as a byline of its own."""

    found: FoundDate | None
    label: str | None = None
    byline: tuple[int, int] | None = None
    also: tuple[DateLine, ...] = ()
    """Further dates on the same line, each with its own label ("14/04/2023 | Updated 15/04/2023")."""

    @property
    def modified(self) -> bool:
        """Whether the label says this is the date the page was last changed."""
        return self.label in MODIFIED_LABELS


# English labels, and those that pages in English keep from their site's own language ("Atualizado em",
# "Publié le", "Aktualisiert am"): a label says which date it is, whatever the language.
_LABEL = (
    r"(?P<label>(?:this\s+(?:article|story|report|piece|post|column|interview)\s+was\s+)?(?:first|originally)\s+"
    r"published|published|posted|last\s+updated|updated|last\s+modified|modified|last\s+edited|"
    r"edited|(?:page\s+)?printed|sent|"
    r"released|issued|filed|created|dated|date|press\s+release|recorded|broadcast|aired|publicado|publicada|publié|publiée|veröffentlicht|pubblicato|"
    r"atualizado|actualizado|mis\s+à\s+jour|aktualisiert|aggiornato)"
    r"(?:\s+(?:on|at|em|en|el|le|am|il|às|a\s+las))?\s*[:\-–—]?"
)
# Labels of other languages that say the page was changed, as ``MODIFIED_LABELS`` says in English.
_FOREIGN_MODIFIED = {"Atualizado", "Actualizado", "Mis à jour", "Aktualisiert", "Aggiornato"}
_LABEL_START = re.compile(rf"^\s*{_LABEL}\s*", re.IGNORECASE)
_CLOCK = r"\d{1,2}(?:[:.h]\d{2}){1,2}(?:\s*[apAP]\.?\s?[mM]\.?)?|\d{1,2}\s*[apAP]\.?[mM]\.?"
# "GMT", "(IST)", "UTC+2", and a zone in words: "(Swedish time)", "(local time)".
_ZONE = r"(?:\(?(?:[A-Z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)\)?|\((?:[A-Z][a-z]+|local)\s+time\)|[+-]\d{2}:?\d{2})"
# "10:02 AM EDT", "07.30 GMT", "(IST)", and the time of an ISO timestamp ("T09:30:00+02:00").
_ISO_TIME = r"T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
_TIME = re.compile(rf"^(?:at\s+)?(?:{_CLOCK})(?:\s*{_ZONE})?$|^{_ZONE}$|^{_ISO_TIME}$")
# "6 min read", and the length of a recording: "Running time 31:05".
_READING_TIME = re.compile(
    r"^\d+\s*(?:min(?:ute)?s?|mins?)\.?(?:\s+read)?$|^(?:running\s+time|duration|length)\s*\d{1,2}(?::\d{2}){1,2}$",
    re.IGNORECASE,
)
# The time since a page was posted or changed, as pages shown live print it ("Updated 2 hours ago", "3d ago"):
# furniture beside a date, but no date itself.
_RELATIVE_STAMP = re.compile(
    r"^(?:(?:last\s+)?(?:updated|modified|edited|posted|published)\s*:?\s*)?"
    r"(?:(?:\d{1,3}|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\.?\s+ago"
    r"|just\s+now)$",
    re.IGNORECASE,
)
# The number of an issue or an episode: "Issue 12", "No. 42", "Vol. 7", "Episode 3".
_NUMBERING = re.compile(r"^(?:issue|no\.?|number|vol\.?|volume|episode|ep\.?)\s*\d+$", re.IGNORECASE)
_NAME = r"[A-Z][\w'’.-]*"
_BYLINE = re.compile(
    rf"^(?:(?i:posted|written|reported))?\s*(?i:by)\s+(?:the\s+)?{_NAME}(?:\s*(?:,|&|and|{_NAME}|"
    rf"(?:de|da|di|van|von|der|den|du|dos|del|bin|ibn|al|el|le|la)\b))*$"
)
_SECTION_WORD = r"[A-Z][\w'’&.-]*"
# A section, a desk or an edition: "World", "Asia-Pacific", "Canberra edition", "Weekly digest".
_SECTION = re.compile(
    rf"^{_SECTION_WORD}(?:\s+(?:{_SECTION_WORD}|&|and|of|the|de)){{0,4}}(?:\s+(?:edition|desk|bureau|digest|newsletter|briefing|bulletin|roundup|round-up))?$"
)
# Where a line's parts meet: bars, bullets, dashes, arrows, slashes, commas, "on"/"at" before a date, and
# a space before a credit ("12/04/2023 21:30 by Jane Roe").
_SEPARATORS = re.compile(
    # "at", and the words other languages put before a clock ("à 21h14", "um 10:15", "u 14:05").
    r"\s*(?:[|•·›»>/,]|\s[-–—]\s|[–—]|\bon\b|\bat\b|(?:\bà|\bàs|\ba\s+las|\bum|\bu|\bkl\.|\bklo)(?=\s*\d))\s*"
    r"|\s+(?=[Bb]y\s+[A-Z])"
)
# A day, a month name not read here and a year out of the Gregorian range read here: another calendar.
_OTHER_CALENDAR = re.compile(r"^\d{1,2}\s+[A-Z][\w'‘’-]+(?:\s+[\w'‘’-]+){0,2},?\s+1[3-5]\d{2}(?:\s*(?:AH|H))?$")
_LONGEST_LINE = 160


def read_date_line(line: str) -> DateLine | None:
    """The date of a line that holds a date and only page furniture around it, else None."""
    text = line.rstrip()
    if not text.strip() or len(text) > _LONGEST_LINE:
        return None
    label, head = _label(text)
    if _OTHER_CALENDAR.match(text[head:].strip()):
        return DateLine(None, label)
    every = find_dates(text, foreign=True)
    dated = [d for d in every if d.year is not None and d.start >= head]
    # A day printed without a year ("Wednesday 12 April") on a line of its own is still a date line, never a
    # headline; its year is for dating to settle from the story (``loaders.dating.year_less``).
    year_less = [d for d in every if d.year is None and d.day is not None and d.start >= head]
    if not dated and not year_less:
        return None
    found = dated[0] if dated else year_less[0]
    inside_dates = [(d.start, d.end) for d in every]
    byline: tuple[int, int] | None = None
    also: list[DateLine] = []
    for region in (_parts(text, head, found.start, inside_dates), _parts(text, found.end, len(text), inside_dates)):
        in_byline = False
        for start, end in region:
            part = text[start:end]
            if _BYLINE.match(part) or (in_byline and _SECTION.match(part)):
                # "By Jane Roe, John Doe": the names after the first belong to the same credit.
                byline, in_byline = (byline[0] if in_byline and byline else start, end), True
                continue
            in_byline = False
            if label is None and (late := _LABEL_START.match(part)) and not part[late.end() :].strip():
                label = _label_name(late.group("label"))
            elif found.end <= start and (other := read_date_line(part)) is not None and other.found is not None:
                also.append(other)  # "… | Updated 15/04/2023": a second date, with its own label
            elif not (
                _TIME.match(part)
                or _READING_TIME.match(part)
                or _RELATIVE_STAMP.match(part)
                or _NUMBERING.match(part)
                or _SECTION.match(part)
                or is_weekday_name(part)
                or _OTHER_CALENDAR.match(part)
            ):
                return None  # words of a sentence: this line is more than a date
    return DateLine(found, label, byline, tuple(also))


def _label(text: str) -> tuple[str | None, int]:
    match = _LABEL_START.match(text)
    if match is None:
        return None, 0
    return _label_name(match.group("label")), match.end()


def _label_name(label: str) -> str:
    # "This article was first published on …": the label is what the sentence says of the date.
    name = re.sub(r"^this\s+\w+\s+was\s+", "", " ".join(label.split()), flags=re.IGNORECASE).capitalize()
    if name.endswith("printed"):
        return "Printed"  # "Page printed": the day of printing
    return "Updated" if name in _FOREIGN_MODIFIED else name


def _parts(text: str, start: int, end: int, dates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The non-blank stretches of ``text[start:end]`` between separators (none inside a date: "15/04/2023"
    is one), as offsets into ``text``."""
    parts: list[tuple[int, int]] = []
    position = start
    for separator in _SEPARATORS.finditer(text, start, end):
        if any(a < separator.end() and separator.start() < b for a, b in dates):
            continue
        parts.append((position, separator.start()))
        position = separator.end()
    parts.append((position, end))
    stripped = []
    for a, b in parts:
        chunk = text[a:b]
        if chunk.strip(" \t.:;"):
            lead = len(chunk) - len(chunk.lstrip(" \t"))
            stripped.append((a + lead, a + len(chunk.rstrip(" \t.:;"))))
    return stripped
