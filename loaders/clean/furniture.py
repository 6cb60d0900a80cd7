"""Page furniture that recurs across news sites, as patterns: one line or sentence in, a reason (or None) out.

These are the building blocks of ``loaders.clean.story``; they look at one piece of text at a time and
know nothing of its position on the page (``story`` decides by position what a short line is). Patterns
name what sites print around stories (comment forms, newsletter prompts, share buttons, ad slots,
credits, photo credits, bylines, datelines), never the wording of one particular story.
"""

from __future__ import annotations

import re

from loaders.text import words

__all__ = [
    "AGENCIES",
    "BARE_BYLINE",
    "BYLINE",
    "CREDIT_ROLE",
    "DATELINE",
    "GLUED",
    "LABELLED_CREDIT",
    "NAME",
    "OUTLET_WORDS",
    "bio_subject",
    "credit_reason",
    "furniture_line",
    "furniture_sentence",
    "is_author_bio",
    "is_gapped_menu",
    "is_masthead_like",
    "is_section_label",
    "tidy",
]

# News agencies and photo services whose names end photo captions ("… 2023. REUTERS/Name/Pool").
AGENCIES = (
    "Reuters|REUTERS|AFP|AP|EPA|EPA-EFE|Xinhua|XINHUA|Getty Images|Bloomberg|Anadolu|Anadolu Agency|Kyodo|"
    "Yonhap|Sputnik|SPUTNIK|TASS|Tass|IANS|PTI|ANI|Pool|POOL|Handout|HANDOUT|Shutterstock|Alamy|dpa|DPA|WAM|SPA|"
    "KCNA|Kremlin|Bernama|Antara|ZUMA|NurPhoto|SOPA Images|Imaginechina|Pacific Press"
)
# Words that make a capitalised name an organisation (an outlet), not a person.
OUTLET_WORDS = frozenset(
    (
        *("agency", "associated", "bbc", "bloomberg", "broadcasting", "cable", "channel", "chronicle", "cnn"),
        *("daily", "digest", "express", "gazette", "guardian", "herald", "journal", "magazine", "media"),
        *("network", "news", "newspaper", "observer", "online", "post", "press", "radio", "reuters", "review"),
        *("star", "telegraph", "television", "times", "today", "tribune", "tv", "wire", "xinhua", "afp", "ap"),
        *("world", "desk", "staff"),
    )
)

_PARTICLE = r"(?:de|da|di|van|von|der|den|du|dos|del|bin|ibn|al|el|le|la)"
_NAME_PART = r"(?:[A-Z][\w'’.\-]*|[A-Z]\.)"
# A person's name as printed in credits: capitalised tokens, with the particles of many languages.
NAME = rf"{_NAME_PART}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_PART}){{0,4}}"

# Phrases that close a page region and are often glued to the next text without a line break
# ("Required fields are marked *Stay informed…", "…ads will show in this divMon. Apr 29th").
GLUED: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Capitalised as on the page: "leave a comment" inside a sentence is prose.
    ("comment-prompt", re.compile(r"Leave [aA] (?:Reply|Comment|reply|comment)(?: to \w+(?: \w+)?)?|Cancel [rR]eply")),
    ("comment-prompt", re.compile(r"Your email address will not be published\.?", re.IGNORECASE)),
    ("comment-prompt", re.compile(r"Required fields are marked\s*\*?", re.IGNORECASE)),
    ("comment-prompt", re.compile(r"Comments are closed(?: on this (?:story|article|post))?\.?", re.IGNORECASE)),
    ("comment-prompt", re.compile(r"Save my name, email,? and website in this browser[^.]*\.", re.IGNORECASE)),
    ("ad", re.compile(r"\b\w+ ads? will show in this div", re.IGNORECASE)),
    # "Advertisement" only where it cannot be a word of a sentence: in capitals, or between sentences.
    ("ad", re.compile(r"ADVERTISEMENT|(?:^|(?<=[.!?”\"*]))\s*Advertisement\b(?=\s*(?:$|[-–—|:]|[A-Z]))")),
    ("ad", re.compile(r"(?:Story|Article) continues below(?: this)? advertisement", re.IGNORECASE)),
    ("share-subscribe", re.compile(r"Stay informed with free updates", re.IGNORECASE)),
    ("page-header", re.compile(r"Skip to (?:main )?content", re.IGNORECASE)),
)

