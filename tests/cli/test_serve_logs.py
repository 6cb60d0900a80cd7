"""``READOUT_LOG_FORMAT=json``: a real ``readout serve`` writes one JSON object a line, and the lines
written for a request carry the id it was answered with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from db.settings import Settings
from tests.cli.test_serve import free_port, wait_until_serving


def test_json_logs_carry_the_request_id(migrated_settings: Settings, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "READOUT_DATABASE_URL": migrated_settings.database_url, "READOUT_LOG_FORMAT": "json"}
    env.pop("READOUT_DATABASE_SCHEMA", None)
    if migrated_settings.database_schema:
        env["READOUT_DATABASE_SCHEMA"] = migrated_settings.database_schema
    log = tmp_path / "server.log"
    readout = str(Path(sys.executable).with_name("readout"))
    with (
        log.open("w") as sink,
        subprocess.Popen(
            [readout, "serve", "--port", str(port)], env=env, stdout=sink, stderr=subprocess.STDOUT
        ) as server,
    ):
        try:
            wait_until_serving(port, server)
            answer = httpx.get(f"http://127.0.0.1:{port}/api/v1/events", headers={"X-Request-ID": "find-me-7"})
            assert answer.headers["X-Request-ID"] == "find-me-7"
            missing = httpx.get(f"http://127.0.0.1:{port}/api/v1/nowhere")
        finally:
            server.terminate()
            server.wait(timeout=10)
    lines: list[dict[str, Any]] = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    access = [line for line in lines if line["logger"] == "uvicorn.access"]
    found = [line for line in access if line.get("request_id") == "find-me-7"]
    assert len(found) == 1
    assert (found[0]["method"], found[0]["path"], found[0]["status"]) == ("GET", "/api/v1/events", 200)
    generated = missing.headers["X-Request-ID"]
    assert missing.json()["request_id"] == generated
    assert [line["status"] for line in access if line.get("request_id") == generated] == [404]
