"""The ``readout`` command line: ``db upgrade|downgrade|current|rebuild-events``, ``load [--queue]``, ``worker``,
``export``, ``stats``, ``schema export``, ``serve``.

Each command takes ``--database URL``; without it, ``READOUT_DATABASE_URL`` or the SQLite default.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.exports.formats import GEOGRAPHIC, Format, Kind
from api.progress import LoadProgress
from api.survey import InputSurvey, survey_inputs
from db import migrations
from db.enums import EventKind, EventStatus
from db.queries.event_filter import EventFilter
from db.queries.stats import holdings
from db.session import create_engine, create_session_factory
from db.settings import Settings, get_settings
from loaders.stages import StageClock, stage

# What only some commands need is imported inside them: the server, spaCy and the schema take seconds
# to import, which a reload of stored files, an export or `db current` should not wait for.
if TYPE_CHECKING:
    from opentelemetry.trace import Tracer

    from api.queue import QueueReport
    from loaders.pipeline import LoadReport
    from loaders.store import Rebuilt

__all__ = ["app"]

app = typer.Typer(help="Turn news articles about diplomacy into a queryable knowledge base.", no_args_is_help=True)
db_app = typer.Typer(help="Migrate the database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")
schema_app = typer.Typer(help="The GraphQL schema.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")

err = Console(stderr=True, soft_wrap=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option("--database", metavar="URL", help="SQLAlchemy URL (default: $READOUT_DATABASE_URL or SQLite)."),
]


def _settings(database: str | None) -> Settings:
    try:
        return get_settings().with_database(database)
    except ValidationError as exc:
        messages = "; ".join(str(error["msg"]) for error in exc.errors())
        err.print(f"[red]error:[/red] invalid settings: {messages}")
        raise typer.Exit(2) from exc


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(1)


@contextlib.asynccontextmanager
async def _migrated_sessions(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions of the database ``settings`` name, once it is known to be migrated; the engine is disposed after."""
    await _require_migrated(settings)
    engine = create_engine(settings)
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


async def _require_migrated(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        revision = await migrations.current_revision(engine)
    finally:
        await engine.dispose()
    if revision != migrations.head():
        raise _fail(f"database is at revision {revision or 'none'}, not {migrations.head()}: run `readout db upgrade`")


@db_app.command("upgrade")
def db_upgrade(database: DatabaseOption = None, revision: str = "head") -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    settings = _settings(database)
    try:
        migrations.upgrade(settings, revision)
    except (SQLAlchemyError, OSError) as exc:
        raise _fail(f"cannot migrate {settings.database_url}: {exc}") from exc
    err.print(f"database at revision {migrations.current(settings)}")


@db_app.command("downgrade")
def db_downgrade(database: DatabaseOption = None, revision: str = "-1") -> None:
    """Migrate the database down to REVISION (default: one step; 'base' empties it)."""
    settings = _settings(database)
    try:
        migrations.downgrade(settings, revision)
    except (SQLAlchemyError, OSError) as exc:
        raise _fail(f"cannot migrate {settings.database_url}: {exc}") from exc
    err.print(f"database at revision {migrations.current(settings) or 'none (empty)'}")


@db_app.command("current")
def db_current(database: DatabaseOption = None) -> None:
    """Print the revision the database is at ('none' when never migrated)."""
    settings = _settings(database)
    try:
        typer.echo(migrations.current(settings) or "none")
    except (SQLAlchemyError, OSError) as exc:
        raise _fail(f"cannot read {settings.database_url}: {exc}") from exc


@db_app.command("rebuild-events")
def db_rebuild_events(database: DatabaseOption = None) -> None:
    """Store every article's events again from what it reported, in the canonical order (what any
    order of arrival gives); articles stored before reports were kept are analysed again."""
    settings = _settings(database)
    try:
        rebuilt = asyncio.run(_rebuild_events(settings))
    except (SQLAlchemyError, OSError) as exc:
        raise _fail(f"cannot rebuild the events of {settings.database_url}: {exc}") from exc
    err.print(
        f"events of {rebuilt.articles} articles stored again: {rebuilt.events_before} events before, "
        f"{rebuilt.events_after} after"
    )


async def _rebuild_events(settings: Settings) -> Rebuilt:
    from loaders.pipeline import reanalysis  # noqa: PLC0415 - imports spaCy
    from loaders.store import rebuild_events  # noqa: PLC0415 - beside the pipeline

    async with _migrated_sessions(settings) as session_factory:
        return await rebuild_events(session_factory, reanalysis())


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files (.txt, .jsonl) and folders of them.")],
    database: DatabaseOption = None,
    queue: Annotated[
        bool,
        typer.Option(
            "--queue",
            help="Postgres only: queue one job per article for `readout worker` instead of loading here.",
        ),
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Close with the seconds spent in each stage of the load.")
    ] = False,
) -> None:
    """Load articles; ones already stored are skipped, unreadable ones are reported and the rest go on."""
    settings = _settings(database)
    if queue:
        _load_queued(settings, paths)
        return
    clock = StageClock()
    with _load_span() as tracer:
        clock.tracer = tracer
        with clock.running():
            report = asyncio.run(_load(settings, paths))
    for error in report.failed:
        err.print(f"[red]failed:[/red] {error}", highlight=False)
    err.print(
        f"articles: {report.loaded} loaded, {report.skipped} already stored, {len(report.failed)} failed; "
        f"events: {report.events_created} created, {report.events_merged} merged"
    )
    if verbose:
        err.print(f"stages (wall-clock): {clock.summary()}", highlight=False)
    if report.stopped is not None:
        err.print(f"[red]stopped:[/red] {report.stopped}", highlight=False)
    if report.failed or report.stopped is not None:
        raise typer.Exit(1)


