"""Name keys: a spelling in, the normalised form and the surname keys used for look-ups out.

>>> normalize_name("Antony J. Blinken")
'antony j blinken'
>>> sorted(surname_keys("Ursula von der Leyen", family_name_first=False))
['der leyen', 'leyen', 'von der leyen']
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FAMILY_NAME_FIRST", "normalize_name", "surname_keys"]

# Letters that NFKD does not decompose into a base letter plus accents.
_TRANSLITERATE = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "\u0131": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
    }
)
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

# Where a surname is the first word of a name as English-language news writes it (Wang Yi, Kim Jong Un,
# Nguyen Phu Trong), or, in Thailand and Indonesia, where news calls people by their first name.
FAMILY_NAME_FIRST = frozenset({"CN", "TW", "HK", "MO", "KR", "KP", "VN", "KH", "TH", "ID"})

# Lower-case particles that belong to the surname after them ("von der Leyen", "Le Drian", "bin Salman").
_PARTICLES = frozenset(
    {"al", "bin", "d", "da", "das", "de", "del", "della", "der", "di", "dos", "du", "el", "ibn", "la", "le"}
    | {"o", "ter", "van", "von", "zu"}
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def normalize_name(text: str) -> str:
    """Any spelling in; lowercase ASCII words separated by single spaces out (accents and punctuation gone)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_ALNUM.sub(" ", bare.casefold()).split())


def surname_keys(spelling: str, *, family_name_first: bool) -> frozenset[str]:
    """A full spelling in; the normalised keys a surname search should find it by out.

    Words are split on whitespace only, so a hyphenated given name ("Ching-te") stays one word and
    never yields a stray "te".
    """
    words = [word for word in (normalize_name(part) for part in spelling.split()) if word]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    if not words:
        return frozenset()
    keys = {words[-1]}
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
        keys.add(" ".join(words[start:]))
    if family_name_first:
        keys.add(words[0])
    return frozenset(keys)
