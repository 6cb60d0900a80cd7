"""Month and weekday names of the languages whose sites print English stories under their own page
furniture ("Publié le lundi 6 mars 2023", "9 Ekim 2023 Pazartesi", "Objavljeno: 3. mart 2024."), from
dateparser's language data (installed with it; nothing is fetched).

Out: ``foreign_months()`` and ``foreign_weekdays()``, lower-case names to numbers (January 1, Monday 0),
read once, on first use.
A name two languages give different numbers is left out, as are names of one or two letters and names
English already has: those are read by the English grammar, or are too short to tell from a word.

    >>> foreign_months()["août"], foreign_weekdays()["jeudi"]
    (8, 3)
"""

from __future__ import annotations

import calendar
import functools
from collections import defaultdict

__all__ = ["LANGUAGES", "foreign_months", "foreign_weekdays"]

LANGUAGES = (
    *("fr", "es", "pt", "de", "it", "nl", "tr", "id", "ms", "sv", "da", "nb", "fi", "pl", "cs", "sk"),
    *("ro", "hu", "sr", "sr-Latn", "hr", "sl", "bg", "ru", "uk", "el", "lt", "lv", "et", "sq", "ca"),
)
_MONTH_KEYS = tuple(name.lower() for name in calendar.month_name if name)
_WEEKDAY_KEYS = tuple(name.lower() for name in calendar.day_name)
_ENGLISH = frozenset(
    name.lower() for name in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr)
)


def _names(keys: tuple[str, ...], first: int) -> dict[str, int]:
    from dateparser.languages.loader import default_loader  # noqa: PLC0415 - read on first use only

    numbers: dict[str, set[int]] = defaultdict(set)
    for language in LANGUAGES:
        info = default_loader.get_locale(language).info
        for number, key in enumerate(keys, start=first):
            for name in info.get(key, []):
                word = name.lower().rstrip(".")
                if len(word) >= 3 and word.replace("-", "").isalpha() and word not in _ENGLISH:
                    numbers[word].add(number)
    return {word: found.pop() for word, found in numbers.items() if len(found) == 1}


@functools.cache
def foreign_months() -> dict[str, int]:
    """Month names of ``LANGUAGES`` to their numbers, January being 1."""
    return _names(_MONTH_KEYS, 1)


@functools.cache
def foreign_weekdays() -> dict[str, int]:
    """Weekday names of ``LANGUAGES`` to their numbers, Monday being 0."""
    return _names(_WEEKDAY_KEYS, 0)
