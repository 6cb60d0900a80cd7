"""A database outage, on a real Postgres: the app reaches it through a TCP relay the test can switch
off. An outage closes the relay's port (new connections are refused) and ends the app's sessions on the
server with ``pg_terminate_backend``; REST then answers 503 with ``Retry-After``, GraphQL 503 with the
code ``DATABASE_UNAVAILABLE``, ``/readyz`` 503, and ``/healthz`` stays 200. When the port opens again
the same app answers again, without a restart. Sessions ended while the server stays reachable cost no
request at all (the pool tests each connection before use)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from api.app import create_app
from db import migrations
from db.settings import Settings
from tests.api.seeds import load_seeds
from tests.conftest import POSTGRES_URL, _asyncpg_dsn, run_on_postgres

pytestmark = pytest.mark.postgres

EVENTS = "/api/v1/events?limit=5"
QUERY = {"query": "{ events(first: 5) { totalCount nodes { title venue { name } } } }"}


class Relay:
    """A TCP relay on 127.0.0.1 to the Postgres server, which can be switched off and on again at the
    same port."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.listener.getsockname()[1]
        self.upstreams: list[socket.socket] = []
        self.sockets: list[socket.socket] = []
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()
        self._serve()

    def _serve(self) -> None:
        thread = threading.Thread(target=self._accept, args=(self.listener,), daemon=True)
        thread.start()
        self.threads.append(thread)

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # the listener was closed: the relay is off
                return
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.upstreams.append(upstream)
                self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                pump = threading.Thread(target=self._pump, args=(source, sink), daemon=True)
                pump.start()
                self.threads.append(pump)

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def client_ports(self) -> list[int]:
        """The local ports of the relay's connections to the server: how the server knows them."""
        with self.lock:
            ports = []
            for upstream in self.upstreams:
                with contextlib.suppress(OSError):
                    ports.append(upstream.getsockname()[1])
            return ports

    def refuse(self) -> None:
        """Close the port: new connections are refused. (Shut down first: a plain close leaves the
        thread blocked in accept() holding the socket open.)"""
        _close(self.listener)

    def accept_again(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self._serve()

    def close(self) -> None:
        _close(self.listener)
        with self.lock:
            for connection in self.sockets:
                _close(connection)
        for thread in self.threads:
            thread.join(timeout=5)


def _close(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
    connection.close()


async def terminate_sessions(ports: list[int]) -> int:
    """End, on the server, the sessions connected from ``ports``, each waited for (up to 5 s) until
    it is gone; how many were ended."""
    import asyncpg  # noqa: PLC0415 - the driver of the test's own connection, as in tests/conftest.py

    connection = await asyncpg.connect(_asyncpg_dsn())
    try:
        rows = await connection.fetch(
            "SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1::int[]) AND pg_terminate_backend(pid, 5000)",
            ports,
        )
    finally:
        await connection.close()
    return len(rows)


@contextmanager
def relayed_schema(*, seeded: bool) -> Iterator[tuple[Settings, Relay]]:
    """Settings of a migrated Postgres schema of its own (with the seeds loaded, if ``seeded``) reached
    through a relay, and the relay; shared by the outage tests of the API and of the loaders."""
    url = make_url(POSTGRES_URL)
    schema = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(run_on_postgres(f'CREATE SCHEMA "{schema}"'))
    direct = Settings(database_url=POSTGRES_URL, database_schema=schema)
    relay = Relay(url.host or "127.0.0.1", url.port or 5432)
    try:
        migrations.upgrade(direct)
        if seeded:
            asyncio.run(load_seeds(direct))
        through = url.set(host="127.0.0.1", port=relay.port).render_as_string(hide_password=False)
        yield direct.with_database(through), relay
    finally:
        relay.close()
        asyncio.run(run_on_postgres(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def relayed(postgres_available: None) -> Iterator[tuple[Settings, Relay]]:
    """Settings of a seeded, migrated Postgres schema reached through a relay, and the relay."""
    with relayed_schema(seeded=True) as pair:
        yield pair


def answers(client: TestClient) -> dict[str, Any]:
    rest = client.get(EVENTS)
    graphql = client.post("/graphql", json=QUERY)
    return {"rest": rest, "graphql": graphql, "ready": client.get("/readyz"), "alive": client.get("/healthz")}


def test_an_outage_is_503_and_the_app_recovers_without_a_restart(relayed: tuple[Settings, Relay]) -> None:
    settings, relay = relayed
    with TestClient(create_app(settings)) as client:
        before = answers(client)
        assert [before[name].status_code for name in ("rest", "graphql", "ready")] == [200, 200, 200]
        total = before["rest"].json()["totalCount"]
        assert total > 0

        relay.refuse()
        assert asyncio.run(terminate_sessions(relay.client_ports())) >= 1
        during = answers(client)
        rest, graphql = during["rest"], during["graphql"]
        assert rest.status_code == 503, rest.text
        assert rest.headers["retry-after"] == "5"
        assert rest.headers["content-type"] == "application/problem+json"
        assert rest.json()["type"] == "urn:readout:problem:unavailable"
        assert graphql.status_code == 503, graphql.text
        assert graphql.headers["retry-after"] == "5"
        (error,) = graphql.json()["errors"]
        assert error["extensions"] == {"code": "DATABASE_UNAVAILABLE", "retryAfter": 5}
        assert error["message"] == "The database is unavailable; try again in 5 s."
        assert during["ready"].status_code == 503
        assert during["alive"].status_code == 200

        relay.accept_again()
        after = answers(client)
        assert after["rest"].status_code == 200, after["rest"].text
        assert after["rest"].json()["totalCount"] == total
        assert after["graphql"].status_code == 200
        assert after["graphql"].json()["data"]["events"]["totalCount"] == total
        assert after["ready"].status_code == 200


def test_sessions_ended_while_the_server_answers_cost_no_request(relayed: tuple[Settings, Relay]) -> None:
    settings, relay = relayed
    with TestClient(create_app(settings)) as client:
        assert client.get(EVENTS).status_code == 200
        assert asyncio.run(terminate_sessions(relay.client_ports())) >= 1
        assert client.get(EVENTS).status_code == 200
        assert client.post("/graphql", json=QUERY).json()["data"]["events"]["totalCount"] > 0
