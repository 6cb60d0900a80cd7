"""readout's API beside its peers on the same data, measured in one run:

    .venv/bin/python bench/api_benchmark.py [--events 20000] [--seconds 5] [--rounds 2] [--concurrency 4,16,64]

(or ``make bench``, which installs PostGraphile from bench/peers/postgraphile first). It fills a
Postgres schema with ``--events`` events (``bench.dataset``, kept between runs for the same size),
then starts, one process each: ``readout serve`` (GraphQL and REST, rate limits off), the ceiling
(``bench.ceiling``: one SQL statement building the JSON, orjson, starlette) and PostGraphile 5 (npm).
Each is driven by ``wrk`` with the Timeline page (20 events with venue, participants, topics, parent,
children and sources) for actors drawn by frequency, date ranges of one to three years and, for half
the requests, the second page (each server's own cursor): the cold path. Rounds are interleaved,
servers in turn, at each concurrency; a warm run repeats one request. Before timing, the servers'
answers for a sample of requests are compared (the same events in the same order).

It prints, and writes to ``--output``, requests/s, p50/p95, errors, server CPU ms per request and the
ratios to PostGraphile and to the ceiling. Traffic goes to 127.0.0.1 only; every server it started is
stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import asyncpg

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.dataset import build  # noqa: E402
from bench.report import Measured, report  # noqa: E402
from bench.servers import Server, start_servers  # noqa: E402
from bench.wrk import Request, Round, run_round  # noqa: E402
from db import migrations  # noqa: E402
from db.ids import encode_id  # noqa: E402
from db.settings import Settings  # noqa: E402

TIMELINE = (REPO / "api" / "timeline.graphql").read_text(encoding="utf-8")
PEER_TIMELINE = (REPO / "bench" / "peers" / "postgraphile" / "timeline.graphql").read_text(encoding="utf-8")
# PostGraphile pages through a function; the same rows as readout's filter for day-precise events.
TIMELINE_FUNCTION = """
create or replace function "{schema}".timeline(actor integer, date_from date, date_to date)
returns setof "{schema}".events language sql stable as $$
  select e.* from "{schema}".events e
  where e.id in (select event_id from "{schema}".event_participants where actor_id = actor)
    and e.start_date is not null and e.start_date <= date_to and coalesce(e.end_date, e.start_date) >= date_from
  order by e.start_date, e.id
