"""``readout worker`` scaling out: 1, 2 and 4 worker processes on one Postgres over the same composed
articles, against one in-process ``readout load``.

    .venv/bin/python bench/worker_benchmark.py [--articles 500] [--workers 1,2,4] [--database URL]

The corpus is composed as ``bench/load_benchmark.py`` composes it (distinct articles from the
repository's paragraphs, fixed seed), one ``.txt`` per article. Each run gets a fresh schema of
``--database`` migrated by ``readout db upgrade``:

- ``load``: one ``readout load`` of the folder (the reference);
- ``N workers``: ``readout load --queue`` of the folder, then ``readout worker --concurrency N`` until
  every job has finished.

Reported per run: wall-clock seconds (the workers' from their start to the last job's end, so loading
spaCy's model once per process is in it), articles per second over the jobs' own span (first job
started to last job ended, from the queue's events), the ratio of that to one worker's, the jobs that
failed, and whether the knowledge base equals the single load's, ids aside
(``tests/loaders/canonical.py``), with the counts of articles, events and actors. Workers store
articles in another order than one load does, and merging reports across articles depends on order,
so the knowledge bases may differ in which reports joined which event; the counts say by how much.
Last, the serial part: the corpus loaded once more in this process, timing each article's store
transaction (``store_article``, which holds the writers' lock from its first statement to its commit).
Writers of one knowledge base take turns there, so one over its mean is the ceiling of articles per
second however many workers analyse. The table is printed and written at the top of
``bench/results/worker_benchmark.md``, above the runs before it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import asyncpg  # noqa: E402
from load_benchmark import compose_corpus  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.loaders.canonical import canonical  # noqa: E402

CLI = [sys.executable, "-c", "from api.cli import app; app()"]
RESULTS = REPO / "bench" / "results" / "worker_benchmark.md"


@dataclass
class Run:
    name: str
    seconds: float
    span: float
    failed: int
    export: dict[str, Any]


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _env(url: str, schema: str) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "READOUT_DATABASE_URL": url, "READOUT_DATABASE_SCHEMA": schema}


async def _sql(url: str, statement: str, schema: str | None = None) -> list[asyncpg.Record]:
    settings = {"search_path": schema} if schema else None
    connection = await asyncpg.connect(_dsn(url), server_settings=settings)
    try:
        return await connection.fetch(statement)
    finally:
        await connection.close()


def _cli(env: dict[str, str], *arguments: str) -> str:
    done = subprocess.run([*CLI, *arguments], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"readout {' '.join(arguments)} failed:\n{done.stderr}")
    return done.stdout


def _unfinished(url: str, schema: str) -> int:
    rows = asyncio.run(_sql(url, "SELECT count(*) FROM procrastinate_jobs WHERE status IN ('todo', 'doing')", schema))
    return int(rows[0][0])


def _span_and_failures(url: str, schema: str) -> tuple[float, int]:
    """Seconds from the first job's start to the last job's end, and how many jobs failed."""
    rows = asyncio.run(
        _sql(
            url,
            """SELECT extract(epoch FROM max(at) FILTER (WHERE type IN ('succeeded', 'failed'))
                                  - min(at) FILTER (WHERE type = 'started')) AS span,
                      (SELECT count(*) FROM procrastinate_jobs WHERE status = 'failed') AS failed
               FROM procrastinate_events""",
            schema,
        )
    )
    return float(rows[0]["span"]), int(rows[0]["failed"])


def run(url: str, corpus: Path, workers: int | None) -> Run:
    """One run in a fresh schema: ``readout load`` when ``workers`` is None, else the queue and workers."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    asyncio.run(_sql(url, f'CREATE SCHEMA "{schema}"'))
    env = _env(url, schema)
    try:
        _cli(env, "db", "upgrade")
        if workers is None:
            started = time.perf_counter()
            _cli(env, "load", str(corpus))
            seconds = time.perf_counter() - started
            return Run("load", seconds, seconds, 0, json.loads(_cli(env, "export")))
        _cli(env, "load", str(corpus), "--queue")
        started = time.perf_counter()
        worker = subprocess.Popen(  # noqa: S603 - the product's own command line
            [*CLI, "worker", "--concurrency", str(workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while _unfinished(url, schema):
                time.sleep(0.5)
            seconds = time.perf_counter() - started
        finally:
            worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=120)
        span, failed = _span_and_failures(url, schema)
        return Run(
            f"{workers} worker{'s' if workers > 1 else ''}", seconds, span, failed, json.loads(_cli(env, "export"))
        )
    finally:
        asyncio.run(_sql(url, f'DROP SCHEMA "{schema}" CASCADE'))


def store_share(url: str, corpus: Path) -> tuple[float, float, int]:
    """Load ``corpus`` in this process into a fresh schema: seconds in all, seconds inside the store
    transactions (the real ``store_article``, timed around), and the articles stored."""
    import loaders.pipeline.load  # noqa: PLC0415 - the product, imported only for this part
    from db import migrations  # noqa: PLC0415
    from db.session import create_engine, create_session_factory  # noqa: PLC0415
    from db.settings import Settings  # noqa: PLC0415

    pipeline = loaders.pipeline.load  # the module whose store_article the load calls

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    asyncio.run(_sql(url, f'CREATE SCHEMA "{schema}"'))
    settings = Settings(database_url=url, database_schema=schema)
    inside = 0.0
    real_store = pipeline.store_article

    async def timed_store(*args: Any, **kwargs: Any) -> Any:
        nonlocal inside
        started = time.perf_counter()
        try:
            return await real_store(*args, **kwargs)
        finally:
            inside += time.perf_counter() - started

    async def load() -> int:
        engine = create_engine(settings)
        try:
            report = await pipeline.load_inputs(create_session_factory(engine), [corpus], max_bytes=10**7)
        finally:
            await engine.dispose()
        return report.loaded

    try:
        migrations.upgrade(settings)
        pipeline.store_article = timed_store  # type: ignore[assignment]
        started = time.perf_counter()
        loaded = asyncio.run(load())
        return time.perf_counter() - started, inside, loaded
    finally:
        pipeline.store_article = real_store
        asyncio.run(_sql(url, f'DROP SCHEMA "{schema}" CASCADE'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument(
        "--database",
        default=os.environ.get("READOUT_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        for number, text in enumerate(compose_corpus(args.articles)):
            (corpus / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        reference = run(args.database, corpus, None)
        runs = [run(args.database, corpus, int(n)) for n in args.workers.split(",")]
        total, inside, stored = store_share(args.database, corpus)
    expected = canonical(reference.export)
    one = next((r for r in runs if r.name == "1 worker"), None)
    lines = [
        f"{args.articles} composed articles, {os.cpu_count()} cores, load average (1 min) at the start "
        f"{load_at_start:.1f}, at the end {os.getloadavg()[0]:.1f}",
        "",
        "| run | wall s | articles/s (jobs' span) | × 1 worker | failed | knowledge base "
        "| articles | events | actors |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for result in (reference, *runs):
        rate = args.articles / result.span
        ratio = f"{(one.span / result.span):.2f}" if one is not None and result is not reference else ""
        same = "reference" if result is reference else "equal" if canonical(result.export) == expected else "differs"
        counts = [len(result.export[key]) for key in ("articles", "events", "actors")]
        lines.append(
            f"| {result.name} | {result.seconds:.1f} | {rate:.2f} | {ratio} | {result.failed} | {same} | "
            + " | ".join(str(count) for count in counts)
            + " |"
        )
    lines += [
        "",
        f"Serial part (one load in process, parsing inline): {inside:.1f} s of {total:.1f} s in the store "
        f"transactions of {stored} articles, {1000 * inside / stored:.0f} ms each ({100 * inside / total:.0f}%): "
        f"a ceiling of about {stored / inside:.1f} articles/s for one knowledge base, however many workers.",
    ]
    report = "\n".join(lines)
    print(report)
    # The newest run first; the runs before it are kept below, for comparison.
    RESULTS.parent.mkdir(exist_ok=True)
    earlier = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    heading = f"# readout worker: scaling out ({stamp}, commit {_commit()})\n\n"
    RESULTS.write_text(heading + report + "\n\n" + earlier, encoding="utf-8")


def _commit() -> str:
    """The checkout's commit, for the record (``unknown`` outside a git checkout)."""
    done = subprocess.run(  # noqa: S603 - a fixed git command
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],  # noqa: S607 - git from PATH
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


if __name__ == "__main__":
    main()