# Whole sentences that are never story: they talk to the reader about the page, not about the news.
_SENTENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "comment-prompt",
        re.compile(
            r"^(?:leave a (?:reply|comment)|post a comment|add a comment|join the (?:conversation|discussion)|"
            r"\d+ comments?|comments?(?: \(\d+\))?|be the first to comment\b.*|(?:view|show|hide) comments|"
            r"comments are closed\b.*|your email address will not be published\b.*|required fields are marked\b.*|"
            r"you must be logged in to (?:post|leave) a comment\b.*|comment policy\b.*|"
            r"save my name, email,? and website\b.*)$",
            re.IGNORECASE,
        ),
    ),
    (
        "share-subscribe",
        re.compile(
            r"\bfollow us on\b|\bfollow (?:[\w@.]+ ){0,3}on (?:twitter|facebook|x|instagram|telegram|whatsapp|linkedin|"
            r"google news|threads|bluesky)\b|\bstay informed with\b|delivered (?:straight |directly )?to your inbox|"
            r"\bsign up (?:for|to)\b.*\b(?:newsletters?|digest|alerts|briefing|inbox)\b|"
            r"\bsubscribe (?:to|for)\b.*\b(?:newsletters?|channel|digest|alerts|updates)\b|\bsubscribe now\b|"
            r"\b(?:we are|we're) (?:also )?on (?:facebook|twitter|instagram|youtube|telegram|whatsapp|x)\b|"
            r"\bjoin our (?:\w+ )?(?:channel|community|newsletter)\b|\bdownload (?:our|the \w+) app\b|"
            r"\bshare this (?:article|story|post|page)\b|\bclick here (?:to|for)\b|\bfor the latest news\b|"
            r"\balready a subscriber\b|\bthis (?:article|story|content) is (?:for|available to) subscribers\b",
            re.IGNORECASE,
        ),
    ),
    (
        "ad",
        re.compile(
            r"^(?:advertisement|sponsored(?: content)?|promoted(?: content| stories)?|paid (?:content|post)|"
            r"(?:story|article) continues(?: below)?(?: this)?(?: advertisement)?|scroll to continue(?: with content)?|"
            r"continue reading (?:below|the main story)|ad feedback|ad)$|\bads? will show in this div\b",
            re.IGNORECASE,
        ),
    ),
    (
        "cookie-notice",
        re.compile(
            r"\b(?:we|this (?:site|website)|our (?:site|website|partners)) (?:use|uses|may use) cookies\b|"
            r"\baccept (?:all )?cookies\b|\b(?:manage|reject (?:all )?) ?cookies\b|"
            r"\bcookies? (?:policy|settings|preferences|consent|notice)\b",
            re.I,
        ),
    ),
)

