"""Persisted queries (Apollo's APQ): a hash alone that is not known asks for the document, a document
with its hash is remembered and then runs from the hash alone, over POST and GET; a hash that is not
the document's, or is malformed, is a 400."""

from __future__ import annotations

import hashlib
import json

from starlette.testclient import TestClient

from api.app import create_app
from db.settings import Settings

QUERY = "{ events(first: 1) { totalCount } }"
DIGEST = hashlib.sha256(QUERY.encode()).hexdigest()


def _persisted(digest: str = DIGEST, version: int = 1) -> dict[str, object]:
    return {"persistedQuery": {"version": version, "sha256Hash": digest}}


def test_a_document_sent_once_runs_from_its_hash(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        unknown = client.post("/graphql", json={"extensions": _persisted()})
        assert unknown.status_code == 200
        assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
        assert unknown.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"

        sent = client.post("/graphql", json={"query": QUERY, "extensions": _persisted()})
        assert sent.status_code == 200
        assert sent.json()["data"] == {"events": {"totalCount": 0}}

        by_hash = client.post("/graphql", json={"extensions": _persisted()})
        assert by_hash.json()["data"] == sent.json()["data"]
        over_get = client.get(
            "/graphql", params={"extensions": json.dumps(_persisted())}, headers={"Accept": "application/json"}
        )
        assert over_get.status_code == 200
        assert over_get.json()["data"] == sent.json()["data"]


def test_a_wrong_or_malformed_hash_is_refused(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        for extensions, reason in (
            (_persisted("0" * 64), "is not the SHA-256 of `query`"),
            (_persisted("nope"), "64 lowercase hex digits"),
            (_persisted(version=2), "{version: 1"),
        ):
            response = client.post("/graphql", json={"query": QUERY, "extensions": extensions})
            assert response.status_code == 400, response.text
            assert reason in response.json()["errors"][0]["message"]
        # Without a hash a document is still required.
        assert client.post("/graphql", json={"extensions": {}}).status_code == 400
