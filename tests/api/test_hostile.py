"""The hostile-request corpus: what an outsider sends to break the HTTP surface (bodies that are not
objects or not UTF-8, nesting, NUL and lone surrogates, wrong content types, oversized bodies and
documents, long lists and texts, repeated and overlapping fields, queries too dear, wrong tokens, path
tricks), each against the app on SQLite and on Postgres. Every case must answer its status with a clear
message, never a 5xx; the refusals that say so must not have run one SQL statement (the engine's
statements are counted, as in tests/schema/test_http.py). The figures go under "measurements".
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from starlette.testclient import TestClient

from api.app import create_app
from api.static import missing_assets
from db import migrations
from db.ids import encode_id
from db.session import create_engine, create_session_factory
from db.settings import Settings
from tests.conftest import POSTGRES_URL, run_on_postgres
from tests.schema.world import build_world

TOKEN = "hostile-corpus-token"
JSON = {"content-type": "application/json"}
ACTOR = encode_id("Actor", 1)
MIB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One request and what it must be answered with: ``status``, a body holding ``says``, and (when
    ``no_sql``) not one SQL statement run."""

    name: str
    method: str
    path: str
    status: int
    says: str
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    no_sql: bool = True


def graphql(name: str, body: object, status: int, says: str, **options: Any) -> Case:
    """A POST of ``body`` (JSON-encoded unless it is bytes) to /graphql."""
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return Case(name, "POST", "/graphql", status, says, content, {**JSON, **options.pop("headers", {})}, **options)


def query(name: str, document: str, status: int, says: str, variables: object = None, **options: Any) -> Case:
    return graphql(name, {"query": document, "variables": variables}, status, says, **options)


def ingest(name: str, content: bytes, status: int, says: str, *, kind: str = "application/json", **extra: str) -> Case:
    headers = {"content-type": kind, "authorization": f"Bearer {TOKEN}", **extra}
    return Case(name, "POST", "/api/v1/articles", status, says, content, headers)


EXPENSIVE_ACTORS = (
    "{ actors(first: 100) { nodes { events(first: 100) { nodes { participants { actor { "
    "events(first: 100) { nodes { id title } } } } } } } } }"
)
EXPENSIVE_ARTICLES = "{ articles(first: 100) { nodes { events { sources { article { text } } } } } }"
FRAGMENTS = " ".join(f"fragment F{n} on Query {{ events(first: {n}) {{ totalCount }} }}" for n in range(1, 31))
# Variables nested 40 deep: more than any input of the schema needs.
DEEP: object = 0
for _ in range(40):
    DEEP = [DEEP]
TEXT_FILTER = "query($t: String) { events(filter: {text: $t}) { totalCount } }"


