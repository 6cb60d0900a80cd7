"""The REST API against its OpenAPI document, by schemathesis: every operation of the document, on
SQLite and on Postgres holding the seeds, with all of schemathesis' checks (no 5xx, status codes,
content types, headers and bodies as documented, valid data accepted, invalid data refused,
authentication enforced, …).

Two things the document cannot say in JSON Schema are taught here: how a valid ID of each type is
made (a custom string format per type), and that a cursor is valid only for the list and order that
issued it (a positive case's cursor is replaced by a real one for its list and ``sort``).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode
from schemathesis.python.asgi import ASGIClient
from schemathesis.specs.openapi.checks import negative_data_rejection
from starlette.applications import Starlette

from db.ids import encode_id
from tests.api.conftest import CONTRACT_TOKEN
from tests.conftest import REPO

AUTHORIZATION = {"Authorization": f"Bearer {CONTRACT_TOKEN}"}
# Enough to cover every parameter of every operation in a few minutes on both backends.
MAX_EXAMPLES = 30
# A body the schema accepts may still hold no story (a headline alone, "00"): the ingest refuses it
# with the documented 422, which counts as an answer to valid data there (schemathesis' defaults plus
# 422; the path filter also takes in GET /api/v1/articles, which never answers 422).
INGEST_ACCEPTS = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
CONFIG = SchemathesisConfig.from_dict(
    {
        "generation": {"max-examples": MAX_EXAMPLES},
        "operations": [
            {
                "include-path": "/api/v1/articles",
                "include-method": "POST",
                "checks": {"positive_data_acceptance": {"expected-statuses": INGEST_ACCEPTS}},
            }
        ],
    }
)

# IDs of rows that exist in the seeded database and of rows that do not (the seeds hold fewer).
for type_name in ("Event", "Actor", "Venue", "Topic", "Article"):
    strategy = st.integers(min_value=1, max_value=120).map(lambda pk, t=type_name: encode_id(t, pk))
    schemathesis.openapi.format(f"{type_name.lower()}-id", strategy)


@pytest.fixture(scope="module")
def cursors(asgi_client: ASGIClient) -> dict[tuple[str, str | None], str]:
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
            found[(path, sort)] = asgi_client.get(path, params=params).json()["nextCursor"]
    found |= {("/api/v1/actors/{id}/events", sort): found[("/api/v1/events", sort)] for sort in sorts["/api/v1/events"]}
    return found


# The document the app serves (a test of its own checks it is this file, byte for byte).
schema = schemathesis.openapi.from_path(REPO / "openapi" / "openapi.yaml", config=CONFIG)


@schema.parametrize()
# derandomize: the same code gets the same cases, so CI's verdict does not change from run to run.
@settings(suppress_health_check=list(HealthCheck), deadline=None, derandomize=True)
def test_the_api_keeps_its_document(
    case: Any, seeded_app: Starlette, asgi_client: ASGIClient, cursors: dict[tuple[str, str | None], str]
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
        session=asgi_client,
        # Ingestion and its jobs take the ingestion token.
        headers=AUTHORIZATION if case.method == "POST" or case.operation.path.startswith("/api/v1/jobs") else None,
        excluded_checks=excluded,
    )
