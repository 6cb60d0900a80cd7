"""The REST API against its OpenAPI document, by schemathesis: every operation of the document, on
SQLite and on Postgres holding the seeds, with all of schemathesis' checks (no 5xx, status codes,
content types, headers and bodies as documented, valid data accepted, invalid data refused,
authentication enforced, …).

Two things the document cannot say in JSON Schema are taught here: how a valid ID of each type is
made (a custom string format per type), and that a cursor is valid only for the list and order that
issued it (a positive case's cursor is replaced by a real one for its list and ``sort``).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.python.asgi import ASGIClient, shutdown_lifespans
from schemathesis.specs.openapi.checks import negative_data_rejection
from starlette.applications import Starlette

from api.app import create_app
from db import migrations
from db.ids import encode_id
from db.settings import Settings
from tests.api.seeds import load_seeds
from tests.conftest import POSTGRES_URL, REPO, run_on_postgres

TOKEN = "contract-test-token"
AUTHORIZATION = {"Authorization": f"Bearer {TOKEN}"}
# Enough to cover every parameter of every operation in a few minutes on both backends.
MAX_EXAMPLES = 30
CONFIG = SchemathesisConfig.from_dict({"generation": {"max-examples": MAX_EXAMPLES}})

# IDs of rows that exist in the seeded database and of rows that do not (the seeds hold fewer).
for type_name in ("Event", "Actor", "Venue", "Topic", "Article"):
    strategy = st.integers(min_value=1, max_value=120).map(lambda pk, t=type_name: encode_id(t, pk))
    schemathesis.openapi.format(f"{type_name.lower()}-id", strategy)


def _seeded(settings: Settings) -> Settings:
    migrations.upgrade(settings)
    asyncio.run(load_seeds(settings))
    return Settings.model_validate({**settings.model_dump(), "ingest_token": TOKEN})


@pytest.fixture(
    scope="module",
    params=[
        pytest.param("sqlite", marks=pytest.mark.sqlite),
        pytest.param("postgres", marks=pytest.mark.postgres),
    ],
)
def seeded_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Starlette]:
    """An app on a database of each backend holding the seeds, ingestion on; shared by this module."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("contract") / "readout.db"
        yield create_app(_seeded(Settings(database_url=f"sqlite+aiosqlite:///{path}")))
        shutdown_lifespans()
        return
    request.getfixturevalue("postgres_available")
    schema = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
    try:
        yield create_app(_seeded(Settings(database_url=POSTGRES_URL, database_schema=schema)))
        shutdown_lifespans()
    finally:
        asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(scope="module")
def client(seeded_app: Starlette) -> Iterator[ASGIClient]:
    """Schemathesis' in-process client for the seeded app (its lifespan runs once per module)."""
    with ASGIClient(seeded_app) as asgi_client:
        yield asgi_client


@pytest.fixture(scope="module")
def cursors(client: ASGIClient) -> dict[tuple[str, str | None], str]:
    """A real cursor of each list in each order, by (path template, sort)."""
    found: dict[tuple[str, str | None], str] = {}
    sorts = {
        "/api/v1/events": ["start", "-start", "confidence", "-confidence", "title", "-title"],
        "/api/v1/articles": ["published", "-published", "title", "-title"],
        "/api/v1/actors": [None],
        "/api/v1/venues": [None],
        "/api/v1/topics": [None],
    }
    for path, orders in sorts.items():
        for sort in orders:
            params = {"limit": "1", **({"sort": sort} if sort else {})}
            found[(path, sort)] = client.get(path, params=params).json()["nextCursor"]
    found |= {("/api/v1/actors/{id}/events", sort): found[("/api/v1/events", sort)] for sort in sorts["/api/v1/events"]}
    return found


# The document the app serves (a test of its own checks it is this file, byte for byte).
schema = schemathesis.openapi.from_path(REPO / "openapi" / "openapi.yaml", config=CONFIG)


@schema.parametrize()
# derandomize: the same code gets the same cases, so CI's verdict does not change from run to run.
@settings(suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
def test_the_api_keeps_its_document(
    case: Any, seeded_app: Starlette, client: ASGIClient, cursors: dict[tuple[str, str | None], str]
) -> None:
    # The document was loaded from its file, so schemathesis learns here which app answers: this
    # backend's, in process (the probes it sends without credentials go there too).
    case.operation.schema.app = case.operation.app = seeded_app
    query = case.query or {}
    positive = case.meta is not None and case.meta.generation.mode is GenerationMode.POSITIVE
    if positive and isinstance(query.get("cursor"), str):
        sort = query.get("sort") if isinstance(query.get("sort"), str) else None
        default = {"/api/v1/events": "start", "/api/v1/actors/{id}/events": "start", "/api/v1/articles": "-published"}
        query["cursor"] = cursors[(case.operation.path, sort or default.get(case.operation.path))]
    # Whatever a text/plain body is made of, it arrives as text, and any text with a letter in it is
    # a valid article: a "schema-violating" text body (a list or null, stringified) is one too.
    # Schemathesis forgives that only when nothing else in the request was varied, so the check is
    # left out for such bodies alone.
    excluded = [negative_data_rejection] if case.media_type == "text/plain" and not positive else None
    case.call_and_validate(
        base_url="http://testserver",
        session=client,
        headers=AUTHORIZATION if case.method == "POST" else None,
        excluded_checks=excluded,
    )
