"""Driving a server with ``wrk`` (Debian's package): a Lua script that cycles through a list of
prepared requests and prints its summary as one JSON line, and the CPU time the server's processes
spent meanwhile (Linux /proc), so each round yields requests/s, latency percentiles, errors and server
CPU milliseconds per request.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Request", "Round", "cpu_seconds", "run_round"]

TICKS = os.sysconf("SC_CLK_TCK")
WRK = shutil.which("wrk") or "/usr/bin/wrk"
LUA = r"""
local requests = {%s}
local counter = 0
local threads = {}
function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end
function init(args)
  counter = tonumber(wrk.thread:get("offset")) or 0
end
function request()
  counter = counter + 1
  local r = requests[(counter %% #requests) + 1]
  return wrk.format(r[1], r[2], {["Content-Type"] = "application/json"}, r[3])
end
function done(summary, latency, requests_)
  local e = summary.errors
  io.write("WRK_JSON " .. string.format(
    '{"requests": %%d, "duration_us": %%d, "connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d, '
    .. '"p50_us": %%d, "p95_us": %%d, "p99_us": %%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


@dataclass(frozen=True)
class Request:
    """One HTTP request: method, path (with its query string) and body ('' for none)."""

    method: str
    path: str
    body: str = ""


@dataclass(frozen=True)
class Round:
    """What one wrk run measured."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    cpu_seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]"


def _script(requests: list[Request]) -> str:
    items = ", ".join("{" + ", ".join(_lua_string(part) for part in (r.method, r.path, r.body)) + "}" for r in requests)
    return LUA % items


def cpu_seconds(pid: int) -> float:
    """User and system CPU of ``pid`` and its children still running (Linux /proc), in seconds."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                pids.append(int(entry.name))
    total = 0
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def run_round(url: str, requests: list[Request], *, connections: int, seconds: float, server_pid: int) -> Round:
    """``wrk`` against ``url`` (scheme, host and port) for ``seconds`` with ``connections`` open."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(_script(requests))
        script = handle.name
    try:
        before = cpu_seconds(server_pid)
        result = subprocess.run(  # noqa: S603 - a fixed program on the machine's loopback
            [
                WRK,
                "-t",
                str(min(2, connections)),
                "-c",
                str(connections),
                "-d",
                f"{seconds:g}s",
                "--timeout",
                "10s",
                "-s",
                script,
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=seconds + 60,
        )
        spent = cpu_seconds(server_pid) - before
    finally:
        os.unlink(script)
    line = next(text for text in result.stdout.splitlines() if text.startswith("WRK_JSON "))
    found = json.loads(line.removeprefix("WRK_JSON "))
    errors = sum(found[name] for name in ("connect", "read", "write", "status", "timeout"))
    return Round(
        requests=found["requests"],
        seconds=found["duration_us"] / 1e6,
        errors=errors,
        p50_ms=found["p50_us"] / 1000,
        p95_ms=found["p95_us"] / 1000,
        cpu_seconds=spent,
    )
