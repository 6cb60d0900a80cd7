"""Several ``readout load`` processes writing to one Postgres at once: throughput, and whether each run's
knowledge base equals the single-process one.

    .venv/bin/python bench/concurrent_load.py [--articles 500] [--writers 1,2,4] [--database URL]

A corpus of distinct articles is composed as ``bench/load_benchmark.py`` composes it, one ``.txt`` per
article. For each number of writers N, in a fresh schema:

- ``same``: N loads of the whole corpus at once (what two schedulers starting the same backfill do);
- ``shares``: the corpus dealt round-robin into N folders, one load per folder (scaling out by hand).

Reported: wall-clock seconds, articles stored per second, the ratio to one writer, the exit codes,
and whether the export equals the single load's, ids aside (``tests/loaders/canonical.py``). Shares
store articles in another order than one load does, and merging depends on order, so their
knowledge base may differ; ``same`` must not.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
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


def _env(url: str, schema: str) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, "READOUT_DATABASE_URL": url, "READOUT_DATABASE_SCHEMA": schema}


async def _sql(url: str, statement: str) -> None:
    connection = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def run(url: str, folders: list[Path]) -> tuple[float, list[int], dict[str, Any]]:
    """Load each of ``folders`` in its own process at once, in a fresh schema: seconds, exit codes, export."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    asyncio.run(_sql(url, f'CREATE SCHEMA "{schema}"'))
    env = _env(url, schema)
    try:
        # The product's own command line, with arguments built here.
        subprocess.run([*CLI, "db", "upgrade"], env=env, check=True, capture_output=True)  # noqa: S603
        started = time.perf_counter()
        loads = [
            subprocess.Popen(  # noqa: S603 - the product's own command line
                [*CLI, "load", str(folder)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            for folder in folders
        ]
        for load in loads:
            load.communicate()
        codes = [load.returncode for load in loads]
        elapsed = time.perf_counter() - started
        export = [*CLI, "export"]
        exported = subprocess.run(export, env=env, check=True, capture_output=True, text=True).stdout  # noqa: S603
        return elapsed, codes, json.loads(exported)
    finally:
        asyncio.run(_sql(url, f'DROP SCHEMA "{schema}" CASCADE'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--writers", default="1,2,4")
    parser.add_argument(
        "--database",
        default=os.environ.get("READOUT_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"),
    )
    args = parser.parse_args()
    writers = [int(n) for n in args.writers.split(",")]
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "all"
        corpus.mkdir()
        texts = compose_corpus(args.articles)
        for number, text in enumerate(texts):
            (corpus / f"{number:05d}.txt").write_text(text, encoding="utf-8")
        single_seconds, codes, single = run(args.database, [corpus])
        reference = canonical(single)
        print(
            f"{args.articles} articles, {os.cpu_count()} cores; one load: {single_seconds:.1f} s, "
            f"{args.articles / single_seconds:.2f} articles/s, exit {codes}, {len(single['events'])} events"
        )
        for count in (n for n in writers if n > 1):
            shares = []
            for share in range(count):
                folder = Path(scratch) / f"{count}-{share}"
                folder.mkdir()
                for number in range(share, args.articles, count):
                    (folder / f"{number:05d}.txt").write_text(texts[number], encoding="utf-8")
                shares.append(folder)
            for mode, folders in (("same", [corpus] * count), ("shares", shares)):
                seconds, codes, exported = run(args.database, folders)
                equal = canonical(exported) == reference
                print(
                    f"{count} writers, {mode:6}: {seconds:.1f} s, {args.articles / seconds:.2f} articles/s, "
                    f"{single_seconds / seconds:.2f}x one load, exit {codes}, {len(exported['events'])} events, "
                    f"knowledge base {'equal to' if equal else 'differs from'} one load's"
                )


if __name__ == "__main__":
    main()
