"""Alembic environment: runs migrations on the async engine of ``db.session``, so the same URL, schema
and SQLite pragmas apply as in the product. Settings come from ``config.attributes["settings"]`` when
``db.migrations`` calls in, else from the environment."""

import asyncio

from sqlalchemy.engine import Connection

from alembic import context
from db.models import Base
from db.queue_schema import is_queue_table
from db.session import create_engine
from db.settings import Settings, get_settings

config = context.config
target_metadata = Base.metadata


def _settings() -> Settings:
    settings = config.attributes.get("settings")
    return settings if isinstance(settings, Settings) else get_settings()


def _ours(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate compares readout's tables only: the job queue's are procrastinate's (db.queue_schema)."""
    return not (type_ == "table" and is_queue_table(name))


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_name=_ours,
        # SQLite cannot ALTER most things; batch mode rebuilds tables, and is a no-op on Postgres.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_engine(_settings())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_configure)
    finally:
        await engine.dispose()


def _run_offline() -> None:
    context.configure(
        url=_settings().database_url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _run_offline()
else:
    asyncio.run(_run_online())
