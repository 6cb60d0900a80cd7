"""The API benchmark's table: per server, mode and concurrency, requests/s over all rounds, the median
p50 and p95 of the rounds, errors, server CPU ms per request, and the ratios of requests/s to
PostGraphile's and to the ceiling's at the same mode and concurrency."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench.wrk import Round

__all__ = ["Measured", "report"]

LABELS = {
    "graphql": "readout GraphQL",
    "graphql-cached": "readout GraphQL, response cache",
    "rest": "readout REST",
    "postgraphile": "PostGraphile 5 (npm)",
    "ceiling": "one SQL statement + orjson (ceiling)",
}


@dataclass(frozen=True)
class Measured:
    """The rounds of one server in one mode (cold: varied requests; warm: one repeated) at one concurrency."""

    server: str
    mode: str
    connections: int
    rounds: list[Round]

    @property
    def per_second(self) -> float:
        seconds = sum(r.seconds for r in self.rounds)
        return sum(r.requests for r in self.rounds) / seconds if seconds else 0.0

    @property
    def cpu_ms(self) -> float:
        requests = sum(r.requests for r in self.rounds)
        return 1000 * sum(r.cpu_seconds for r in self.rounds) / requests if requests else 0.0


def report(results: list[Measured], *, events: int, seconds: float, rounds: int) -> str:
    """The results as a Markdown table, with how they were measured."""
    by_key = {(m.server, m.mode, m.connections): m for m in results}
    lines = [
        f"Timeline page (20 events with venue, participants, topics, parent, children, sources) on {events:,} "
        f"events; one process per server; wrk, {rounds} interleaved round(s) of {seconds:g} s per server and "
        "concurrency (warm: one round of one repeated request). readout's cold rounds run without its response "
        "cache (they cycle through a few hundred requests); its warm run is shown without and with it.",
        "",
        "| server | mode | c | requests/s | p50 ms | p95 ms | errors | server CPU ms/request "
        "| × PostGraphile | × ceiling |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in results:
        peer = by_key.get(("postgraphile", m.mode, m.connections))
        ceiling = by_key.get(("ceiling", m.mode, m.connections))
        lines.append(
            f"| {LABELS[m.server]} | {m.mode} | {m.connections} | {m.per_second:.1f} "
            f"| {statistics.median(r.p50_ms for r in m.rounds):.1f} "
            f"| {statistics.median(r.p95_ms for r in m.rounds):.1f} "
            f"| {sum(r.errors for r in m.rounds)} | {m.cpu_ms:.1f} "
            f"| {m.per_second / peer.per_second if peer and peer.per_second else 0:.2f} "
            f"| {m.per_second / ceiling.per_second if ceiling and ceiling.per_second else 0:.2f} |"
        )
    return "\n".join(lines) + "\n"
