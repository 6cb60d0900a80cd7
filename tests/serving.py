"""A real ``readout serve`` for tests that drive the API from outside (a browser, an HTTP client): started
on a free port over a database, waited for until ``/healthz`` answers, stopped after.

    >>> async with serving(settings) as base:  # doctest: +SKIP
    ...     page.goto(f"{base}/explore")
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from db.settings import Settings
from tests.conftest import REPO

__all__ = ["free_port", "serving"]


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[str]:
    """``readout serve`` over ``settings``' database until the block ends; its base URL."""
    port = free_port()
    env = {**os.environ, "READOUT_DATABASE_URL": settings.database_url}
    env.pop("READOUT_DATABASE_SCHEMA", None)
    if settings.database_schema:
        env["READOUT_DATABASE_SCHEMA"] = settings.database_schema
    command = [str(Path(sys.executable).with_name("readout")), "serve", "--port", str(port)]
    process = await asyncio.create_subprocess_exec(
        *command, cwd=REPO, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(100):
                try:
                    if (await client.get(f"{base}/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            else:
                process.terminate()
                _, errors = await process.communicate()
                pytest.fail(f"the server did not start: {errors.decode()[-2000:]}")
        yield base
    finally:
        if process.returncode is None:
            process.terminate()
        await asyncio.wait_for(process.communicate(), timeout=10)