@contextlib.contextmanager
def _load_span() -> Iterator[Tracer | None]:
    """A tracer whose spans nest in one ``readout load`` span, when the ``OTEL_*`` variables switch
    tracing on (the spans are exported before the command ends); None when they do not."""
    from api.tracing import provider_from_environment  # noqa: PLC0415 - the SDK only when tracing is on

    try:
        provider = provider_from_environment()
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    if provider is None:
        yield None
        return
    tracer = provider.get_tracer("readout.load")
    try:
        with tracer.start_as_current_span("readout load"):
            yield tracer
    finally:
        provider.shutdown()


async def _load(settings: Settings, paths: list[Path]) -> LoadReport | InputSurvey:
    await _require_migrated(settings)
    engine = create_engine(settings)
    try:
        factory = create_session_factory(engine)
        # Surveyed first: the total sizes the progress, and a load with nothing new (a reload of stored
        # files) ends here, without importing the pipeline and spaCy or starting a parser.
        with stage("survey"):
            survey = await survey_inputs(factory, paths, max_bytes=settings.max_article_bytes)
        if survey.new == 0:
            return survey
        from loaders.pipeline import load_inputs  # noqa: PLC0415 - imports spaCy

        with LoadProgress(err, survey.total) as progress:
            return await load_inputs(
                factory,
                paths,
                max_bytes=settings.max_article_bytes,
                on_item=progress.advance,
                parse_in_subprocess=settings.parse_in_subprocess and (os.cpu_count() or 1) > 1,
                budget_seconds=settings.analysis_budget_seconds,
            )
    finally:
        await engine.dispose()


