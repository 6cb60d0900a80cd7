"""The GraphQL-over-HTTP specification: graphql-http's own audit (``auditServer``, from npm, installed
by ``make`` into tests/conformance) against a real ``readout serve``, which must pass every check
(no warning, no notice); and the media types it negotiates, in process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.graphql_media import GraphQLMedia, negotiate
from db.settings import Settings
from tests.cli.test_serve import free_port, wait_until_serving
from tests.conftest import IN_CI, REPO

AUDIT = REPO / "tests" / "conformance" / "audit.mjs"
RESPONSE_TYPE = "application/graphql-response+json"


@pytest.fixture
def served(migrated_settings: Settings) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "READOUT_DATABASE_URL": migrated_settings.database_url}
    env.pop("READOUT_DATABASE_SCHEMA", None)
    if migrated_settings.database_schema:
        env["READOUT_DATABASE_SCHEMA"] = migrated_settings.database_schema
    readout = Path(sys.executable).with_name("readout")
    with subprocess.Popen(
        [str(readout), "serve", "--port", str(port), "--no-access-log"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as server:
        try:
            wait_until_serving(port, server)
            yield f"http://127.0.0.1:{port}/graphql"
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_the_audit_reports_only_passes(served: str) -> None:
    node = shutil.which("node")
    modules = REPO / "tests" / "conformance" / "node_modules" / "graphql-http"
    if node is None or not modules.is_dir():
        reason = "node or tests/conformance/node_modules missing: run `make test` (npm ci in tests/conformance)"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(reason)
    done = subprocess.run([node, str(AUDIT), served], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) >= 50
    assert [result for result in results if result["status"] != "ok"] == []


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (RESPONSE_TYPE, GraphQLMedia.RESPONSE),
        (f"{RESPONSE_TYPE}, application/json;q=0.9", GraphQLMedia.RESPONSE),
        (f"application/json, {RESPONSE_TYPE};q=0.5", GraphQLMedia.LEGACY),
        ("application/json", GraphQLMedia.LEGACY),
        ("*/*", GraphQLMedia.DEFAULT),
        (None, GraphQLMedia.DEFAULT),
        (f"{RESPONSE_TYPE};q=0", GraphQLMedia.DEFAULT),
    ],
)
def test_negotiation(accept: str | None, media: GraphQLMedia) -> None:
    assert negotiate(accept) is media


@pytest.mark.parametrize(
    ("accept", "status", "content_type", "has_data"),
    [
        (RESPONSE_TYPE, 400, RESPONSE_TYPE, False),
        ("application/json", 200, "application/json", True),
        ("*/*", 400, "application/json", True),
    ],
)
def test_a_request_error_under_each_media_type(
    migrated_settings: Settings, accept: str, status: int, content_type: str, has_data: bool
) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        for document in ("{ events {", "{ evnets { totalCount } }"):
            answer = client.post("/graphql", json={"query": document}, headers={"Accept": accept})
            assert answer.status_code == status
            assert answer.headers["content-type"] == content_type
            assert ("data" in answer.json()) is has_data
            assert answer.json()["errors"]
        fine = client.post("/graphql", json={"query": "{ events { totalCount } }"}, headers={"Accept": accept})
        assert fine.status_code == 200
        assert fine.headers["content-type"] == content_type
        assert fine.json()["data"] == {"events": {"totalCount": 0}}
