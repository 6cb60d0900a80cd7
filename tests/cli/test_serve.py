"""``readout serve`` as a real process, alone or with worker processes: it answers /healthz and a
GraphQL query over TCP, names no server, warns once at start when the browser pages' files are not
built, and logs a line per request unless ``--no-access-log``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from api.static import missing_assets
from db.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_serving(port: int, server: subprocess.Popen[bytes], limit: float = 60) -> None:
    """Poll ``/healthz`` until ``server`` answers on ``port``; fails with its output if it ends first.
    A bound on waiting, not a measurement."""
    deadline = time.monotonic() + limit
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except httpx.TransportError:
            output = server.stdout or server.stderr
            assert server.poll() is None, output.read().decode() if output else ""
            assert time.monotonic() < deadline, f"the server did not start within {limit:g} s"
            time.sleep(0.2)


@pytest.mark.parametrize(("workers", "access_log"), [(1, True), (2, True), (1, False), (2, False)])
def test_serve_answers_healthz(migrated_settings: Settings, workers: int, access_log: bool) -> None:
    port = free_port()
    readout = Path(sys.executable).with_name("readout")
    env = {**os.environ, "READOUT_DATABASE_URL": migrated_settings.database_url}
    if migrated_settings.database_schema:
        env["READOUT_DATABASE_SCHEMA"] = migrated_settings.database_schema
    with subprocess.Popen(
        [str(readout), "serve", "--port", str(port), "--workers", str(workers)]
        + ([] if access_log else ["--no-access-log"]),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    ) as server:
        try:
            deadline = time.monotonic() + 40
            while True:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                    break
                except httpx.TransportError:
                    assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                    assert time.monotonic() < deadline, "server did not start within 40 s"
                    time.sleep(0.1)
            assert response.status_code == 200
            assert "server" not in response.headers
            assert response.headers["x-content-type-options"] == "nosniff"
            assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
            query = {"query": "{ events { totalCount } }"}
            answer = httpx.post(f"http://127.0.0.1:{port}/graphql", json=query, timeout=10)
            assert answer.json()["data"] == {"events": {"totalCount": 0}}
        finally:
            server.terminate()
            server.wait(timeout=10)
        output = server.stdout.read().decode() if server.stdout else ""
    assert output.count("are not built") == (1 if missing_assets() else 0), output
    assert ('"POST /graphql HTTP/1.1" 200' in output) is access_log, output
