"""The procrastinate app of readout's queue, on the database of the settings.

In: ``Settings`` (a Postgres URL and, maybe, a schema). Out: a ``procrastinate.App`` holding the
queue's tasks (``api.queue.tasks``), connected through psycopg 3 to the same database and schema as
the knowledge base, so jobs and articles share one server, one backup and one ``search_path``.
SQLite has no queue: ``queue_app`` raises ``QueueUnavailableError`` with a sentence to show.

    >>> app = queue_app(settings)  # doctest: +SKIP
    >>> async with app.open_async():  # doctest: +SKIP
    ...     job_id = await app.configure_task(INGEST_TASK).defer_async(article=payload)
"""

from __future__ import annotations

from procrastinate import App, PsycopgConnector
from psycopg_pool import AsyncNullConnectionPool
from sqlalchemy.engine import make_url

from api.queue.tasks import register_tasks
from db.settings import Settings

__all__ = ["QueueUnavailableError", "has_queue", "postgres_conninfo", "queue_app"]


class QueueUnavailableError(RuntimeError):
    """The database of the settings has no job queue (SQLite); the message says what to do."""


def has_queue(settings: Settings) -> bool:
    """Whether the database of ``settings`` can hold the job queue (Postgres)."""
    return make_url(settings.database_url).get_backend_name() == "postgresql"


# Query parameters of an asyncpg URL that libpq spells otherwise, and values of asyncpg's ``ssl``.
_LIBPQ_NAMES = {"ssl": "sslmode", "timeout": "connect_timeout"}
_SSLMODES = {"true": "require", "false": "disable", "1": "require", "0": "disable"}
# Tuning of asyncpg's own statement cache and per-query timeout: no libpq equivalent, nothing to pass.
_ASYNCPG_ONLY = frozenset(
    {
        "prepared_statement_cache_size",
        "prepared_statement_name_func",
        "max_cached_statement_lifetime",
        "max_cacheable_statement_size",
        "command_timeout",
    }
)


def postgres_conninfo(settings: Settings) -> str:
    """libpq's URI of the database: the SQLAlchemy URL without its driver name, its query parameters
    in libpq's words (asyncpg's ``ssl=require`` is libpq's ``sslmode=require``, its ``timeout`` is
    ``connect_timeout``; asyncpg's statement-cache tuning is left out). Anything else (``sslrootcert``,
    ``application_name``, ``target_session_attrs``…) is libpq's already and passes as it is, so the
    queue connects as the knowledge base's engine does."""
    url = make_url(settings.database_url)
    query: dict[str, str | tuple[str, ...]] = {}
    for name, value in url.query.items():
        if name in _ASYNCPG_ONLY:
            continue
        ssl_value = isinstance(value, str) and name == "ssl"
        query[_LIBPQ_NAMES.get(name, name)] = _SSLMODES.get(str(value).lower(), value) if ssl_value else value
    return url.set(drivername="postgresql", query=query).render_as_string(hide_password=False)


def queue_app(settings: Settings, *, pooled: bool = True) -> App:
    """The queue's app on the database of ``settings``, not yet open. Pooled (a worker): two connections
    kept, one for LISTEN and one to fetch and finish jobs. Not pooled (the HTTP API): a connection per
    job queued, so the server starts, and answers 503 rather than hang, while the database is away."""
    if not has_queue(settings):
        raise QueueUnavailableError(
            f"the job queue needs Postgres, and {make_url(settings.database_url).render_as_string()} is "
            "not: point --database (or READOUT_DATABASE_URL) at postgresql+asyncpg://…, or load without --queue"
        )
    # A server that does not answer is given up on, as the engine of db.session does, not waited for.
    connection: dict[str, str] = {"connect_timeout": "5"}
    if settings.database_schema:
        # The queue's tables live beside readout's, in the schema the migrations created them in.
        connection["options"] = f"-c search_path={settings.database_schema}"
    pool = {"min_size": 1, "max_size": 2} if pooled else {"pool_factory": AsyncNullConnectionPool}
    connector = PsycopgConnector(conninfo=postgres_conninfo(settings), kwargs=connection, **pool)
    app = App(connector=connector)
    register_tasks(app)
    return app
