"""The schema as SDL, the text checked in at ``schema/schema.graphql`` (regenerate: ``make schema``)."""

from __future__ import annotations

from pathlib import Path

from db.settings import Settings
from schema.root import build_schema

__all__ = ["SDL_PATH", "schema_sdl"]

SDL_PATH = Path(__file__).resolve().parent / "schema.graphql"


def schema_sdl() -> str:
    """The SDL of the schema; limits and switches in the settings do not change it."""
    return build_schema(Settings()).as_str() + "\n"
