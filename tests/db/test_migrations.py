"""Migrations go up, down and up again, and leave exactly the schema the models describe; the data
they convert (reference dates' precision and audit trails) goes up and down with them."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from db import migrations
from db.models import Base
from db.queue_schema import is_queue_table
from db.session import create_engine
from db.settings import Settings


async def _table_names(settings: Settings) -> set[str]:
    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
    finally:
        await engine.dispose()
    # The job queue's tables are procrastinate's (Postgres only), not described by the models.
    return {name for name in names if not is_queue_table(name)} - {"alembic_version"}


async def _schema_differences(settings: Settings) -> list[object]:
    def compare(connection: Connection) -> list[object]:
        def ours(name: str | None, kind: str, _parents: object) -> bool:
            return not (kind == "table" and is_queue_table(name))

        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": ours})
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


# The revision before articles.reference_date_precision, and the tables as they were then.
BEFORE_PRECISION = "db63c52b7887"


def _articles(*, with_precision: bool) -> sa.TableClause:
    columns = [
        sa.column("id", sa.Integer()),
        sa.column("source", sa.Text()),
        sa.column("authors", sa.JSON()),
        sa.column("raw_text", sa.Text()),
        sa.column("text", sa.Text()),
        sa.column("content_hash", sa.String()),
        sa.column("ingested_at", sa.DateTime(timezone=True)),
        sa.column("reference_date", sa.Date()),
        sa.column("reference_date_basis", sa.JSON()),
    ]
    if with_precision:
        columns.append(sa.column("reference_date_precision", sa.String()))
    return sa.table("articles", *columns)


ARTICLES_BEFORE = _articles(with_precision=False)
ARTICLES = _articles(with_precision=True)
NOW = ("reference_date", "reference_date_precision", "reference_date_basis")
TOPICS = sa.table(
    "topics", sa.column("id", sa.Integer()), sa.column("slug", sa.String()), sa.column("label", sa.String())
)
ARTICLE_TOPICS = sa.table(
    "article_topics",
    sa.column("article_id", sa.Integer()),
    sa.column("topic_id", sa.Integer()),
    sa.column("phrases", sa.JSON()),
)

CAPTION = {"evidence": "caption-date", "date": "2023-03-21", "text": "Xi and Putin, March 21, 2023", "why": "latest"}
TEXT_DATE = {
    "evidence": "text-date",
    "date": "2023-03-20",
    "text": "on March 20",
    "why": "an earlier anchor, consistent",
}
HEADER = {"evidence": "header-date", "date": "2024-05-14", "text": "", "why": "only an upper bound"}
DATELINE = {"evidence": "dateline", "why": "no year for the dateline's day in the other evidence"}
NEW_SHAPE = {
    "method": "publication date",
    "candidates": [
        {"kind": "published-date", "date": "2023-06-01", "precision": "month", "text": "June 2023",
         "verdict": "chosen", "why": "the page's own date"},
        {"kind": "dateline-date", "date": None, "precision": None, "text": "BEIJING, June 18",
         "verdict": "rejected", "why": "no year"},
    ],
}  # fmt: skip
# id: (reference date, audit trail as the older loaders wrote it, the trail after the upgrade)
OLD_ROWS: dict[int, tuple[date | None, Any, Any]] = {
    1: (
        date(2023, 3, 22),
        {"method": "latest anchor", "used": [CAPTION, TEXT_DATE], "rejected": [HEADER, DATELINE]},
        {
            "method": "latest anchor",
            "candidates": [
                {"kind": "caption-date", "date": "2023-03-21", "precision": "day",
                 "text": "Xi and Putin, March 21, 2023", "verdict": "chosen", "why": "latest"},
                {"kind": "text-date", "date": "2023-03-20", "precision": "day", "text": "on March 20",
                 "verdict": "consistent", "why": "an earlier anchor, consistent"},
                {"kind": "header-date", "date": "2024-05-14", "precision": "day", "text": "",
                 "verdict": "rejected", "why": "only an upper bound"},
                {"kind": "dateline", "date": None, "precision": None, "text": "", "verdict": "rejected",
                 "why": "no year for the dateline's day in the other evidence"},
            ],
        },
    ),
    # Undated: no entry is chosen, even a used one.
    2: (
        None,
        {"method": "no usable evidence", "used": [TEXT_DATE], "rejected": [DATELINE]},
        {
            "method": "no usable evidence",
            "candidates": [
                {"kind": "text-date", "date": "2023-03-20", "precision": "day", "text": "on March 20",
                 "verdict": "consistent", "why": "an earlier anchor, consistent"},
                {"kind": "dateline", "date": None, "precision": None, "text": "", "verdict": "rejected",
                 "why": "no year for the dateline's day in the other evidence"},
            ],
        },
    ),
    # Neither shape: left as they are, for the read side to answer as unreadable.
    3: (date(2023, 1, 5), ["not", "an", "object"], ["not", "an", "object"]),
    4: (None, {"method": "odd", "used": "nope"}, {"method": "odd", "used": "nope"}),
    5: (date(2023, 1, 6), None, None),
    6: (None, None, None),
}  # fmt: skip


async def _execute(settings: Settings, *statements: Any) -> None:
    engine = create_engine(settings)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(statement)
    finally:
        await engine.dispose()


async def _rows(settings: Settings, table: sa.TableClause, *names: str) -> dict[int, tuple[Any, ...]]:
    """The columns ``names`` of each article, by id."""
    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            columns = [table.c[name] for name in names]
            result = await connection.execute(sa.select(table.c.id, *columns).order_by(table.c.id))
            return {row[0]: tuple(row[1:]) for row in result}
    finally:
        await engine.dispose()


async def _count(settings: Settings, table: sa.TableClause) -> int:
    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            return int(await connection.scalar(sa.select(sa.func.count()).select_from(table)) or 0)
    finally:
        await engine.dispose()


async def _column_names(settings: Settings, table: str) -> set[str]:
    engine = create_engine(settings)
    try:
        async with engine.connect() as connection:
            columns = await connection.run_sync(lambda sync: inspect(sync).get_columns(table))
    finally:
        await engine.dispose()
    return {column["name"] for column in columns}


def _rows_before(*, with_new_shape: bool) -> list[dict[str, Any]]:
    """The articles of ``OLD_ROWS`` as inserted before the migration, and one whose trail has the
    candidates shape already (id 7) if ``with_new_shape``."""
    rows = [
        {
            "id": pk,
            "source": f"{pk}.txt",
            "authors": [],
            "raw_text": f"Story {pk}.",
            "text": f"Story {pk}.",
            "content_hash": f"{pk:064d}",
            "ingested_at": datetime(2026, 1, 1, tzinfo=UTC),
            "reference_date": reference_date,
            "reference_date_basis": old,
        }
        for pk, (reference_date, old, _new) in OLD_ROWS.items()
    ]
    if with_new_shape:
        rows.append({**rows[0], "id": 7, "content_hash": "7" * 64, "reference_date": date(2023, 6, 1)})
        rows[-1]["reference_date_basis"] = NEW_SHAPE
    return rows


def test_reference_date_precision_and_audit_trails_go_up_and_down(settings: Settings) -> None:
    migrations.upgrade(settings, BEFORE_PRECISION)
    asyncio.run(
        _execute(
            settings,
            sa.insert(ARTICLES_BEFORE).values(_rows_before(with_new_shape=True)),
            sa.insert(TOPICS).values(id=1, slug="trade", label="Trade"),
            sa.insert(ARTICLE_TOPICS).values(article_id=1, topic_id=1, phrases=["trade"]),
        )
    )

    migrations.upgrade(settings)
    upgraded = asyncio.run(_rows(settings, ARTICLES, *NOW))
    expected = {pk: (day, "day" if day else None, new) for pk, (day, _old, new) in OLD_ROWS.items()}
    # A trail of the candidates shape already is left as it is; its precision is day like every other.
    expected[7] = (date(2023, 6, 1), "day", NEW_SHAPE)
    assert upgraded == expected
    # The column came without rebuilding articles: its rows' dependants are all there.
    assert asyncio.run(_count(settings, ARTICLE_TOPICS)) == 1

    migrations.downgrade(settings, BEFORE_PRECISION)
    assert "reference_date_precision" not in asyncio.run(_column_names(settings, "articles"))
    downgraded = asyncio.run(_rows(settings, ARTICLES_BEFORE, "reference_date", "reference_date_basis"))
    expected_down = {pk: (day, old) for pk, (day, old, _new) in OLD_ROWS.items()}
    # The candidates shape goes back to the older one, keeping what it can say.
    expected_down[7] = (
        date(2023, 6, 1),
        {
            "method": "publication date",
            "used": [
                {"evidence": "published-date", "date": "2023-06-01", "text": "June 2023", "why": "the page's own date"}
            ],
            "rejected": [{"evidence": "dateline-date", "text": "BEIJING, June 18", "why": "no year"}],
        },
    )
    assert downgraded == expected_down
    assert asyncio.run(_count(settings, ARTICLE_TOPICS)) == 1

    # And up again: the older rows convert exactly as the first time.
    migrations.upgrade(settings)
    again = asyncio.run(_rows(settings, ARTICLES, *NOW))
    assert {pk: row for pk, row in again.items() if pk in OLD_ROWS} == {
        pk: row for pk, row in upgraded.items() if pk in OLD_ROWS
    }


@pytest.mark.parametrize(
    ("reference_date", "precision", "constraint"),
    [
        pytest.param(date(2023, 6, 12), "week", "ck_articles_reference_date_precision_valid", id="unknown"),
        pytest.param(None, "day", "ck_articles_reference_date_precision_has_date", id="without-a-date"),
    ],
)
def test_the_migrated_precision_is_checked_by_name(
    migrated_settings: Settings, reference_date: date | None, precision: str, constraint: str
) -> None:
    row = {
        **_rows_before(with_new_shape=False)[0],
        "reference_date": reference_date,
        "reference_date_precision": precision,
    }
    with pytest.raises(IntegrityError, match=constraint):
        asyncio.run(_execute(migrated_settings, sa.insert(ARTICLES).values(row)))
