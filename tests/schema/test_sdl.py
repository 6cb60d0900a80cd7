"""The checked-in SDL is the schema the code builds."""

from __future__ import annotations

from schema.sdl import SDL_PATH, schema_sdl


def test_checked_in_sdl_matches_the_code() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == schema_sdl(), "schema/schema.graphql is stale: run `make schema`"