def _load_queued(settings: Settings, paths: list[Path]) -> None:
    from api.queue import QueueUnavailableError, enqueue_inputs, queue_app  # noqa: PLC0415 - Postgres only

    try:
        queue_of = queue_app(settings)
    except QueueUnavailableError as exc:
        raise _fail(str(exc)) from exc

    async def run() -> QueueReport:
        await _require_migrated(settings)
        engine = create_engine(settings)
        try:
            async with queue_of.open_async():
                return await enqueue_inputs(
                    queue_of,
                    create_session_factory(engine),
                    paths,
                    max_bytes=settings.max_article_bytes,
                    budget_seconds=settings.analysis_budget_seconds,
                )
        finally:
            await engine.dispose()

    report = asyncio.run(run())
    for error in report.failed:
        err.print(f"[red]failed:[/red] {error}", highlight=False)
    err.print(
        f"articles: {report.queued} queued, {report.waiting} queued already, {report.stored} already stored, "
        f"{len(report.failed)} failed; `readout worker` runs the jobs"
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def worker(
    database: DatabaseOption = None,
    concurrency: Annotated[
        int, typer.Option(min=1, help="Worker processes on this machine, each running one job at a time (one a core).")
    ] = 1,
    stalled_seconds: Annotated[
        float,
        typer.Option(
            min=1.0, help="A worker silent this long counts as dead, and its job is queued again.", hidden=True
        ),
    ] = 30.0,
    keep_jobs_hours: Annotated[
        int,
        typer.Option(
            min=0, help="Finished jobs older than this are deleted with their outcomes, hourly (0: keep them all)."
        ),
    ] = 7 * 24,
) -> None:
    """Run the jobs of `readout load --queue` and of asynchronous ingestion (Postgres only) until stopped."""
    from api.queue import QueueUnavailableError, queue_app, run_workers  # noqa: PLC0415 - Postgres only

    settings = _settings(database)
    try:
        queue_app(settings)
    except QueueUnavailableError as exc:
        raise _fail(str(exc)) from exc
    asyncio.run(_require_migrated(settings))
    err.print(f"{concurrency} worker process(es) taking jobs from the queue; stop with Ctrl-C or SIGTERM")
    code = run_workers(
        settings, concurrency=concurrency, stalled_seconds=stalled_seconds, keep_hours=keep_jobs_hours or None
    )
    if code:
        raise typer.Exit(code)


@app.command()
def export(
    *,
    database: DatabaseOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="One list as json, ndjson, csv or geojson, streamed. Without it (and without --kind): the "
            "whole knowledge base as one JSON object, the format of the evaluation contract.",
        ),
    ] = None,
    kind: Annotated[Kind | None, typer.Option(help="Which list (default: events).")] = None,
    topic: Annotated[list[str] | None, typer.Option(help="Events about this topic (slug or ID); repeatable.")] = None,
    country: Annotated[list[str] | None, typer.Option(help="Events in this country (ISO code); repeatable.")] = None,
    event_kind: Annotated[list[EventKind] | None, typer.Option(help="Events of this kind; repeatable.")] = None,
    status: Annotated[list[EventStatus] | None, typer.Option(help="Events of this status; repeatable.")] = None,
    since: Annotated[str | None, typer.Option("--from", help="Events ending on or after (2023, 2023-06, …).")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Events starting on or before this date.")] = None,
    base_url: Annotated[str, typer.Option(help="Origin of the links in each row, e.g. https://kb.example.")] = "",
) -> None:
    """Write the knowledge base: one list (--format, --kind, filters of events) or the whole of it."""
    from api.exports.command import cli_event_filter  # noqa: PLC0415 - imports the REST representations

    settings = _settings(database)
    try:
        event_filter = cli_event_filter(
            topics=topic, countries=country, kinds=event_kind, statuses=status, since=since, until=until
        ).frozen()
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    filtered = event_filter != EventFilter().frozen()
    if fmt is None and kind is None and not filtered:
        document = json.dumps(asyncio.run(_export(settings)), ensure_ascii=False, indent=1)
        if output is None:
            sys.stdout.write(document + "\n")
        else:
            output.write_text(document + "\n", encoding="utf-8")
        return
    chosen, listed = fmt or Format.JSON, kind or Kind.EVENTS
    if chosen is Format.GEOJSON and listed not in GEOGRAPHIC:
        raise _fail(f"GeoJSON holds events and venues, which have places, not {listed.value}")
    if listed is not Kind.EVENTS and filtered:
        raise _fail("--topic, --country, --event-kind, --status, --from and --to filter events only")
    unplaced = asyncio.run(_export_list(settings, chosen, listed, event_filter, output=output, base_url=base_url))
    if unplaced:
        err.print(f"{unplaced} event(s) without a place on a map left out of the GeoJSON")


