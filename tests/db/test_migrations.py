"""Migrations go up, down and up again, and leave exactly the schema the models describe."""

from __future__ import annotations

import asyncio

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from db import migrations
from db.models import Base
from db.session import create_engine
from db.settings import Settings


async def _table_names(settings: Settings) -> set[str]:
    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
    finally:
        await engine.dispose()
    return set(names) - {"alembic_version"}


async def _schema_differences(settings: Settings) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(compare)
    finally:
        await engine.dispose()


def test_upgrade_downgrade_upgrade(settings: Settings) -> None:
    assert migrations.current(settings) is None
    migrations.upgrade(settings)
    assert migrations.current(settings) == migrations.head()
    assert asyncio.run(_table_names(settings)) == set(Base.metadata.tables)

    migrations.downgrade(settings, "base")
    assert migrations.current(settings) is None
    assert asyncio.run(_table_names(settings)) == set()

    migrations.upgrade(settings)
    assert migrations.current(settings) == migrations.head()


def test_migrated_schema_matches_models(migrated_settings: Settings) -> None:
    assert asyncio.run(_schema_differences(migrated_settings)) == []


def test_upgrade_at_head_changes_nothing(migrated_settings: Settings) -> None:
    migrations.upgrade(migrated_settings)
    assert migrations.current(migrated_settings) == migrations.head()
