"""``readout load`` as real processes on a real database: two loads of the same articles at once make
the knowledge base one load makes, and a load killed with SIGKILL leaves no process behind (its spaCy
parser, multiprocessing's resource tracker) while the next run completes the corpus."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from db import migrations
from db.settings import Settings
from tests.loaders.canonical import canonical

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 40
CLI = [sys.executable, "-c", "from api.cli import app; app()"]


def compose(folder: Path, count: int) -> Path:
    """``count`` distinct articles made of the paragraphs of the repository's articles (fixed seed)."""
    sources = sorted((REPO / "seeds").glob("*.txt")) + sorted(
        (REPO / "tests" / "extraction" / "articles").glob("*.txt")
    )
    paragraphs = [
        p.strip() for path in sources for p in path.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 80
    ]
    rng = random.Random(7)  # noqa: S311 - a reproducible corpus, not a secret
    folder.mkdir()
    for number in range(count):
        chosen = rng.sample(paragraphs, k=rng.randint(6, 14))
        (folder / f"{number:04d}.txt").write_text(f"Article {number}\n\n" + "\n\n".join(chosen), encoding="utf-8")
    return folder


def environment(settings: Settings) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    env["READOUT_DATABASE_URL"] = settings.database_url
    env.pop("READOUT_DATABASE_SCHEMA", None)
    if settings.database_schema:
        env["READOUT_DATABASE_SCHEMA"] = settings.database_schema
    return env


def start_load(settings: Settings, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, "load", str(folder)],
        env=environment(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(load: subprocess.Popen[str]) -> tuple[int, str]:
    """Wait for ``load``: its exit code and what it wrote to stderr."""
    _, stderr = load.communicate()
    return load.returncode, stderr


def export(settings: Settings) -> dict[str, Any]:
    done = subprocess.run([*CLI, "export"], env=environment(settings), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def other_database(settings: Settings, tmp_path: Path, request: pytest.FixtureRequest) -> Settings:
    """A second empty database of the same backend, for the load to compare with."""
    if settings.database_schema is None:
        return Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'single.db'}")
    import asyncio  # noqa: PLC0415 - only the Postgres case needs it

    from tests.conftest import run_on_postgres  # noqa: PLC0415 - the suite's own helper

    schema = f"{settings.database_schema}_single"
    asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
    request.addfinalizer(lambda: asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE')))
    return Settings(database_url=settings.database_url, database_schema=schema)


def test_two_loads_at_once_make_what_one_load_makes(
    migrated_settings: Settings, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    corpus = compose(tmp_path / "corpus", ARTICLES)
    single = other_database(migrated_settings, tmp_path, request)
    migrations.upgrade(single)
    code, stderr = finish(start_load(single, corpus))
    assert code == 0, stderr

    loads = [start_load(migrated_settings, corpus) for _ in range(2)]
    outcomes = [finish(load) for load in loads]
    for code, stderr in outcomes:
        assert code == 0, stderr
        assert "failed" not in stderr.replace("0 failed", ""), stderr
    loaded = [int(stderr.split("articles: ")[1].split(" loaded")[0]) for _, stderr in outcomes]
    assert sum(loaded) == ARTICLES
    assert canonical(export(migrated_settings)) == canonical(export(single))


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left to collect


def _wait_until(condition: Any, what: str, *, limit: float = 60.0) -> None:
    """Poll ``condition`` until it holds; a bound on waiting, not a measurement."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
def test_a_load_killed_with_sigkill_leaves_no_process_and_the_next_run_completes(
    migrated_settings: Settings, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    corpus = compose(tmp_path / "corpus", ARTICLES)
    single = other_database(migrated_settings, tmp_path, request)
    migrations.upgrade(single)
    assert finish(start_load(single, corpus))[0] == 0

    load = start_load(migrated_settings, corpus)
    # The parser and the resource tracker, once the load has started them and the first batch is parsed.
    _wait_until(lambda: len(_children(load.pid)) >= 2, "the load's parsing process")
    children = _children(load.pid)
    load.send_signal(signal.SIGKILL)
    assert load.wait() == -signal.SIGKILL
    # Not ``communicate``: a child left behind would hold the load's stderr open and hang the test.
    _wait_until(lambda: not any(_running(child) for child in children), f"processes {children} to end")
    assert load.stderr is not None
    load.stderr.close()

    code, stderr = finish(start_load(migrated_settings, corpus))
    assert code == 0, stderr
    assert canonical(export(migrated_settings)) == canonical(export(single))
