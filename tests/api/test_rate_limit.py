"""Rate limits: REST by request, GraphQL by query cost, wrong tokens per address; 429 with
``Retry-After`` and the draft's ``RateLimit``/``RateLimit-Policy`` fields; a refused query runs no SQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from starlette.testclient import TestClient

from api.app import create_app
from api.rate_limit import RateLimiter
from db.settings import Settings

EVENTS = "{ events(first: 20) { nodes { id } } }"  # 20 events and the page's look-up: 21 points


def limited(settings: Settings, **rates: Any) -> Settings:
    return Settings.model_validate({**settings.model_dump(), **rates})


def test_rest_is_limited_by_request(migrated_settings: Settings) -> None:
    with TestClient(create_app(limited(migrated_settings, rate_limit_requests="3/minute"))) as client:
        answers = [client.get("/api/v1/topics") for _ in range(4)]
        assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
        assert [answer.headers["ratelimit"].split(";t=")[0] for answer in answers[:3]] == [
            '"requests";r=2',
            '"requests";r=1',
            '"requests";r=0',
        ]
        refused = answers[3]
        assert refused.headers["ratelimit-policy"] == '"requests";q=3;w=60'
        assert 1 <= int(refused.headers["retry-after"]) <= 120
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["type"] == "urn:readout:problem:rate-limited"
        assert refused.json()["detail"].startswith("Too many requests (3 per 60 s); retry in ")
        # Health checks and documents are not limited.
        assert client.get("/healthz").status_code == 200
        assert client.get("/openapi.json").status_code == 200


def test_graphql_is_limited_by_cost(migrated_settings: Settings) -> None:
    app = create_app(limited(migrated_settings, rate_limit_graphql_points="100/minute"))
    with TestClient(app) as client:
        answers = [client.post("/graphql", json={"query": EVENTS}) for _ in range(4)]
        assert [answer.status_code for answer in answers] == [200] * 4
        assert [answer.json()["extensions"]["cost"]["points"] for answer in answers] == [21] * 4
        assert answers[-1].headers["ratelimit"].startswith('"graphql";r=16;')
        assert answers[-1].headers["ratelimit-policy"] == '"graphql";q=100;w=60'
        statements: list[str] = []
        engine = client.app.state.engine.sync_engine  # type: ignore[attr-defined]
        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        refused = client.post("/graphql", json={"query": EVENTS})
        assert statements == []
    assert refused.status_code == 429
    (error,) = refused.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["message"].startswith("The query costs 21 points and 16 of 100 are left in this 60 s window")
    assert int(refused.headers["retry-after"]) == error["extensions"]["retryAfter"] >= 1


def test_a_client_with_no_point_left_is_refused_before_parsing(migrated_settings: Settings) -> None:
    app = create_app(limited(migrated_settings, rate_limit_graphql_points="21/minute"))
    with TestClient(app) as client:
        assert client.post("/graphql", json={"query": EVENTS}).status_code == 200
        refused = client.post("/graphql", content=b"not even JSON", headers={"content-type": "application/json"})
    assert refused.status_code == 429
    assert refused.json()["errors"][0]["message"].startswith("No GraphQL cost points are left (21 per 60 s)")


@pytest.mark.parametrize("path", ["/api/v1/articles", "/metrics"])
def test_wrong_tokens_are_slowed_down(migrated_settings: Settings, path: str) -> None:
    settings = limited(
        migrated_settings, ingest_token="right", metrics_token="right", rate_limit_auth_failures="2/minute"
    )
    wrong, right = {"authorization": "Bearer wrong"}, {"authorization": "Bearer right"}
    method = "POST" if path.endswith("articles") else "GET"
    with TestClient(create_app(settings)) as client:
        statuses = [client.request(method, path, headers=wrong, json={"text": "x"}).status_code for _ in range(3)]
        # Past the failures allowed, even the right token is refused until they age out.
        after = client.request(method, path, headers=right, json={"text": "x"})
    assert statuses == [401, 401, 429]
    assert after.status_code == 429
    assert after.json()["detail"].startswith("Too many wrong tokens from this address; retry in ")
    assert int(after.headers["retry-after"]) >= 1


def test_rate_limits_can_be_switched_off(migrated_settings: Settings) -> None:
    settings = limited(migrated_settings, rate_limit_enabled=False, rate_limit_requests="1/minute")
    with TestClient(create_app(settings)) as client:
        answers = [client.get("/api/v1/topics") for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200] * 3
    assert "ratelimit" not in answers[0].headers


def scope(host: str, authorization: str | None = None) -> dict[str, Any]:
    headers = [(b"authorization", authorization.encode())] if authorization else []
    return {"type": "http", "client": (host, 1234), "headers": headers}


def test_who_a_client_is() -> None:
    limiter = RateLimiter(Settings(ingest_token="s3cret"))
    assert limiter.client(scope("203.0.113.7")) == "203.0.113.7"
    # One subscriber holds a /64: its addresses are one client.
    assert (
        limiter.client(scope("2001:db8:1:2::1")) == limiter.client(scope("2001:db8:1:2:ffff::9")) == "2001:db8:1:2::/64"
    )
    assert limiter.client(scope("::ffff:203.0.113.7")) == "203.0.113.7"
    # A valid token is the client wherever it comes from; an invalid one is no escape from the address.
    assert limiter.client(scope("203.0.113.7", "Bearer s3cret")) == limiter.client(
        scope("198.51.100.1", "Bearer s3cret")
    )
    assert limiter.client(scope("203.0.113.7", "Bearer s3cret")).startswith("token:")
    assert limiter.client(scope("203.0.113.7", "Bearer guess")) == "203.0.113.7"
    assert limiter.client(scope("203.0.113.7", "Bearer s3cret"), by_token=False) == "203.0.113.7"
