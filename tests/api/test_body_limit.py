"""Bodies are refused with 413 while they are read: a 50 MB body that declares its length is refused
before one byte of it is read, and one sent without a length once a little over the limit was read.
The app is driven over ASGI, and the test counts the chunks it pulled: the proof that a refused body
was never read whole (no memory held, no time measured)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from starlette.applications import Starlette

from api.app import create_app
from db.settings import Settings

MIB = 1024 * 1024
CHUNK = 64 * 1024
FIFTY_MB = 50 * 1000 * 1000


async def drive(
    app: Starlette, path: str, chunks: Iterator[bytes], *, declared: int | None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes, int]:
    """POST ``chunks`` to ``path`` of ``app`` (its lifespan running): the status, headers and body of
    the answer, and how many chunks the app pulled."""
    pulled = 0
    raw = [(b"content-type", b"application/json")]
    raw += [(name.encode(), value.encode()) for name, value in (headers or {}).items()]
    if declared is not None:
        raw.append((b"content-length", str(declared).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": raw,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async with app.router.lifespan_context(app):
        await app(scope, receive, send)
    start = next(message for message in sent if message["type"] == "http.response.start")
    body = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    response_headers = {name.decode().lower(): value.decode() for name, value in start["headers"]}
    return start["status"], response_headers, body, pulled


def fifty_megabytes() -> Iterator[bytes]:
    yield b'{"query": "{ __typename }", "variables": {"pad": "'
    for _ in range(FIFTY_MB // CHUNK):
        yield b"x" * CHUNK


async def test_a_declared_50_mb_body_is_refused_unread(migrated_settings: Settings) -> None:
    status, headers, body, pulled = await drive(
        create_app(migrated_settings), "/graphql", fifty_megabytes(), declared=FIFTY_MB
    )
    assert status == 413
    assert pulled == 0
    assert headers["connection"] == "close"
    assert b'"code":"PAYLOAD_TOO_LARGE"' in body
    assert b"over the limit of 1,048,576 bytes" in body


async def test_a_50_mb_body_without_a_length_is_refused_once_past_the_limit(migrated_settings: Settings) -> None:
    status, _headers, body, pulled = await drive(
        create_app(migrated_settings), "/graphql", fifty_megabytes(), declared=None
    )
    assert status == 413
    # The opening chunk, then just enough 64 KiB chunks to pass 1 MiB: 17 of the 763 there were.
    assert pulled == 1 + MIB // CHUNK
    assert b"over the limit" in body


async def test_rest_refuses_as_a_problem(migrated_settings: Settings) -> None:
    status, headers, body, pulled = await drive(
        create_app(migrated_settings), "/api/v1/events", fifty_megabytes(), declared=FIFTY_MB
    )
    assert (status, pulled) == (413, 0)
    assert headers["content-type"] == "application/problem+json"
    assert b'"type":"urn:readout:problem:too-large"' in body


async def test_the_ingestion_limit_is_the_article_limit(migrated_settings: Settings) -> None:
    settings = Settings.model_validate(
        {**migrated_settings.model_dump(), "ingest_token": "t", "max_article_bytes": 3 * MIB}
    )
    authorised = {"authorization": "Bearer t"}
    # Two MiB (over the 1 MiB of other bodies, under the article limit) are read whole: the view
    # refuses them for what they hold, a JSON list.
    two = iter([b"[" + b"0," * (MIB - 1), b"0]"])
    status, _headers, body, pulled = await drive(
        create_app(settings), "/api/v1/articles", two, declared=2 * MIB + 1, headers=authorised
    )
    assert (status, pulled) == (400, 2)
    assert b"must be a JSON object" in body
    status, _headers, body, pulled = await drive(
        create_app(settings), "/api/v1/articles", fifty_megabytes(), declared=FIFTY_MB, headers=authorised
    )
    assert (status, pulled) == (413, 0)
    assert b"3,145,728 bytes" in body
