"""The seeds, loaded through the loaders' pipeline (the way ``readout load seeds/`` does)."""

from __future__ import annotations

from db.session import create_engine, create_session_factory
from db.settings import Settings
from loaders.pipeline import load_inputs
from tests.conftest import REPO

__all__ = ["SEEDS", "load_seeds"]

SEEDS = sorted((REPO / "seeds").glob("*.txt"))


async def load_seeds(settings: Settings) -> None:
    """Load the five seeds into the (migrated) database of ``settings``."""
    engine = create_engine(settings)
    try:
        report = await load_inputs(create_session_factory(engine), SEEDS, max_bytes=10_000_000)
    finally:
        await engine.dispose()
    assert report.loaded == len(SEEDS) == 5
    assert not report.failed