async def _export_list(
    settings: Settings, fmt: Format, kind: Kind, event_filter: EventFilter, *, output: Path | None, base_url: str
) -> int:
    from api.exports.command import write_export  # noqa: PLC0415 - imports the REST representations

    async with _migrated_sessions(settings) as factory:
        if output is None:
            return await write_export(factory, fmt, kind, event_filter, sys.stdout, base_url=base_url)
        with output.open("w", encoding="utf-8", newline="") as stream:
            return await write_export(factory, fmt, kind, event_filter, stream, base_url=base_url)


async def _export(settings: Settings) -> dict[str, Any]:
    from db.services.export import export_knowledge_base  # noqa: PLC0415 - only for this command

    async with _migrated_sessions(settings) as factory, factory() as session:
        return await export_knowledge_base(session)


@app.command()
def stats(database: DatabaseOption = None) -> None:
    """Print what the knowledge base holds: how many articles, events, actors, venues and topics."""
    settings = _settings(database)

    async def read() -> dict[str, int]:
        async with _migrated_sessions(settings) as factory, factory() as session:
            return await holdings(session)

    try:
        counts = asyncio.run(read())
    except (SQLAlchemyError, OSError) as exc:
        raise _fail(f"cannot read {settings.database_url}: {exc}") from exc
    width = max(len(name) for name in counts)
    for name, count in counts.items():
        typer.echo(f"{name:<{width}}  {count:>9,}")


@schema_app.command("export")
def schema_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Print the GraphQL schema as SDL (``make schema`` writes it to schema/schema.graphql)."""
    from schema.sdl import schema_sdl  # noqa: PLC0415 - imports the whole schema

    sdl = schema_sdl()
    if output is None:
        sys.stdout.write(sdl)
    else:
        output.write_text(sdl, encoding="utf-8")


@app.command()
def serve(
    database: DatabaseOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Server processes sharing the port, each with its own database pool (and, without a shared "
            "rate-limit store, its own rate-limit counters).",
        ),
    ] = 1,
    access_log: Annotated[
        bool,
        typer.Option(
            "--access-log/--no-access-log",
            help="A line per request on standard output (uvicorn's access log); without it a busy server "
            "spends about 5% less CPU, and /metrics still counts every request.",
        ),
    ] = True,
) -> None:
    """Serve the HTTP API on HOST:PORT (with uvloop and httptools where installed)."""
    import uvicorn  # noqa: PLC0415 - only the server needs it

    from api.app import create_served_app  # noqa: PLC0415 - the whole app, for this command only
    from api.logs import log_config_file  # noqa: PLC0415 - with it
    from api.static import missing_assets  # noqa: PLC0415 - with it

    settings = _settings(database)
    pages = (
        (("GraphiQL",) if settings.graphql_explorer else ())
        + (("Swagger UI",) if settings.api_docs else ())
        + ("Explore",)
    )
    absent = missing_assets(pages=pages)
    if absent:
        err.print(
            f"[yellow]warning:[/yellow] the files of {' and '.join(pages)} are not built ({', '.join(absent)} "
            "missing): those pages say so and their files answer 404; run `make` to build them",
            highlight=False,
        )
    # No Server header: it tells an outsider which server to look up vulnerabilities for.
    with log_config_file(settings.log_format) as logging:
        if workers == 1:
            uvicorn.run(
                create_served_app(settings),
                host=host,
                port=port,
                server_header=False,
                access_log=access_log,
                log_config=logging,
            )
            return
        # Each worker process builds its app from the environment, so --database travels through it.
        os.environ["READOUT_DATABASE_URL"] = settings.database_url
        uvicorn.run(
            "api.app:create_served_app",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            server_header=False,
            access_log=access_log,
            log_config=logging,
        )
