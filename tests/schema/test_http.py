"""``/graphql`` over HTTP: the limits refuse hostile documents quickly with a clear error (400, with a
code), internal errors are masked, GET serves queries only, and introspection, the explorer and CORS
follow the settings."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event
from starlette.testclient import TestClient

from api.app import create_app
from db.settings import Settings


def post(
    settings: Settings, query: str, statements: list[str] | None = None, *, status: int = 200, **variables: Any
) -> dict[str, Any]:
    """The response to ``query`` (answered with ``status``); the SQL it ran is appended to ``statements``."""
    with TestClient(create_app(settings)) as client:
        engine = client.app.state.engine.sync_engine  # type: ignore[attr-defined]

        def record(*args: Any) -> None:
            if statements is not None:
                statements.append(args[2])

        event.listen(engine, "before_cursor_execute", record)
        try:
            response = client.post("/graphql", json={"query": query, "variables": variables})
        finally:
            event.remove(engine, "before_cursor_execute", record)
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def refused(settings: Settings, query: str) -> str:
    """The first error message of a refused document, answered 400 as a request error. Refusals come
    before any work: not one SQL statement runs (what "quickly" means here, without a timed assertion)."""
    statements: list[str] = []
    body = post(settings, query, statements, status=400)
    assert statements == []
    assert body.get("data") is None
    assert body["errors"], body
    assert {error["extensions"]["code"] for error in body["errors"]} <= {
        "GRAPHQL_PARSE_FAILED",
        "GRAPHQL_VALIDATION_FAILED",
        "BAD_USER_INPUT",
        "QUERY_TOO_COMPLEX",
    }
    message: str = body["errors"][0]["message"]
    return message


def nested_venue(depth: int) -> str:
    inner = "name"
    for _ in range(depth):
        inner = f"parent {{ {inner} }}"
    return f"{{ venues {{ nodes {{ {inner} }} }} }}"


def test_limits_refuse_hostile_documents(migrated_settings: Settings) -> None:
    assert "exceeds maximum operation depth of 10" in refused(migrated_settings, nested_venue(20))
    thousand_aliases = "{ " + " ".join(f"a{n}: __typename" for n in range(1000)) + " }"
    assert "token" in refused(migrated_settings, thousand_aliases).lower()
    repeated = "{ " + "__typename " * 2000 + "}"
    assert "token" in refused(migrated_settings, repeated).lower()
    hidden = "{ ...F } fragment F on Query { " + " ".join(f"a{n}: __typename" for n in range(30)) + " }"
    assert refused(migrated_settings, hidden) == "30 aliases found. Allowed: 20"
    assert (
        refused(migrated_settings, "{ events(first: 10000) { totalCount } }") == "first may be at most 100, not 10000"
    )


def test_alias_limit_holds_when_the_token_limit_is_raised(migrated_settings: Settings) -> None:
    generous = migrated_settings.model_copy(update={"graphql_max_tokens": 100_000})
    thousand_aliases = "{ " + " ".join(f"a{n}: __typename" for n in range(1000)) + " }"
    assert refused(generous, thousand_aliases) == "1000 aliases found. Allowed: 20"
    fragments = " ".join(f"fragment F{n} on Query {{ x{n}: __typename }}" for n in range(1000))
    spread = "{ " + " ".join(f"...F{n}" for n in range(1000)) + " } " + fragments
    assert refused(generous, spread) == "1000 aliases found. Allowed: 20"


def test_a_query_within_the_limits_answers(migrated_settings: Settings) -> None:
    statements: list[str] = []
    body = post(migrated_settings, nested_venue(5), statements)
    assert body["data"] == {"venues": {"nodes": []}}
    # 20 venues, each with its chain of five parents, and a look-up for the page and each parent.
    assert body["extensions"]["cost"] == {"nodes": 120, "points": 221, "maxNodes": 10_000, "maxPoints": 20_000}
    assert statements  # the probe that finds no SQL behind a refusal sees it behind an answer


def test_internal_errors_are_masked(settings: Settings) -> None:
    # Not migrated: the query fails inside the database driver.
    body = post(settings, "{ events { totalCount } }")
    assert body["errors"] == [
        {
            "message": "Internal error: the request could not be completed.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["events"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]
    text = str(body).lower()
    assert "select" not in text
    assert "traceback" not in text


def test_time_limit_stops_a_slow_request(migrated_settings: Settings) -> None:
    hurried = migrated_settings.model_copy(update={"graphql_timeout_seconds": 1e-9})
    body = post(hurried, "{ events { totalCount } }")
    assert body["errors"][0]["message"] == "The request took longer than 1e-09 s."


def test_get_serves_queries_but_not_mutations(migrated_settings: Settings) -> None:
    with TestClient(create_app(migrated_settings)) as client:
        answered = client.get("/graphql", params={"query": "{ events { totalCount } }"})
        mutation = client.get("/graphql", params={"query": "mutation { __typename }"})
    assert answered.json()["data"] == {"events": {"totalCount": 0}}
    assert mutation.status_code == 400
    assert mutation.json() == {
        "errors": [{"message": "mutations are not allowed when using GET.", "extensions": {"code": "BAD_REQUEST"}}]
    }


@pytest.mark.sqlite
def test_introspection_and_explorer_can_be_switched_off(tmp_path: Any) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    introspect = "{ __schema { queryType { name } } }"
    assert post(settings, introspect)["data"] == {"__schema": {"queryType": {"name": "Query"}}}
    closed = settings.model_copy(update={"graphql_introspection": False, "graphql_explorer": False})
    assert "introspection" in refused(closed, introspect).lower()
    with TestClient(create_app(settings)) as client:
        page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "/graphql/static/graphiql.min.js" in page.text
    assert "cdn" not in page.text.lower()
    assert "query Timeline" in page.text
    with TestClient(create_app(closed)) as client:
        assert client.get("/graphql", headers={"accept": "text/html"}).status_code == 404
        assert client.get("/graphql/static/graphiql.min.js").status_code == 404


@pytest.mark.sqlite
def test_cors_follows_the_settings(tmp_path: Any) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", cors_allowed_origins=["https://app.example"]
    )
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    with TestClient(create_app(settings)) as client:
        allowed = client.options("/graphql", headers={"origin": "https://app.example", **preflight})
        other = client.options("/graphql", headers={"origin": "https://evil.example", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    assert "access-control-allow-origin" not in other.headers
    with TestClient(create_app(settings.model_copy(update={"cors_allowed_origins": []}))) as client:
        closed = client.options("/graphql", headers={"origin": "https://app.example", **preflight})
    assert "access-control-allow-origin" not in closed.headers
