"""What the resolve stage produces: actors as the knowledge base or the text describes them, and the
places in the text that name them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from db.services.actors import PositionSpec

__all__ = ["ActorMention", "ResolvedActor", "slugify"]


def slugify(text: str) -> str:
    """A lowercase ASCII slug: ``slugify("Lai Ching-te") == "lai-ching-te"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass(frozen=True)
class ResolvedActor:
    """An actor: from the knowledge base (``known``) or built from what the text says of it."""

    slug: str
    kind: str
    name: str
    country: str | None = None
    description: str | None = None
    aliases: tuple[str, ...] = ()
    positions: tuple[PositionSpec, ...] = field(default=(), compare=False, hash=False)
    known: bool = True
    gender: str | None = field(default=None, compare=False, hash=False)
    """"female" or "male" when the knowledge base says: what "she" or "he" must agree with."""


@dataclass(frozen=True)
class ActorMention:
    """``text[start:end]`` refers to ``actor``; ``named`` is False for a bare title ("China's top diplomat")."""

    actor: ResolvedActor
    spelling: str
    start: int
    end: int
    named: bool = True
