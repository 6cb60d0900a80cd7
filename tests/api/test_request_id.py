"""Request ids: the client's (when sane) or a new one, answered in ``X-Request-ID`` and in
problem+json bodies."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient


def test_a_given_id_comes_back_in_the_header_and_the_problem(client: TestClient) -> None:
    answer = client.get("/api/v1/nowhere", headers={"X-Request-ID": "trace-me-42"})
    assert answer.status_code == 404
    assert answer.headers["X-Request-ID"] == "trace-me-42"
    assert answer.json()["request_id"] == "trace-me-42"


@pytest.mark.parametrize("given", [None, "", "has space", "x" * 129, "tab\there"])
def test_otherwise_a_new_one(client: TestClient, given: str | None) -> None:
    headers = {"X-Request-ID": given} if given is not None else {}
    first = client.get("/api/v1/events?limit=0", headers=headers)
    second = client.get("/api/v1/events?limit=0", headers=headers)
    assert first.status_code == 400
    ids = {first.headers["X-Request-ID"], second.headers["X-Request-ID"]}
    assert len(ids) == 2
    assert first.json()["request_id"] == first.headers["X-Request-ID"]
    assert all(len(request_id) == 32 for request_id in ids)


def test_successes_carry_it_too(client: TestClient) -> None:
    assert len(client.get("/api/v1/events").headers["X-Request-ID"]) == 32
    assert client.post("/graphql", json={"query": "{ __typename }"}).headers["X-Request-ID"]
