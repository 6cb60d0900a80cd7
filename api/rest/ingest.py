"""``POST /api/v1/articles``: one article in (a JSON object in the JSON Lines format of the loaders,
or the raw text as ``text/plain``), what was stored out.

Guarded by the bearer token of ``Settings.ingest_token``, compared in constant time, wrong tokens slowed
down (``api.auth``); with no token
configured the endpoint answers 404 (ingestion is off). The body is refused past
``Settings.max_article_bytes`` before it is read whole.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.auth import authorise_ingestion
from api.ingestion import IngestionError, ingest_article
from api.problems import (
    NOT_INGESTED,
    TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    ProblemError,
)
from api.rest import representations
from api.rest.jobs import queue_article
from api.rest.responses import session_of
from db.queries.articles import articles_by_ids, events_by_article_ids
from db.settings import Settings
from loaders.read import RawArticle

__all__ = ["MAX_OUTLET_LENGTH", "post_article"]

SOURCE = "POST /api/v1/articles"
MAX_OUTLET_LENGTH = 200
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


async def _body(request: Request, limit: int) -> bytes:
    """The whole body, refused with 413 as soon as it passes ``limit`` bytes."""
    too_large = ProblemError(413, f"The article is over the limit of {limit:,} bytes.", type_=TOO_LARGE)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _checked_text(name: str, value: Any, errors: list[tuple[str, str]], *, limit: int | None = None) -> str | None:
    """A string field: null, or text with no NUL character (neither database stores one)."""
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append((name, "must be a string or null"))
        return None
    if "\x00" in value or not _encodable(value):
        errors.append((name, "must be text without NUL characters or unpaired surrogates"))
        return None
    if limit is not None and len(value) > limit:
        errors.append((name, f"at most {limit} characters, not {len(value)}"))
        return None
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _published(value: Any, errors: list[tuple[str, str]]) -> date | None:
    if value is None:
        return None
    if isinstance(value, str) and (_ISO_DAY.fullmatch(value) or _ISO_MOMENT.fullmatch(value)):
        try:
            # Like the loaders: the day the article was published, whatever the time of day.
            return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value).date()
        except ValueError:
            pass
    errors.append(("published", "must be an ISO 8601 date ('2023-06-19') or date-time, or null"))
    return None


def _from_json(data: bytes) -> RawArticle:
    try:
        record = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProblemError.bad_parameters([("body", f"not valid JSON: {exc}")]) from exc
    except RecursionError as exc:
        # The decoder gives up on nesting deeper than the interpreter's recursion limit.
        raise ProblemError.bad_parameters([("body", "nested too deeply to be an article")]) from exc
    if not isinstance(record, dict):
        raise ProblemError.bad_parameters([("body", "must be a JSON object with at least 'text'")])
    errors: list[tuple[str, str]] = []
    text = _checked_text("text", record.get("text"), errors)
    if (text is None or not text.strip()) and not errors:
        errors.append(("text", "is required: a string with more than white space"))
    title = _checked_text("title", record.get("title"), errors)
    url = _checked_text("url", record.get("url"), errors)
    outlet = _checked_text("outlet", record.get("outlet"), errors, limit=MAX_OUTLET_LENGTH)
    published = _published(record.get("published"), errors)
    authors = record.get("authors")
    names = [authors] if isinstance(authors, str) else authors if authors is not None else []
    if not isinstance(names, list) or any(_checked_text("authors", n, []) is None for n in names):
        errors.append(("authors", "must be a string or a list of strings without NUL characters, or null"))
        names = []
    if errors or text is None:
        raise ProblemError.bad_parameters(errors)
    return RawArticle(
        source=url or SOURCE,
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        authors=tuple(names),
        url=url,
    )


def _from_text(data: bytes) -> RawArticle:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProblemError.bad_parameters([("body", f"not valid UTF-8 (byte {exc.start})")]) from exc
    if "\x00" in text or not text.strip():
        raise ProblemError.bad_parameters([("body", "must be text, with more than white space and no NUL characters")])
    return RawArticle(source=SOURCE, text=text)


def _media_type(request: Request) -> tuple[str, str]:
    """The media type and its charset parameter (lower case; empty when absent)."""
    kind, *parameters = request.headers.get("content-type", "").split(";")
    charset = ""
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return kind.strip().lower(), charset


async def post_article(request: Request) -> Response:
    """Ingest one article: 201 with what was created, or 200 when its text is stored already; 202 with
    its job when the client prefers ``respond-async`` and there is a queue (``api.rest.jobs``)."""
    settings: Settings = request.app.state.settings
    await authorise_ingestion(request, settings)
    media_type, charset = _media_type(request)
    if media_type not in ("application/json", "text/plain") or charset not in ("", "utf-8"):
        raise ProblemError(
            415,
            "Send the article as application/json (the JSON Lines article format) or as text/plain in UTF-8.",
            type_=UNSUPPORTED_MEDIA_TYPE,
        )
    data = await _body(request, settings.max_article_bytes)
    raw = _from_json(data) if media_type == "application/json" else _from_text(data)
    if (accepted := await queue_article(request, raw)) is not None:
        return accepted
    try:
        result = await ingest_article(
            request.app.state.session_factory, raw, budget_seconds=settings.analysis_budget_seconds
        )
    except IngestionError as exc:
        raise ProblemError(422, str(exc), type_=NOT_INGESTED) from exc
    async with session_of(request) as session:
        article = (await articles_by_ids(session, [result.article_id], with_text=True))[result.article_id]
        supported = (await events_by_article_ids(session, [result.article_id])).get(result.article_id, [])
    body = {
        "created": result.created,
        "detail": "Article stored." if result.created else "This article is stored already; nothing changed.",
        "article": {**representations.article_ref(article), **representations.article_dating(article)},
        "eventsCreated": result.events_created,
        "eventsMerged": result.events_merged,
        "events": [representations.event_ref(event) for event in supported],
    }
    location = representations.href("Article", result.article_id)
    return JSONResponse(body, status_code=201 if result.created else 200, headers={"Location": location})