# Lines that are furniture whole (buttons, labels, navigation), not sentences.
_SHARE_BUTTON = (
    r"share|share this|share on \w+|tweet|email|e-mail|print|copy link|link copied|facebook|twitter|x|whatsapp|"
    r"linkedin|telegram|reddit|pinterest|messenger|save(?: (?:this )?article)?|bookmark|gift (?:this )?article|"
    r"listen(?: to this article)?(?:\s*·?\s*\d+\s*min(?:ute)?s?)?|▶"
)
# Labelled credits of wire and state media pages and podcasts: "Editor: Li Ming", "Source: Xinhua", "Host: Jane
# Roe"; also in
# the languages of outlets that print English stories with their own labels ("Edição: …").
LABELLED_CREDIT = re.compile(
    r"^(?:editors?|edited by|reporters?|authors?|writers?|sources?|via|text|words|texte|texto|edição|edicao|"
    r"edición|redacción|rédaction|redaktion|hosts?|guests?|presenters?|moderators?|interviewers?)\s*:\s*\S",
    re.IGNORECASE,
)
_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "related-headline",
        re.compile(
            r"^(?:see also|read also|also read|also see|read more|more on this(?: story)?|related(?: stories| articles"
            r"| news| coverage| content| posts)?|recommended(?: for you| stories)?|you (?:may|might) also like|"
            r"most (?:read|popular|viewed)|trending(?: now| stories)?|more from [\w ]+|more stories|"
            r"latest (?:news|stories)|top stories|editor'?s picks)\b\s*(?:[:|»>\-–—]|\s|$)",
            re.IGNORECASE,
        ),
    ),
    ("related-headline", re.compile(r"^(?:WATCH|Watch|LISTEN|Listen|VIDEO|Video|PHOTOS|Photos)\s*:")),
    ("tag-list", re.compile(r"^(?:tags?|topics?|filed under|categories|category|keywords)\s*:", re.IGNORECASE)),
    ("share-subscribe", re.compile(rf"^(?:(?:{_SHARE_BUTTON})[\s|•·,]*)+$", re.IGNORECASE)),
    # A label in any language before two or more of the buttons: "Partilhar: Facebook | E-mail".
    ("share-subscribe", re.compile(rf"^[^\W\d]{{2,20}}\s?:\s*(?:(?:{_SHARE_BUTTON})[\s|•·,]*){{2,}}$", re.IGNORECASE)),
    ("byline", re.compile(r"^(?:avatar(?: photo| image)?|author(?:'s)? (?:photo|image|avatar))$", re.IGNORECASE)),
    (
        "page-header",
        re.compile(
            r"^(?:\d+\s*(?:min(?:ute)?s?|mins?)\.?\s+read|(?:estimated )?read(?:ing)? time\s*:?\s*\d+\s*min(?:ute)?s?|"
            r"(?:updated|posted|published)\s*:?\s*\d+\s+\w+\s+ago|"
            r"menu|search|home|sign in|log ?in|subscribe|register|close|open|toggle navigation|"
            r"breaking news|live|latest)$",
            re.IGNORECASE,
        ),
    ),
    ("page-header", re.compile(r"^(?:[^>»/]{1,40}\s[>»/]\s){2,}[^>»/]{1,60}$")),  # breadcrumbs: Home > World > Asia
    ("credit", re.compile(r"^(?:©|\(c\)\s|copyright\b|all rights reserved\b)", re.IGNORECASE)),
    ("credit", re.compile(r"^our standards\s*:|trust principles\.?$", re.IGNORECASE)),
    (
        "credit",
        re.compile(
            r"\bcontributed (?:reporting )?to this (?:report|story|article)\.?$|^\(?with inputs from\b|"
            r"\bauto-generated from a syndicated feed\b|^\(?this (?:story|article|report) has not been edited by\b|"
            r"^(?:image|media|photo) source\s*[,:]",
            re.IGNORECASE,
        ),
    ),
    ("share-subscribe", re.compile(r"^\d[\d.,]*[KkMm]?\s+(?:shares?|views?|comments?|likes?|reads?)$", re.IGNORECASE)),
    ("credit", LABELLED_CREDIT),
    ("separator", re.compile(r"^[\W_]+$")),  # rules and dividers: "___", "* * *", "—"
    # A photo credit alone on its line: "Photo: Reuters", "REUTERS/Jane Doe", "(AP Photo/John Roe)" (a
    # caption after such a label is read by ``caption_label`` first).
    (
        "credit",
        re.compile(r"^\(?(?:photo|image|picture|photograph|file photo|credit)s?(?: credit)?\s*:", re.IGNORECASE),
    ),
    ("credit", re.compile(rf"^\(?(?:{AGENCIES})(?:\s+Photo)?(?:\s*/\s*[^/\n()]{{1,60}})+\)?$")),
    ("credit", re.compile(r"^\((?:[A-Z]+ )?Photo(?:graph)?s?/[^()]+\)$")),
)

