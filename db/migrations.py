"""Schema migrations through Alembic's command API, without an ini file.

    >>> from sqlalchemy.ext.asyncio import AsyncEngine

from db.session import create_engine
from db.settings import Settings
    >>> upgrade(Settings(database_url="sqlite+aiosqlite:///kb.db"))  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncEngine

from alembic import command
from db.session import create_engine
from db.settings import Settings

__all__ = ["current", "current_revision", "downgrade", "head", "script_location", "upgrade"]


def script_location() -> Path:
    """The ``alembic/`` folder: inside the installed package, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "alembic", here.parent / "alembic"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the alembic/ migrations folder is missing from this installation")


def _config(settings: Settings) -> Config:
    config = Config()
    config.set_main_option("script_location", str(script_location()))
    config.set_main_option("path_separator", "os")
    config.attributes["settings"] = settings
    return config


def upgrade(settings: Settings, revision: str = "head") -> None:
    """Migrate the database of ``settings`` up to ``revision``."""
    command.upgrade(_config(settings), revision)


def downgrade(settings: Settings, revision: str = "base") -> None:
    """Migrate the database of ``settings`` down to ``revision`` (default: empty)."""
    command.downgrade(_config(settings), revision)


async def current_revision(engine: AsyncEngine) -> str | None:
    """The revision the database behind ``engine`` is at, or None when it was never migrated."""
    async with engine.connect() as connection:
        return await connection.run_sync(
            lambda sync_connection: MigrationContext.configure(sync_connection).get_current_revision()
        )


def current(settings: Settings) -> str | None:
    """The revision the database of ``settings`` is at, or None when it was never migrated."""

    async def read() -> str | None:
        engine = create_engine(settings)
        try:
            return await current_revision(engine)
        finally:
            await engine.dispose()

    return asyncio.run(read())


def head() -> str:
    """The newest revision this code ships."""
    revision = ScriptDirectory(str(script_location())).get_current_head()
    if revision is None:
        raise RuntimeError("no migrations found")
    return revision
