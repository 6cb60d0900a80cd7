"""A bounded soak of the HTTP surface: a real ``readout serve`` under mixed GraphQL and REST traffic at a
fixed concurrency, reporting, per window, the requests answered, the errors (a 5xx or a failed
connection), the refusals (4xx) and the p50/p95 latency, and the server's resident memory at the start,
at the end of each window and at the end.

    .venv/bin/python bench/soak.py [--duration 180] [--concurrency 8] [--window 30] [--database URL]

Without ``--database`` it loads the seeds into a fresh SQLite file first (with ``readout load``). The
server runs with rate limits off unless ``--rate-limits`` (one client sending thousands of requests is
what they refuse); all traffic goes to 127.0.0.1 and stops at ``--duration``. The exit status is 1 when
any request failed with a 5xx or a connection error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
READOUT = Path(sys.executable).with_name("readout")
TIMELINE = (REPO / "api" / "timeline.graphql").read_text(encoding="utf-8")
ACTOR_PAGE = "query($after: String) { actors(first: 10, after: $after) { nodes { name aliases counterparts(first: 3) { eventCount actor { name } } } pageInfo { endCursor } } }"  # noqa: E501
SEARCH = "query($q: String!) { search(query: $q, first: 10) { __typename ... on Event { title start } ... on Actor { name } } }"  # noqa: E501
WORDS = ["Blinken", "Wang", "Beijing", "summit", "trade", "Taiwan", "Biden", "Xi", "Malta", "call"]


@dataclass
class Window:
    """What one window of the run saw."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    refused: int = 0
    rss_kib: int = 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rss_kib(pid: int) -> int:
    """The resident memory of process ``pid`` (Linux /proc), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def seeded_database(directory: Path) -> str:
    url = f"sqlite+aiosqlite:///{directory / 'soak.db'}"
    for command in (["db", "upgrade"], ["load", str(REPO / "seeds")]):
        subprocess.run([str(READOUT), *command, "--database", url], check=True, capture_output=True)  # noqa: S603
    return url


def requests(ids: dict[str, list[str]], rng: random.Random) -> list[Callable[[], tuple[str, str, dict[str, Any]]]]:
    """The mix: each item draws one request (method, path, JSON body or query parameters)."""

    def graphql(query: str, **variables: Any) -> tuple[str, str, dict[str, Any]]:
        return "POST", "/graphql", {"json": {"query": query, "variables": variables}}

    def rest(path: str, **params: Any) -> tuple[str, str, dict[str, Any]]:
        return "GET", path, {"params": params}

    return [
        lambda: graphql(TIMELINE, actor=rng.choice(ids["actors"])),
        lambda: graphql(TIMELINE.replace("first: 20", "first: 5"), **{"from": "2023", "to": "2024"}),
        lambda: graphql(ACTOR_PAGE),
        lambda: graphql(SEARCH, q=rng.choice(WORDS)),
        lambda: rest("/api/v1/events", limit=20),
        lambda: rest("/api/v1/events", actor=rng.choice(ids["actors"]), limit=5),
        lambda: rest(f"/api/v1/events/{rng.choice(ids['events'])}"),
        lambda: rest("/api/v1/actors", q=rng.choice(WORDS)),
        lambda: rest("/api/v1/topics"),
        lambda: rest("/api/v1/articles", limit=5),
    ]


async def worker(
    client: httpx.AsyncClient,
    *,
    mix: list[Callable[[], tuple[str, str, dict[str, Any]]]],
    windows: list[Window],
    started: float,
    seconds: float,
    rng: random.Random,
) -> None:
    while (now := time.perf_counter()) - started < seconds:
        method, path, options = rng.choice(mix)()
        index = min(int((now - started) // (seconds / len(windows))), len(windows) - 1)
        try:
            response = await client.request(method, path, **options)
        except httpx.HTTPError:
            windows[index].errors += 1
            continue
        windows[index].latencies.append(time.perf_counter() - now)
        if response.status_code >= 500:
            windows[index].errors += 1
        elif response.status_code >= 400:
            windows[index].refused += 1


def percentile(values: list[float], share: float) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


async def soak(base: str, pid: int, arguments: argparse.Namespace) -> tuple[list[Window], int]:
    count = max(1, round(arguments.duration / arguments.window))
    windows = [Window() for _ in range(count)]
    rng = random.Random(arguments.seed)  # noqa: S311 - a reproducible mix, not a secret
    limits = httpx.Limits(max_connections=arguments.concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        ids = {
            "actors": [
                item["id"] for item in (await client.get("/api/v1/actors", params={"limit": 50})).json()["items"]
            ],
            "events": [
                item["id"] for item in (await client.get("/api/v1/events", params={"limit": 50})).json()["items"]
            ],
        }
        mix = requests(ids, rng)
        # Warm up (caches, the pool), then take the memory the run starts from.
        for make in mix:
            method, path, options = make()
            await client.request(method, path, **options)
        start_rss = rss_kib(pid)
        started = time.perf_counter()
        seconds = float(arguments.duration)
        workers = [
            worker(
                client,
                mix=mix,
                windows=windows,
                started=started,
                seconds=seconds,
                rng=random.Random(arguments.seed + n),  # noqa: S311 - a reproducible mix, not a secret
            )
            for n in range(arguments.concurrency)
        ]

        async def sample_memory() -> None:
            for index in range(count):
                await asyncio.sleep(seconds / count)
                windows[index].rss_kib = rss_kib(pid)

        await asyncio.gather(*workers, sample_memory())
    return windows, start_rss


def report(windows: list[Window], start_rss: int, arguments: argparse.Namespace) -> int:
    span = arguments.duration / len(windows)
    print(f"soak: {arguments.duration} s at concurrency {arguments.concurrency}, windows of {span:g} s")
    columns = ("requests", 9), ("req/s", 7), ("errors", 7), ("4xx", 5), ("p50 ms", 8), ("p95 ms", 8), ("RSS MiB", 8)
    print(f"{'window':>8} " + " ".join(f"{name:>{width}}" for name, width in columns))
    everything: list[float] = []
    errors = 0
    for number, window in enumerate(windows):
        everything += window.latencies
        errors += window.errors
        print(
            f"{number * span:>6.0f} s {len(window.latencies):>9} {len(window.latencies) / span:>7.1f} "
            f"{window.errors:>7} {window.refused:>5} {percentile(window.latencies, 0.5) * 1000:>8.1f} "
            f"{percentile(window.latencies, 0.95) * 1000:>8.1f} {window.rss_kib / 1024:>8.1f}"
        )
    end_rss = windows[-1].rss_kib
    print(
        f"{'all':>8} {len(everything):>9} {len(everything) / arguments.duration:>7.1f} {errors:>7} "
        f"{sum(w.refused for w in windows):>5} {percentile(everything, 0.5) * 1000:>8.1f} "
        f"{percentile(everything, 0.95) * 1000:>8.1f}"
    )
    print(
        f"memory: {start_rss / 1024:.1f} MiB after warm-up, {end_rss / 1024:.1f} MiB at the end "
        f"({(end_rss - start_rss) / 1024:+.1f} MiB), peak {max(w.rss_kib for w in windows) / 1024:.1f} MiB"
    )
    return 1 if errors else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=180, help="seconds of traffic (default 180)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once (default 8)")
    parser.add_argument("--window", type=int, default=30, help="seconds per reported window (default 30)")
    parser.add_argument("--database", help="database URL to serve (default: the seeds in a fresh SQLite file)")
    parser.add_argument("--rate-limits", action="store_true", help="keep the server's rate limits on")
    parser.add_argument("--seed", type=int, default=7, help="seed of the request mix")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        database = arguments.database or seeded_database(Path(directory))
        port = free_port()
        env = {**os.environ, "READOUT_DATABASE_URL": database}
        if not arguments.rate_limits:
            env["READOUT_RATE_LIMIT_ENABLED"] = "false"
        command = [str(READOUT), "serve", "--port", str(port)]
        with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as server:  # noqa: S603
            try:
                base = f"http://127.0.0.1:{port}"
                for _ in range(200):
                    try:
                        if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                            break
                    except httpx.TransportError:
                        time.sleep(0.1)
                else:
                    raise SystemExit("the server did not become ready")
                windows, start_rss = asyncio.run(soak(base, server.pid, arguments))
            finally:
                server.terminate()
                server.wait(timeout=30)
    return report(windows, start_rss, arguments)


if __name__ == "__main__":
    sys.exit(main())