def cases(static_built: bool) -> list[Case]:
    return [
        # Bodies that are not one JSON object of the GraphQL request.
        graphql("json string", "hello", 400, "must be a JSON object, not a string"),
        graphql("json null", None, 400, "not null"),
        graphql("json number", 123, 400, "not a number"),
        graphql("json list (batch)", [{"query": "{ __typename }"}], 400, "batches are not accepted"),
        graphql("not json", b"{", 400, "not valid JSON"),
        graphql("not utf-8", b'{"query": "\xff"}', 400, "not valid UTF-8"),
        graphql("utf-16", '{"query": "{ __typename }"}'.encode("utf-16"), 400, "not valid UTF-8"),
        graphql("100,000-deep nesting", b"[" * 100_000 + b"]" * 100_000, 400, "deeper than 32 levels"),
        graphql("deep variables", {"query": "{ __typename }", "variables": {"v": DEEP}}, 400, "deeper than 32"),
        graphql("NaN", b'{"query": "{ __typename }", "variables": {"c": NaN}}', 400, "NaN is not a JSON number"),
        graphql("1e400", b'{"query": "{ __typename }", "variables": {"c": 1e400}}', 400, "beyond the range"),
        graphql("no query", {"variables": {}}, 400, "`query` must be a string"),
        graphql("query not a string", {"query": 1}, 400, "`query` must be a string"),
        graphql("variables not an object", {"query": "{ __typename }", "variables": "x"}, 400, "`variables` must"),
        graphql("extensions a list", {"query": "{ __typename }", "extensions": []}, 400, "`extensions` must"),
        graphql("operationName a number", {"query": "{ __typename }", "operationName": 1}, 400, "`operationName`"),
        graphql("unknown operation", {"query": "{ __typename }", "operationName": "X"}, 400, "Unknown operation"),
        # Content types.
        graphql(
            "text/plain",
            {"query": "{ __typename }"},
            415,
            "Unsupported content type 'text/plain'",
            headers={"content-type": "text/plain"},
        ),
        graphql(
            "form",
            b"query=%7B__typename%7D",
            415,
            "application/x-www-form-urlencoded",
            headers={"content-type": "application/x-www-form-urlencoded"},
        ),
        graphql(
            "multipart",
            b"--b--",
            415,
            "multipart/form-data",
            headers={"content-type": "multipart/form-data; boundary=b"},
        ),
        graphql(
            "latin-1 charset",
            {"query": "{ __typename }"},
            415,
            "Unsupported content type",
            headers={"content-type": "application/json; charset=latin-1"},
        ),
        graphql(
            "no content type",
            {"query": "{ __typename }"},
            415,
            "Unsupported content type 'none'",
            headers={"content-type": ""},
        ),
        # Sizes.
        graphql(
            "2 MiB body",
            {"query": "{ __typename }", "variables": {"pad": "x" * 2 * MIB}},
            413,
            "over the limit of 1,048,576 bytes",
        ),
        query(
            "200,000 characters of comment", "{ __typename } #" + "x" * 200_000, 400, "characters long; at most 100,000"
        ),
        query("2000 tokens", "{ " + "__typename " * 2000 + "}", 400, "more than 1000 tokens"),
        # Strings and lists the databases cannot take, or the API caps (as REST does).
        query("NUL in a variable", TEXT_FILTER, 400, "must not hold NUL characters", {"t": "a\x00b"}),
        graphql(
            "lone surrogate in a variable",
            b'{"query": "query($t: String) { events(filter: {text: $t}) { totalCount } }", '
            b'"variables": {"t": "\\ud800"}}',
            400,
            "unpaired surrogates",
        ),
        query("NUL in a literal", '{ events(filter: {text: "a\\u0000b"}) { totalCount } }', 400, "NUL"),
        query("NUL in a country", '{ events(filter: {countries: ["\\u0000"]}) { totalCount } }', 400, "NUL"),
        query(
            "10,000 actor ids",
            "query($a: [ID]) { events(filter: {actors: $a}) { totalCount } }",
            400,
            "at most 20 values, not 10000",
            {"a": [ACTOR] * 10_000},
        ),
        query(
            "long search text",
            "query($q: String!) { search(query: $q) { __typename } }",
            400,
            "at most 200 characters",
            {"q": "x" * 10_000},
        ),
        query(
            "long cursor",
            "query($c: String) { events(after: $c) { totalCount } }",
            400,
            "at most 1000 characters",
            {"c": "x" * 5000},
        ),
        query("bad cursor", '{ events(after: "nope") { totalCount } }', 400, "cursor"),
        query("negative page", "{ events(first: -1) { totalCount } }", 400, "may not be negative"),
        query("page too large", "{ events(first: 10000) { totalCount } }", 400, "first may be at most 100, not 10000"),
        query("Int overflow", "{ events(first: 99999999999999999999) { totalCount } }", 400, "Int cannot represent"),
        query("bad date", '{ events(filter: {from: "2023-13"}) { totalCount } }', 400, "not a Date"),
        query("bad id", '{ event(id: "nope") { title } }', 400, "not a valid ID"),
        query("ID of another type", f'{{ event(id: "{ACTOR}") {{ title }} }}', 400, "not a Event"),
        query(
            "101 node ids", "query($i: [ID!]!) { nodes(ids: $i) { id } }", 400, "at most 100 ids", {"i": [ACTOR] * 101}
        ),
        # Shapes: repeats, overlaps, depth, aliases, cost.
        query("900 __typename", "{" + " __typename" * 900 + " }", 400, "'__typename' is selected 900 times"),
        query(
            "100 overlapping fields",
            "{ " + " ".join(f"events(first: {n}) {{ totalCount }}" for n in range(1, 101)) + " }",
            400,
            "'events' is selected 100 times",
        ),
        query(
            "overlaps through fragments",
            "{ " + " ".join(f"...F{n}" for n in range(1, 31)) + " } " + FRAGMENTS,
            400,
            "'events' is selected 30 times",
        ),
        query(
            "two overlapping fields",
            "{ events(first: 1) { totalCount } events(first: 2) { totalCount } }",
            400,
            "conflict because they have differing arguments",
        ),
        query(
            "too deep",
            "{ venues { nodes { " + "parent { " * 12 + "name" + " }" * 12 + " } } }",
            400,
            "exceeds maximum operation depth of 10",
        ),
        query("30 aliases", "{ " + " ".join(f"a{n}: __typename" for n in range(30)) + " }", 400, "30 aliases found"),
        query("expensive actors", EXPENSIVE_ACTORS, 400, "may return 10,210,100 objects; the limit is 10,000"),
        query("expensive articles", EXPENSIVE_ARTICLES, 400, "may return 21,100 objects; the limit is 10,000"),
        query("syntax error", "{ events {", 400, "Syntax Error"),
        query("unknown field", "{ evnets { totalCount } }", 400, "Cannot query field 'evnets'"),
        # GET.
        Case("mutation over GET", "GET", "/graphql?query=mutation%7B__typename%7D", 400, "mutations are not allowed"),
        Case(
            "GET variables a list", "GET", "/graphql?query=%7B__typename%7D&variables=%5B1%5D", 400, "`variables` must"
        ),
        Case("GET variables not JSON", "GET", "/graphql?query=%7B__typename%7D&variables=%7B", 400, "not valid JSON"),
        Case(
            "GET without query",
            "GET",
            "/graphql?variables=%7B%7D",
            400,
            "`query` must be a string",
            headers={"accept": "application/json"},
        ),
        Case("HEAD /graphql", "HEAD", "/graphql", 405, "", no_sql=True),
        Case("PUT /graphql", "PUT", "/graphql", 405, "PUT is not allowed"),
        # REST.
        Case("21 actors", "GET", "/api/v1/events?" + "&".join(["actor=" + ACTOR] * 21), 400, "at most 20 values"),
        Case("NUL in q", "GET", "/api/v1/events?q=%00", 400, "control characters"),
        Case("long q", "GET", "/api/v1/events?q=" + "x" * 60_000, 400, "at most 200 characters"),
        Case("limit 1e3", "GET", "/api/v1/events?limit=1e3", 400, "whole number"),
        Case("cursor garbage", "GET", "/api/v1/events?cursor=%FF%FE", 400, "not a cursor"),
        Case("invalid UTF-8 in q", "GET", "/api/v1/events?q=%FF", 200, "totalCount", no_sql=False),
        Case("2 MiB body on a GET", "GET", "/api/v1/events", 413, "over the limit", b"x" * 2 * MIB),
        Case("POST on a list", "POST", "/api/v1/events", 405, "POST is not allowed"),
        Case("NUL in an id", "GET", "/api/v1/events/%00", 404, "No event has the ID"),
        Case("unknown route", "GET", "/api/v2/events", 404, "No resource at /api/v2/events"),
        Case("traversal in static", "GET", "/graphql/static/..%2F..%2Fdb%2Fsettings.py", 404, "Not Found"),
        Case("missing asset", "GET", "/docs/static/nope.js", 404, "Not Found"),
        Case(
            "range past the end",
            "GET",
            "/graphql/static/graphiql.min.css",
            416 if static_built else 404,
            "",
            headers={"range": "bytes=999999999-"},
        ),
        Case(
            "huge If-None-Match",
            "GET",
            "/api/v1/topics",
            200,
            "items",
            headers={"if-none-match": "x" * 10_000},
            no_sql=False,
        ),
        # Ingestion.
        Case("no token", "POST", "/api/v1/articles", 401, "valid bearer token", b"{}", JSON),
        Case(
            "wrong token",
            "POST",
            "/api/v1/articles",
            401,
            "valid bearer token",
            b"{}",
            {**JSON, "authorization": "Bearer guess"},
        ),
        ingest("article not an object", b"[1]", 400, "must be a JSON object"),
        ingest("article nested deep", b"[" * 100_000 + b"]" * 100_000, 400, "nested too deeply"),
        ingest("article with a lone surrogate", b'{"text": "\\ud800"}', 400, "unpaired surrogates"),
        ingest("article with NUL", b"Blinken met Wang.\x00", 400, "no NUL characters", kind="text/plain"),
        ingest("article not UTF-8", b"Blinken \xff met Wang.", 400, "not valid UTF-8", kind="text/plain"),
        ingest("article as HTML", b"<p>Blinken</p>", 415, "application/json", kind="text/html"),
        ingest("article of 11 MiB", b"x" * 11 * MIB, 413, "over the limit", kind="text/plain"),
        ingest("empty article", b"", 400, "more than white space", kind="text/plain"),
        # These reach the database: whether the text is stored already is asked first.
        replace(
            ingest("article with no story", b"Talks resume", 422, "no story found", kind="text/plain"), no_sql=False
        ),
        replace(
            ingest("article of one 2 MB line", b"word " * 400_000, 422, "over the 1,000,000", kind="text/plain"),
            no_sql=False,
        ),
        replace(
            ingest(
                "article of one sentence 3,000 times",
                b"Talks in Beijing\n\n" + b"Wang Yi met Antony Blinken in Beijing on Monday to discuss trade. " * 3000,
                201,
                "Article stored",
                kind="text/plain",
            ),
            no_sql=False,
        ),
    ]


