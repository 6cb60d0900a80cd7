"""The ceiling of the API benchmark: the Timeline query answered by one SQL statement that builds the
whole response as JSON in Postgres, on starlette, with orjson for the little JSON Python handles. No
ORM, no GraphQL, no validation, no limits: what serving this page costs at the least.

    READOUT_BENCH_DSN=postgresql://… READOUT_BENCH_SCHEMA=… uvicorn bench.ceiling:app

``POST /timeline`` takes readout's request body (``{"query": …, "variables": {"actor", "from", "to",
"after"}}``, the query itself ignored) and answers what readout's GraphQL answers: the same events, in
the same order, with the same fields and cursors (readout's cursor format is read and written here).
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

__all__ = ["app"]

CURSOR_NAME = "event:start:asc"
# $1 actor, $2 from, $3 to, $4/$5 the start and id after which the page begins (null: the first page).
SQL = """
with matching as (
  select e.* from events e
  where e.id in (select event_id from event_participants where actor_id = $1)
    and e.start_date is not null and e.start_date <= $3 and coalesce(e.end_date, e.start_date) >= $2
), page as (
  select * from matching
  where $4::date is null or (start_date, id) > ($4::date, $5::int)
  order by start_date, id limit 21
), shown as (
  select * from page order by start_date, id limit 20
)
select json_build_object('data', json_build_object('events', json_build_object(
  'totalCount', (select count(*) from matching),
  'more', (select count(*) from page) > 20,
  'edges', coalesce((select json_agg(json_build_object(
    'start_date', e.start_date, 'pk', e.id,
    'node', json_build_object(
      'id', e.id, 'kind', e.kind, 'title', e.title, 'start', e.start_date, 'end', e.end_date,
      'datePrecision', upper(e.start_precision), 'status', upper(e.status), 'confidence', e.confidence,
      'venue', (select json_build_object('id', v.id, 'name', v.name, 'kind', upper(v.kind), 'city', v.city,
          'country', v.country, 'latitude', v.latitude, 'longitude', v.longitude,
          'parent', (select json_build_object('name', pv.name) from venues pv where pv.id = v.parent_id))
        from venues v where v.id = e.venue_id),
      'participants', coalesce((select json_agg(json_build_object('role', p.role, 'actor', json_build_object(
          'id', a.id, 'name', a.name, 'kind', upper(a.kind), 'country', a.country)) order by p.actor_id)
        from event_participants p join actors a on a.id = p.actor_id where p.event_id = e.id), '[]'),
      'topics', coalesce((select json_agg(json_build_object('slug', t.slug, 'label', t.label) order by t.label, t.id)
        from event_topics et join topics t on t.id = et.topic_id where et.event_id = e.id), '[]'),
      'parent', (select json_build_object('id', pe.id, 'title', pe.title) from events pe where pe.id = e.parent_id),
      'children', coalesce((select json_agg(json_build_object('id', c.id, 'title', c.title, 'start', c.start_date)
          order by c.start_date, c.id) from events c where c.parent_id = e.id), '[]'),
      'sources', coalesce((select json_agg(json_build_object('quote', ev.quote, 'article', json_build_object(
          'id', ar.id, 'title', ar.title, 'outlet', ar.outlet, 'published', ar.published, 'sourcePath', ar.source))
          order by ev.article_id, ev.start_offset, ev.id)
        from evidence ev join articles ar on ar.id = ev.article_id where ev.event_id = e.id), '[]')
    )) order by e.start_date, e.id) from shown e), '[]')
)))::text
"""


def _cursor(start: str, pk: int) -> str:
    raw = json.dumps([CURSOR_NAME, 0, start, pk], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _after(cursor: str | None) -> tuple[date | None, int | None]:
    if not cursor:
        return None, None
    _name, _undated, start, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    return date.fromisoformat(start), int(pk)


async def timeline(request: Request) -> Response:
    variables: dict[str, Any] = orjson.loads(await request.body()).get("variables") or {}
    actor = int(base64.urlsafe_b64decode(variables["actor"] + "==").decode().split(":")[1])
    start, pk = _after(variables.get("after"))
    pool: asyncpg.Pool = request.app.state.pool
    text = await pool.fetchval(
        SQL, actor, date.fromisoformat(variables["from"]), date.fromisoformat(variables["to"]), start, pk
    )
    body = orjson.loads(text)
    events = body["data"]["events"]
    edges = [{"cursor": _cursor(edge["start_date"], edge["pk"]), "node": edge["node"]} for edge in events.pop("edges")]
    more = events.pop("more")
    events["pageInfo"] = {"hasNextPage": more, "endCursor": edges[-1]["cursor"] if edges else None}
    events["edges"] = edges
    return Response(orjson.dumps(body), media_type="application/json")


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    schema = os.environ.get("READOUT_BENCH_SCHEMA", "public")
    app.state.pool = await asyncpg.create_pool(
        os.environ["READOUT_BENCH_DSN"], min_size=4, max_size=10, server_settings={"search_path": schema}
    )
    yield
    await app.state.pool.close()


app = Starlette(routes=[Route("/timeline", timeline, methods=["POST"])], lifespan=lifespan)
