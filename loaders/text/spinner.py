"""The substitutions article spinners make, read once from ``loaders/text/data/spinner.yaml``.

Machine-rewritten copies of wire stories replace words with "synonyms" ("acquired by" for "received by",
"in Could" for "in May", "the Center East" for "the Middle East"). Stages that read words ask here for the
word a spun form stands for, so that one table, not a rule per stage, covers them.

    >>> unspun_lemma("acquire"), spun_month("Could"), spun_phrases("Middle East")  # doctest: +SKIP
    ('receive', 5, ('center east', 'centre east'))
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

import yaml

from loaders.text.dates import MONTHS

__all__ = ["SpinnerTable", "spun_month", "spun_phrases", "unspun_lemma"]


@dataclass(frozen=True)
class SpinnerTable:
    """Spun lemmas, month names and phrases, each with what it stands for."""

    lemmas: dict[str, str]
    months: dict[str, int]
    phrases: dict[str, str]

    @classmethod
    def load(cls) -> SpinnerTable:
        """The table of ``spinner.yaml``, read once per process."""
        return _load()

    @classmethod
    def from_data(cls, data: dict[str, dict[str, str]]) -> SpinnerTable:
        """A table from a spinner.yaml's content; a month must be a month's name."""
        months = {}
        for spun, original in (data.get("months") or {}).items():
            number = MONTHS.get(original.lower())
            if number is None:
                raise ValueError(f"spinner.yaml: {spun!r} stands for {original!r}, which is no month")
            months[spun] = number
        lemmas = {spun.lower(): original.lower() for spun, original in (data.get("lemmas") or {}).items()}
        phrases = {" ".join(spun.lower().split()): original for spun, original in (data.get("phrases") or {}).items()}
        return cls(lemmas, months, phrases)


def unspun_lemma(lemma: str) -> str:
    """The lemma a spun verb or noun stands for ("acquire" -> "receive"), or ``lemma`` itself."""
    return SpinnerTable.load().lemmas.get(lemma, lemma)


def spun_month(word: str) -> int | None:
    """The month a spun month name stands for ("Could" -> 5), as printed (capitalised), else None."""
    return SpinnerTable.load().months.get(word)


def spun_phrases(original: str) -> tuple[str, ...]:
    """The spun forms of a phrase ("Middle East" -> "center east", "centre east"), lower case."""
    key = " ".join(original.lower().split())
    return tuple(spun for spun, stands_for in SpinnerTable.load().phrases.items() if stands_for.lower() == key)


@functools.cache
def _load() -> SpinnerTable:
    text = (files("loaders.text") / "data" / "spinner.yaml").read_text(encoding="utf-8")
    return SpinnerTable.from_data(yaml.safe_load(text))
