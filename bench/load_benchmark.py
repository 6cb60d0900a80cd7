"""Loader throughput against bare spaCy, measured in one run, and peak memory as the corpus grows.

    .venv/bin/python bench/load_benchmark.py [--articles 1000] [--sizes 250,1000,2000]

A corpus of distinct articles is composed from the paragraphs of ``seeds/`` and
``tests/extraction/articles/`` (shuffled with a fixed seed, so every article is new to the loader).
It reports articles per second and CPU seconds for spaCy's bare ``nlp.pipe`` on the cleaned texts
(one process), and for ``readout load`` on the same articles into a fresh SQLite database, parsing
inline and parsing in a second process (the default); each one's overhead over spaCy, in wall-clock
and in CPU time; and, for each corpus size in its own process, the peak resident memory of a load
(the loader's and its parsing process's, added).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from db import migrations  # noqa: E402
from db.session import create_engine, create_session_factory  # noqa: E402
from db.settings import Settings  # noqa: E402
from loaders.nlp import load_pipeline  # noqa: E402
from loaders.pipeline import BATCH_SIZE, load_inputs, prepare  # noqa: E402
from loaders.read import RawArticle, read_inputs  # noqa: E402


def compose_corpus(count: int, *, seed: int = 7) -> list[str]:
    """``count`` distinct article texts built from the paragraphs of the repository's articles."""
    sources = [REPO / "seeds", REPO / "tests" / "extraction" / "articles"]
    texts = [
        item.text
        for item in read_inputs([p for p in sources if p.exists()], max_bytes=10**7)
        if isinstance(item, RawArticle)
    ]
    paragraphs = [p.strip() for text in texts for p in text.split("\n\n") if len(p.strip()) > 80]
    rng = random.Random(seed)  # noqa: S311 - a reproducible corpus, not a secret
    corpus = []
    for number in range(count):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(6, 14)))
        corpus.append(f"Article {number}\n\n" + "\n\n".join(chosen))
    return corpus


def write_jsonl(texts: list[str], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number, text in enumerate(texts):
            handle.write(json.dumps({"text": text, "url": f"https://bench.invalid/{number}"}) + "\n")


@dataclass
class Timing:
    """Wall-clock seconds, and CPU seconds of this process and of the child processes it waited for."""

    wall: float
    cpu: float


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(run: Callable[[], object]) -> Timing:
    wall, cpu = time.perf_counter(), _cpu_seconds()
    run()
    return Timing(time.perf_counter() - wall, _cpu_seconds() - cpu)


def time_bare_spacy(texts: list[str]) -> Timing:
    nlp = load_pipeline()
    cleaned = [prepare(RawArticle(source="bench", text=text)).text for text in texts]

    def parse() -> None:
        for _ in nlp.pipe(cleaned, batch_size=BATCH_SIZE):
            pass

    return timed(parse)


def time_loader(texts: list[str], workdir: Path, *, parse_in_subprocess: bool) -> Timing:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{workdir / 'bench.db'}")
    migrations.upgrade(settings)
    path = workdir / "corpus.jsonl"
    write_jsonl(texts, path)

    async def run() -> None:
        engine = create_engine(settings)
        try:
            session_factory = create_session_factory(engine)
            report = await load_inputs(
                session_factory, [path], max_bytes=10**9, parse_in_subprocess=parse_in_subprocess
            )
        finally:
            await engine.dispose()
        if report.failed or report.loaded != len(texts):
            raise SystemExit(f"benchmark load incomplete: {report}")

    return timed(lambda: asyncio.run(run()))


def peak_memory_kib() -> int:
    """Peak resident memory of this process plus that of the parsing process (an upper bound)."""
    own = next(
        int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:")
    )
    return own + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sizes", default="250,1000,2000", help="corpus sizes for the memory runs")
    parser.add_argument("--memory-run", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.memory_run:
        with tempfile.TemporaryDirectory() as workdir:
            load_pipeline()
            time_loader(compose_corpus(args.memory_run), Path(workdir), parse_in_subprocess=True)
        print(peak_memory_kib())
        return

    texts = compose_corpus(args.articles)
    load_pipeline()  # model loading is start-up cost, measured by neither side
    spacy = time_bare_spacy(texts)
    runs = {}
    for label, in_subprocess in (("readout load, parsing inline", False), ("readout load (default)", True)):
        with tempfile.TemporaryDirectory() as workdir:
            runs[label] = time_loader(texts, Path(workdir), parse_in_subprocess=in_subprocess)
    n = len(texts)
    print(f"articles: {n} ({sum(map(len, texts)) / n:,.0f} characters on average), {os.cpu_count()} cores")
    print(f"{'':32} {'articles/s':>10} {'wall':>8} {'overhead':>9} {'CPU':>8} {'CPU overhead':>13}")
    for label, timing in {"spaCy nlp.pipe alone": spacy, **runs}.items():
        print(
            f"{label:32} {n / timing.wall:10.1f} {timing.wall:7.1f}s {timing.wall / spacy.wall - 1:+9.0%}"
            f" {timing.cpu:7.1f}s {timing.cpu / spacy.cpu - 1:+13.0%}"
        )
    print("(default: spaCy parses in a second process while the loader analyses and stores; CPU counts both)")
    for size in (int(s) for s in args.sizes.split(",")):
        peak = subprocess.run(  # noqa: S603 - this script, with arguments it builds
            [sys.executable, __file__, "--memory-run", str(size)], check=True, capture_output=True, text=True
        ).stdout.split()[-1]
        print(f"peak memory, {size:>5} articles: {int(peak) / 1024:7.1f} MiB")


if __name__ == "__main__":
    main()