@dataclass
class Outcome:
    case: Case
    status: int
    body: str
    statements: int

    def problems(self) -> list[str]:
        found = []
        if self.status >= 500:
            found.append(f"a {self.status}")
        if self.status != self.case.status:
            found.append(f"status {self.status}, not {self.case.status}")
        if self.case.says not in self.body:
            found.append(f"no {self.case.says!r} in {self.body[:300]!r}")
        if self.case.no_sql and self.statements:
            found.append(f"{self.statements} SQL statements ran")
        return found


def run(client: TestClient, corpus: list[Case]) -> list[Outcome]:
    """Each case of ``corpus`` against ``client``'s app, with the SQL it ran counted."""
    engine = client.app.state.engine.sync_engine  # type: ignore[attr-defined]
    outcomes = []
    for case in corpus:
        statements: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, *_args: Any, into: list[str] = statements) -> None:
            into.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            response = client.request(case.method, case.path, content=case.content, headers=case.headers)
        finally:
            event.remove(engine, "before_cursor_execute", record)
        outcomes.append(Outcome(case, response.status_code, response.text, len(statements)))
    return outcomes


@pytest.fixture(
    params=[pytest.param("sqlite", marks=pytest.mark.sqlite), pytest.param("postgres", marks=pytest.mark.postgres)]
)
def hostile_app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, TestClient]]:
    """A client of the app on the world's database of each backend, ingestion on."""
    schema: str | None = None
    if request.param == "sqlite":
        settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'readout.db'}", ingest_token=TOKEN)
    else:
        request.getfixturevalue("postgres_available")
        schema = f"test_{uuid.uuid4().hex[:16]}"
        asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
        settings = Settings(database_url=POSTGRES_URL, database_schema=schema, ingest_token=TOKEN)
    try:
        migrations.upgrade(settings)
        asyncio.run(_world(settings))
        with TestClient(create_app(settings)) as client:
            yield request.param, client
    finally:
        if schema is not None:
            asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


async def _world(settings: Settings) -> None:
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            await build_world(session)
    finally:
        await engine.dispose()


def test_the_corpus_gets_no_5xx_and_the_right_answers(
    hostile_app: tuple[str, TestClient], record_property: Callable[[str, object], None]
) -> None:
    backend, client = hostile_app
    corpus = cases(static_built=not missing_assets())
    outcomes = run(client, corpus)
    failures = [f"{o.case.name}: {'; '.join(o.problems())}" for o in outcomes if o.problems()]
    statuses = Counter(outcome.status for outcome in outcomes)
    summary = ", ".join(f"{status} x{count}" for status, count in sorted(statuses.items()))
    record_property(
        "measurement",
        f"hostile corpus on {backend}: {len(outcomes)} cases, statuses {summary}; "
        f"{sum(status >= 500 for status in statuses.elements())} at 500 or above",
    )
    assert not failures, "\n".join(failures)
    # The service is still there after all of it.
    assert client.get("/healthz").status_code == 200
    assert client.post("/graphql", json={"query": "{ events { totalCount } }"}).json()["data"]["events"]["totalCount"]
