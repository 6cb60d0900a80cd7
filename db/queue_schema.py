"""The job queue's schema: procrastinate's tables, types and functions, created and dropped by our
migrations (``alembic/versions/…_job_queue.py``) so ``readout db upgrade`` is the one step a database
needs. Postgres only: on SQLite there is no queue and these do nothing.

In: a migration's synchronous connection (Alembic's ``op.get_bind()``). Out: the objects, in the
connection's current schema (the first of ``search_path``, i.e. ``READOUT_DATABASE_SCHEMA``), beside
readout's tables, so one ``DROP SCHEMA … CASCADE`` or one backup covers both.

The script is the one of the procrastinate release installed (pinned in ``requirements.lock``); a
later release that changes it ships migrations of its own (``procrastinate/sql/migrations``), which a
new revision of ours then applies.

    >>> create_queue_schema(op.get_bind())  # doctest: +SKIP
"""

from __future__ import annotations

from sqlalchemy.engine import Connection
from sqlalchemy.util import await_

__all__ = ["QUEUE_OBJECT_PREFIX", "create_queue_schema", "drop_queue_schema", "is_queue_table"]

QUEUE_OBJECT_PREFIX = "procrastinate_"
"""Every table, type and function of procrastinate's schema is named so."""

# Tables first (their triggers, indexes and constraints go with them), then what they used.
_DROP = r"""
DROP TABLE IF EXISTS procrastinate_periodic_defers, procrastinate_events, procrastinate_jobs,
    procrastinate_workers CASCADE;
DO $$
DECLARE routine regprocedure;
BEGIN
    FOR routine IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'procrastinate\_%'
    LOOP
        EXECUTE 'DROP FUNCTION ' || routine || ' CASCADE';
    END LOOP;
END $$;
DROP TYPE IF EXISTS procrastinate_job_to_defer_v1, procrastinate_job_status, procrastinate_job_event_type CASCADE;
"""


def is_queue_table(name: str | None) -> bool:
    """Whether ``name`` is one of the queue's tables, which our models do not describe (for Alembic's
    comparisons of the models with the database)."""
    return bool(name) and str(name).startswith(QUEUE_OBJECT_PREFIX)


def _run_script(connection: Connection, script: str) -> None:
    """Run a script of many statements: asyncpg prepares what SQLAlchemy sends, and a prepared statement
    holds one command, so the script goes to the driver's own ``execute`` (the simple query protocol),
    inside the migration's transaction."""
    driver_connection = connection.connection.driver_connection
    await_(driver_connection.execute(script))  # type: ignore[union-attr]


def create_queue_schema(connection: Connection) -> None:
    """Create procrastinate's schema on Postgres; nothing on SQLite."""
    if connection.dialect.name != "postgresql":
        return
    from procrastinate.schema import SchemaManager  # noqa: PLC0415 - Postgres only, and slow to import

    _run_script(connection, SchemaManager.get_schema())


def drop_queue_schema(connection: Connection) -> None:
    """Drop procrastinate's schema (its jobs with it) on Postgres; nothing on SQLite."""
    if connection.dialect.name != "postgresql":
        return
    _run_script(connection, _DROP)