# "Reporting by …", "Writing by …; Editing by …", "(Additional reporting by …)" followed by a name.
CREDIT_ROLE = re.compile(
    r"\(?\b(?P<role>(?i:(?:additional |further )?(?:reporting|coverage|writing|written|editing|edited|reported|"
    r"compiled|research|researched|production|produced|graphics|photos?|photography|video|translation|translated)"
    r"(?: and (?:reporting|writing|editing|production))?))"
    # "with reporting from Berlin by …": where the credited work was done may come before "by".
    r"(?: (?i:from|in) [A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2})? (?i:by)\s+(?=" + NAME + r")"
)
# A byline without "By", as some sites print it under the headline: "Jane Roe in Amman".
_FULL_NAME = rf"{_NAME_PART}(?:\s+(?:{_PARTICLE}\s+)?{_NAME_PART}){{1,4}}"
BARE_BYLINE = re.compile(
    rf"^(?P<names>{_FULL_NAME}(?:\s*(?:,|and|&)\s*{_FULL_NAME})*) in (?P<place>[A-Z][\w .'’-]{{1,40}})$"
)
# A name in a byline, with where the reporter filed from: "Jane Roe in Lagos".
_FILING_NAME = rf"{NAME}(?:\s+in\s+[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){{0,2}})?"
BYLINE = re.compile(
    r"^(?i:by|written by|posted by|authored by|author:)\s+"
    rf"(?P<names>{_FILING_NAME}(?:\s*(?:,|and|&)\s*{_FILING_NAME})*)"
    r"(?:\s*(?:[,|/•·]|\s[-–—])\s*(?P<rest>[^.!?]{1,80}))?\s*$"
)
_SECTION_SEPARATORS = re.compile(r"\s*[›»>|/•·]\s*")
_MENU_GAPS = re.compile(r"[ \t]{2,}|\t")
# Words of news sites' navigation: sections, desks and regions of the world.
SECTION_WORDS = frozenset(
    (
        *("world", "news", "latest", "top", "stories", "home", "politics", "political", "diplomacy", "opinion"),
        *("analysis", "features", "feature", "business", "economy", "markets", "international", "national"),
        *("foreign", "affairs", "global", "security", "defence", "defense", "military", "region", "regions"),
        *("asia", "asia-pacific", "pacific", "europe", "european", "africa", "african", "americas", "america"),
        *("latin", "middle", "east", "south", "southeast", "north", "northeast", "central", "west", "western"),
        *("eastern", "gulf", "arab", "oceania", "korean", "peninsula", "subcontinent", "us", "uk", "eu", "un"),
        *("explainer", "insight", "in-depth", "live", "breaking", "exclusive", "special", "report", "reports"),
        *("government", "policy", "nation"),
    )
)
_CITY_CAPS = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_CITY_TITLE = r"[A-Z][a-z'’\-]+(?:\s+[A-Z][a-z'’\-]+){0,2}"
_REGION = r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’]*(?:\s+[A-Z][A-Za-z.'’]*){0,2}))?"
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# "June 19", "19 June", "Nov. 3rd", and with a year: "November 3, 2023", "3 Nov 2023".
_DATE_MD = (
    rf"(?:,?\s*(?P<md>(?:{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH_NAME})"
    r"(?:,?\s+(?:19|20)\d{2}(?!\d))?))?"
)
_AGENCY = r"\((?P<agency>[A-Z][\w&.' ]{0,30}?)\)"
# "BEIJING (Reuters) –", "WASHINGTON, D.C. —", "Beijing, June 19 (Reuters) -", "JAKARTA, Indonesia, Sept 4
# (Reuters) -", "JAKARTA:", "Lagos, 3 March 2024 —", "Pune, Nov 3 (PTI) The …": city in capitals, or any
# capitalised city when a date or an agency follows. A colon ends a dateline only after a city in capitals
# or a date ("colon" is set), which cleaning checks is a place.
DATELINE = re.compile(
    rf"^(?:(?P<city>{_CITY_CAPS}){_REGION}{_DATE_MD}\s*(?:{_AGENCY})?"
    rf"|(?P<city2>{_CITY_TITLE}){_REGION.replace('region', 'region2')}"
    # A city in title case needs an agency or a date after it to be a dateline ("Manila, Nov 3 (IANS)").
    rf"(?:{_DATE_MD.replace('md', 'md2')[:-1]}\s*(?:{_AGENCY.replace('agency', 'agency2')})?"
    rf"|\s*{_AGENCY.replace('agency', 'agency4')})"
    rf"|{_AGENCY.replace('agency', 'agency3')})"
    # Then a dash, a colon (after a city in capitals or a date), or, after an agency, just the story.
    r"\s*(?:[–—]|--?|(?<=[A-Za-z)\d])(?P<colon>:)|(?<=\))(?=\s))\s+(?=[\"“‘A-Z0-9])"
)

_BIO_FIRST = re.compile(
    rf"^(?P<name>{NAME}) (?:is|was|has been|serves as) (?:an?|the|our|their) [^.]{{0,80}}?\b"
    r"(?:correspondent|reporter|journalist|editor|writer|columnist|contributor|producer|anchor|bureau chief|"
    r"freelancer|photographer|(?:staff|senior) writer|analyst for|fellow at)\b"
)
_BIO_HINTS = re.compile(
    r"\bbased in\b|\bcovers\b|\bhas covered\b|\bjoined\b|\bholds an? (?:BA|MA|BS|degree|master)|\bgraduated?\b|"
    r"\bin (?:her|his|their) \d+ years\b|\bpreviously (?:worked|served|reported)\b|\bbefore joining\b|"
    r"\bfollow (?:her|him|them)\b|@\w+|\breach (?:her|him|them) at\b|\bfellowship\b",
    re.IGNORECASE,
)

_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "de", "du", "la", "le", "el", "al", "on", "in", "a"})


