"""The servers of the API benchmark, each one process on a free port of 127.0.0.1: readout (its
GraphQL and its REST are the same process, measured in turn), the raw-SQL ceiling and PostGraphile.

    with start_servers(database_url, schema, workers=1) as servers:
        servers["graphql"].url, servers["postgraphile"].pid

Every server started is stopped when the block ends, however it ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Server", "start_servers"]

REPO = Path(__file__).resolve().parent.parent
POSTGRAPHILE = REPO / "bench" / "peers" / "postgraphile"


@dataclass(frozen=True)
class Server:
    """A running server: where it answers and the process whose CPU time it spends."""

    url: str
    pid: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait(url: str, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with status {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - the loopback server just started
                return
        except urllib.error.HTTPError:
            return  # it answers, if only to refuse a bare GET
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{name} did not answer at {url} within 60 s")


def _readout(port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from api.cli import app; app()",
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
        # As PostGraphile and the ceiling: no line written per request.
        "--no-access-log",
    ]


@contextlib.contextmanager
def start_servers(database_url: str, schema: str, workers: int = 1) -> Iterator[dict[str, Server]]:
    """readout (as "graphql" and "rest"), "ceiling" and "postgraphile", started and ready; and a second
    readout with its response cache (as "graphql-cached") for the warm run: the first has none, so that
    the cold rounds, which cycle through a few hundred requests, measure execution."""
    dsn = database_url.replace("+asyncpg", "")
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    readout_env = {
        **environment,
        "READOUT_DATABASE_URL": database_url,
        "READOUT_DATABASE_SCHEMA": schema,
        "READOUT_RATE_LIMIT_ENABLED": "false",
        "READOUT_ENV": "production",
    }
    ports = {name: _free_port() for name in ("readout", "readout-cached", "ceiling", "postgraphile")}
    commands = {
        "readout": (
            _readout(ports["readout"], workers),
            {**readout_env, "READOUT_GRAPHQL_RESPONSE_CACHE_SIZE": "0"},
            REPO,
            "/healthz",
        ),
        "readout-cached": (_readout(ports["readout-cached"], workers), readout_env, REPO, "/healthz"),
        "ceiling": (
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bench.ceiling:app",
                "--port",
                str(ports["ceiling"]),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            {**environment, "READOUT_BENCH_DSN": dsn, "READOUT_BENCH_SCHEMA": schema},
            REPO,
            "/",
        ),
        "postgraphile": (
            ["node", "server.mjs"],
            {
                **environment,
                "DATABASE_URL": dsn,
                "SCHEMA": schema,
                "PORT": str(ports["postgraphile"]),
                "GRAPHILE_ENV": "production",
                "NODE_ENV": "production",
            },
            POSTGRAPHILE,
            "/graphql",
        ),
    }
    processes: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for name, (command, env, cwd, probe) in commands.items():
            processes[name] = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL)  # noqa: S603
            _wait(f"http://127.0.0.1:{ports[name]}{probe}", processes[name], name)
        url = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        yield {
            "graphql": Server(url["readout"], processes["readout"].pid),
            "rest": Server(url["readout"], processes["readout"].pid),
            "graphql-cached": Server(url["readout-cached"], processes["readout-cached"].pid),
            "ceiling": Server(url["ceiling"], processes["ceiling"].pid),
            "postgraphile": Server(url["postgraphile"], processes["postgraphile"].pid),
        }
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
