"""Topic matching: a text in, the topics of readout's taxonomy it discusses out, with evidence.

The taxonomy and each topic's vocabulary live in ``loaders/extract/data/topics.yaml``. Every pattern is a
whole-word, case-insensitive regular expression, either *strong* (one mention shows the topic:
"fentanyl", "AUKUS") or *weak* (common beside the topic but also without it: "Russia", "students").
A text has a topic when its mentions score at least ``min_mentions`` strong ones, a weak mention
counting half: one strong or two weak mentions by default. So a passing "students" or "Moscow"
does not tag an article, while "Taiwan" does.

    >>> TopicMatcher.load().topics_of("Talks on fentanyl and on Taiwan.")  # doctest: +SKIP
    {'taiwan': ['Taiwan'], 'fentanyl': ['fentanyl']}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import yaml

from loaders.text import SpinnerTable

__all__ = ["TopicDefinition", "TopicMatch", "TopicMatcher"]


@dataclass(frozen=True)
class TopicDefinition:
    """One topic of the taxonomy: its stable slug, a label for people, and what it covers."""

    slug: str
    label: str
    description: str


@dataclass(frozen=True)
class TopicMatch:
    """One mention of a topic: the phrase as written and its character offsets in the text."""

    slug: str
    phrase: str
    start: int
    end: int
    strong: bool = True


@dataclass(frozen=True)
class _Topic:
    definition: TopicDefinition
    any: re.Pattern[str]  # all patterns in one alternation: a fast first pass
    patterns: tuple[tuple[re.Pattern[str], bool], ...]  # (pattern, strong), to pick the longest


def _compile(slug: str, source: str) -> re.Pattern[str]:
    try:
        # Lookarounds rather than \b, so that a pattern may begin or end with punctuation ("U.S.").
        return re.compile(rf"(?<!\w)(?:{source})(?!\w)", re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"topics.yaml: {slug}: bad pattern {source!r}: {exc}") from exc


class TopicMatcher:
    """Finds the topics of the taxonomy in texts; ``TopicMatcher.load()`` gives the shared one."""

    def __init__(self, topics: Sequence[_Topic]) -> None:
        self._topics = tuple(topics)

    @classmethod
    def load(cls) -> TopicMatcher:
        """The matcher of ``loaders/extract/data/topics.yaml``, read once per process."""
        return _load()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> TopicMatcher:
        """A matcher from the content of a topics.yaml (``{"topics": [{slug, label, ...}, ...]}``)."""
        topics = []
        for entry in data["topics"]:
            slug = str(entry["slug"])
            definition = TopicDefinition(slug, str(entry["label"]), str(entry["description"]))
            if not entry.get("strong"):
                raise ValueError(f"topics.yaml: {slug} has no strong pattern")
            sources = [(str(p), True) for p in entry["strong"]] + [(str(p), False) for p in entry.get("weak") or []]
            patterns = tuple((_compile(slug, source), strong) for source, strong in sources)
            spun = _spun_forms(patterns)
            sources += [(pattern.pattern, strong) for pattern, strong in spun]
            patterns += spun
            topics.append(_Topic(definition, _compile(slug, "|".join(s for s, _ in sources)), patterns))
        if len({t.definition.slug for t in topics}) != len(topics):
            raise ValueError("topics.yaml: a slug is listed twice")
        return cls(topics)

    @property
    def definitions(self) -> tuple[TopicDefinition, ...]:
        """The taxonomy, in the order of topics.yaml."""
        return tuple(topic.definition for topic in self._topics)

    def find(self, text: str) -> list[TopicMatch]:
        """Every mention of every topic in ``text``, by position.

        Where phrases of one topic overlap, the leftmost longest stands ("Taiwan Strait", not
        "Taiwan"), and at equal length a strong one.
        """
        found: list[TopicMatch] = []
        for topic in self._topics:
            position = 0
            while (first := topic.any.search(text, position)) is not None:
                at = first.start()
                matches = ((m, strong) for pattern, strong in topic.patterns if (m := pattern.match(text, at)))
                best, strong = max(matches, key=lambda pair: (pair[0].end(), pair[1]))
                if best.end() > at:  # an empty match would say nothing
                    found.append(TopicMatch(topic.definition.slug, best.group(), at, best.end(), strong))
                position = max(best.end(), at + 1)
        return sorted(found, key=lambda match: (match.start, match.end, match.slug))

    def topics_of(self, text: str, *, min_mentions: int = 1) -> dict[str, list[str]]:
        """Topic slug -> the phrases that show it (deduplicated, in text order), in taxonomy order.

        A topic counts when its strong mentions plus half its weak ones reach ``min_mentions``.
        """
        scores: dict[str, int] = {}
        phrases: dict[str, dict[str, str]] = {}
        for match in self.find(text):
            scores[match.slug] = scores.get(match.slug, 0) + (2 if match.strong else 1)
            phrases.setdefault(match.slug, {}).setdefault(match.phrase.casefold(), match.phrase)
        return {
            slug: list(phrases[slug].values())
            for slug in (topic.definition.slug for topic in self._topics)
            if scores.get(slug, 0) >= 2 * min_mentions
        }


def _spun_forms(patterns: Sequence[tuple[re.Pattern[str], bool]]) -> tuple[tuple[re.Pattern[str], bool], ...]:
    """Patterns for the spinner's forms of the phrases a topic's patterns match ("Center East" for "Middle
    East"), each as strong as the pattern it stands in for."""
    found = []
    for spun, original in SpinnerTable.load().phrases.items():
        for pattern, strong in patterns:
            if (match := pattern.fullmatch(original)) is not None and match.end() == len(original):
                found.append((_compile("spinner", r"\s+".join(map(re.escape, spun.split()))), strong))
                break
    return tuple(found)


@functools.cache
def _load() -> TopicMatcher:
    data = yaml.safe_load((files("loaders.extract") / "data" / "topics.yaml").read_text(encoding="utf-8"))
    return TopicMatcher.from_data(data)