def tidy(text: str) -> str:
    """``text`` on one line, without the punctuation that frames a label ("By X |" gives "By X")."""
    return " ".join(text.split()).strip(" .,;:|-–—*")


def is_section_label(text: str) -> bool:
    """A site's section or breadcrumb ("World", "Asia-Pacific › Korean Peninsula", "Politics | Diplomacy"):
    labels of the site's own navigation, which are neither the headline nor the outlet."""
    parts = [p for p in _SECTION_SEPARATORS.split(text.strip()) if p.strip()]
    if len(parts) >= 2 and all(is_masthead_like(p) for p in parts):
        return True
    found = [w.lower() for w in words(text)]
    return bool(found) and all(w in SECTION_WORDS or w in _CONNECTORS for w in found)


def is_gapped_menu(line: str) -> bool:
    """A menu set out with gaps instead of bars ("Home   Sport   Weather   Podcasts"): three or more items of
    one or two capitalised words, each apart from the next by a run of spaces or a tab. ``line`` as printed."""
    items = _MENU_GAPS.split(line.strip())
    return len(items) >= 3 and all(is_masthead_like(item) and len(words(item)) <= 2 for item in items)


def is_masthead_like(text: str) -> bool:
    """A short line of capitalised words and no sentence punctuation: a site name, a section, a tag."""
    found = words(text)
    if not 1 <= len(found) <= 5 or text.rstrip()[-1:] in ".!?:" or any(c.isdigit() for c in text):
        return False
    return all(w[0].isupper() or w.lower() in _CONNECTORS for w in found)


def furniture_sentence(sentence: str) -> str | None:
    """The reason a sentence is page furniture (newsletter, comments, ads, cookies), else None."""
    text = sentence.strip()
    if not text or len(words(text)) > 40:
        return None
    for reason, pattern in _SENTENCES:
        if pattern.search(text):
            return reason
    if LABELLED_CREDIT.search(text):
        return "credit"  # "… travelled with the delegation. Text: Jane Roe, Beijing."
    return credit_reason(text)


def credit_reason(text: str) -> str | None:
    """ "credit" for a credit line or sentence ("Reporting by A in X; Editing by B"), else None."""
    match = CREDIT_ROLE.match(text.strip())
    return "credit" if match is not None else None


def furniture_line(line: str) -> str | None:
    """The reason a whole line is furniture (buttons, labels, "See also …", copyright, bylines), else None."""
    text = line.strip()
    for reason, pattern in _LINES:
        if pattern.search(text):
            return reason
    if credit_reason(text):
        return "credit"
    match = BYLINE.match(text)
    if match is not None and not _names_are_dates(match.group("names")):
        return "byline"
    return None


def _names_are_dates(names: str) -> bool:
    # "By Sunday, talks had ended" is not a byline; neither is "By March 2024".
    first = names.split(maxsplit=1)[0].lower().rstrip(".,")
    return first in {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} or first in {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "then", "now", "contrast", "comparison", "far", "the",
    }  # fmt: skip


def is_author_bio(text: str, *, at_page_end: bool) -> bool:
    """An "About the author" paragraph: "<Name> is a … correspondent …", with telling details or at the page end."""
    if _BIO_FIRST.match(text.strip()) is None:
        return False
    # "X is a reporter" alone can be news (a detained journalist): a bio also tells where the author
    # is based, what they cover, when they joined.
    hints = len(_BIO_HINTS.findall(text))
    return hints >= 2 or (hints >= 1 and at_page_end)


def bio_subject(text: str) -> str | None:
    """The name an author bio is about ("Jane Doe is a senior correspondent …" gives "Jane Doe")."""
    match = _BIO_FIRST.match(text.strip())
    return match.group("name") if match is not None else None
