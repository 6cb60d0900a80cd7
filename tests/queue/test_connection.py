"""The queue connects as the knowledge base's engine does: the asyncpg URL's query parameters reach
libpq in libpq's words, on a real Postgres."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.queue.connection import postgres_conninfo, queue_app
from db.settings import Settings
from tests.queue.processes import postgres_schema


@pytest.fixture
def queued(request: pytest.FixtureRequest) -> Iterator[Settings]:
    yield from postgres_schema(request)


def with_query(settings: Settings, query: str) -> Settings:
    return settings.model_copy(update={"database_url": f"{settings.database_url}?{query}"})


@pytest.mark.parametrize(
    ("query", "libpq"),
    [
        pytest.param("ssl=require", "sslmode=require", id="ssl"),
        pytest.param("ssl=true", "sslmode=require", id="ssl-true"),
        pytest.param("ssl=false", "sslmode=disable", id="ssl-false"),
        pytest.param("timeout=3", "connect_timeout=3", id="timeout"),
        pytest.param("prepared_statement_cache_size=0", "", id="asyncpg-only"),
        pytest.param(
            "application_name=readout&sslrootcert=%2Fca.pem",
            "application_name=readout&sslrootcert=%2Fca.pem",
            id="libpq",
        ),
    ],
)
def test_asyncpg_parameters_are_spelled_as_libpq_spells_them(query: str, libpq: str) -> None:
    settings = Settings(database_url=f"postgresql+asyncpg://reader:secret@db.example:5433/kb?{query}")
    expected = "postgresql://reader:secret@db.example:5433/kb" + (f"?{libpq}" if libpq else "")
    assert postgres_conninfo(settings) == expected


@pytest.mark.postgres
async def test_the_queue_connects_with_the_urls_parameters(queued: Settings) -> None:
    settings = with_query(queued, "ssl=disable&prepared_statement_cache_size=0&application_name=readout-queue-test")
    app = queue_app(settings)
    async with app.open_async():
        assert await app.check_connection_async()
        names = await app.connector.execute_query_all_async(
            "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()"
        )
    assert names == [{"application_name": "readout-queue-test"}]