$$
"""


def _post(url: str, body: dict[str, Any]) -> Any:
    request = urllib.request.Request(  # noqa: S310 - the loopback servers this script started
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - as above
        return json.load(response)


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - the loopback servers started here
        return json.load(response)


async def _actors_by_frequency(dsn: str, schema: str) -> list[int]:
    connection = await asyncpg.connect(dsn, server_settings={"search_path": schema})
    try:
        await connection.execute(TIMELINE_FUNCTION.replace("{schema}", schema))
        # The planner's statistics of every table, as a maintained database has them (a server without
        # autovacuum, like the test machines', never gathers them): every server gets the same plans.
        for table in await connection.fetch("select tablename from pg_tables where schemaname = $1", schema):
            await connection.execute(f'analyze "{schema}"."{table["tablename"]}"')
        rows = await connection.fetch(
            "select actor_id from event_participants group by actor_id order by count(*) desc, actor_id"
        )
        return [row["actor_id"] for row in rows]
    finally:
        await connection.close()


def _variants(actor_ids: list[int], count: int, seed: int = 5) -> list[dict[str, Any]]:
    """Request variables: actors by a Zipf law over their frequency rank, ranges of 1 to 3 years."""
    rng = random.Random(seed)  # noqa: S311 - reproducible requests, not a secret
    weights = [1 / (rank + 1) for rank in range(len(actor_ids))]
    variants = []
    for number in range(count):
        start = rng.randint(2014, 2023)
        variants.append(
            {
                "actor": rng.choices(actor_ids, weights=weights)[0],
                "from": f"{start}-01-01",
                "to": f"{min(2024, start + rng.randint(0, 2))}-12-31",
                "second_page": number % 2 == 1,
            }
        )
    return variants


def _requests(servers: dict[str, Server], variants: list[dict[str, Any]]) -> dict[str, list[Request]]:
    """Each server's requests for ``variants``; second pages carry the cursor its own first page gave.
    Also checks, for every variant, that all of them answer the same events in the same order."""
    prepared: dict[str, list[Request]] = {name: [] for name in servers}
    servers = {name: server for name, server in servers.items() if name != "graphql-cached"}
    for variant in variants:
        gid = encode_id("Actor", variant["actor"])
        ours = {"actor": gid, "from": variant["from"], "to": variant["to"], "after": None}
        peer = {"actor": variant["actor"], "from": variant["from"], "to": variant["to"], "after": None}
        if variant["second_page"]:
            first = _post(servers["graphql"].url + "/graphql", {"query": TIMELINE, "variables": ours})
            ours["after"] = first["data"]["events"]["pageInfo"]["endCursor"]
            peer_first = _post(servers["postgraphile"].url + "/graphql", {"query": PEER_TIMELINE, "variables": peer})
            peer["after"] = peer_first["data"]["timeline"]["pageInfo"]["endCursor"]
        rest_path = f"/api/v1/events?actor={gid}&from={variant['from']}&to={variant['to']}&limit=20"
        if ours["after"]:
            rest_path += f"&cursor={ours['after']}"
        bodies = {
            "graphql": Request("POST", "/graphql", json.dumps({"query": TIMELINE, "variables": ours})),
            "rest": Request("GET", rest_path),
            "ceiling": Request("POST", "/timeline", json.dumps({"query": TIMELINE, "variables": ours})),
            "postgraphile": Request("POST", "/graphql", json.dumps({"query": PEER_TIMELINE, "variables": peer})),
        }
        bodies["graphql-cached"] = bodies["graphql"]
        for name, requests in prepared.items():
            requests.append(bodies[name])
    return prepared


def _titles(name: str, server: Server, request: Request) -> list[str]:
    if request.method == "GET":
        return [item["title"] for item in _get(server.url + request.path)["items"]]
    answer = _post(server.url + request.path, json.loads(request.body))
    if name == "postgraphile":
        return [edge["node"]["title"] for edge in answer["data"]["timeline"]["edges"]]
    return [edge["node"]["title"] for edge in answer["data"]["events"]["edges"]]


def _check(servers: dict[str, Server], prepared: dict[str, list[Request]], sample: int) -> None:
    servers = {name: server for name, server in servers.items() if name != "graphql-cached"}
    for index in range(min(sample, len(next(iter(prepared.values()))))):
        answers = {name: _titles(name, servers[name], prepared[name][index]) for name in servers}
        if len({tuple(titles) for titles in answers.values()}) != 1:
            raise SystemExit(f"the servers disagree on request {index}: {answers}")


async def _schema_events(dsn: str, schema: str, *, rebuild: bool) -> int:
    """How many events ``schema`` holds (0 when it is not migrated); ``rebuild`` empties it first."""
    connection = await asyncpg.connect(dsn)
    try:
        if rebuild:
            await connection.execute(f'drop schema if exists "{schema}" cascade')
        await connection.execute(f'create schema if not exists "{schema}"')
        if await connection.fetchval("select to_regclass($1)", f'"{schema}".events') is None:
            return 0
        return int(await connection.fetchval(f'select count(*) from "{schema}".events'))  # noqa: S608 - our own --schema
    finally:
        await connection.close()


def measure(args: argparse.Namespace) -> list[Measured]:
    """Build or reuse the data, start the servers, check their answers agree, and run the rounds."""
    settings = Settings(database_url=args.database, database_schema=args.schema)
    dsn = args.database.replace("+asyncpg", "")
    if asyncio.run(_schema_events(dsn, args.schema, rebuild=False)) != args.events:
        asyncio.run(_schema_events(dsn, args.schema, rebuild=True))
        started = time.monotonic()
        build(settings, events_wanted=args.events)
        print(f"built {args.events} events in {time.monotonic() - started:.0f} s", flush=True)
    migrations.upgrade(settings)  # data kept from an older revision
    actor_ids = asyncio.run(_actors_by_frequency(dsn, args.schema))
    with start_servers(args.database, args.schema, args.workers) as servers:
        prepared = _requests(servers, _variants(actor_ids, args.variants))
        _check(servers, prepared, sample=20)
        results: list[Measured] = []
        names = [name for name in servers if name != "graphql-cached"]
        for connections in args.concurrency:
            rounds: dict[str, list[Round]] = {name: [] for name in names}
            for number in range(args.rounds):
                # Servers take turns, starting one further each round, so drift hits them alike.
                for name in names[number % len(names) :] + names[: number % len(names)]:
                    rounds[name].append(
                        run_round(
                            servers[name].url,
                            prepared[name],
                            connections=connections,
                            seconds=args.seconds,
                            server_pid=servers[name].pid,
                        )
                    )
            results += [Measured(name, "cold", connections, rounds[name]) for name in names]
            print(f"c={connections} measured", flush=True)
        for name in [*names, "graphql-cached"]:
            warm = run_round(
                servers[name].url,
                prepared[name][:1],
                connections=16,
                seconds=args.seconds,
                server_pid=servers[name].pid,
            )
            results.append(Measured(name, "warm", 16, [warm]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument(
        "--database",
        default=os.environ.get("READOUT_BENCH_DATABASE", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--schema", default="readout_bench")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=lambda text: [int(part) for part in text.split(",")], default=[4, 16, 64])
    parser.add_argument("--variants", type=int, default=200, help="Distinct requests each server cycles through.")
    parser.add_argument("--workers", type=int, default=1, help="readout serve --workers.")
    parser.add_argument("--output", type=Path, default=REPO / "bench" / "results" / "api_benchmark.md")
    args = parser.parse_args()
    results = measure(args)
    text = report(results, events=args.events, seconds=args.seconds, rounds=args.rounds)
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
