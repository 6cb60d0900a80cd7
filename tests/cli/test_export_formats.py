"""``readout export --format json|ndjson|csv|geojson --kind …``: each list whole, read back with the
``csv`` and ``json`` modules; GeoJSON valid by the RFC 7946 schema; bad options refused clearly."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from api.cli import app
from db import migrations
from db.ids import encode_id
from db.session import create_engine, create_session_factory
from db.settings import Settings
from tests.conftest import REPO
from tests.schema.world import World, build_world

SCHEMA = REPO / "tests" / "conformance" / "node_modules" / "geojson-schema" / "FeatureCollection.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["export", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def world(environment: Settings) -> World:
    migrations.upgrade(environment)

    async def build() -> World:
        engine = create_engine(environment)
        try:
            async with create_session_factory(engine)() as session:
                return await build_world(session)
        finally:
            await engine.dispose()

    return asyncio.run(build())


def test_each_format_holds_every_event(world: World, tmp_path: Path) -> None:
    ids = {encode_id("Event", pk) for pk in world.events.values()}
    code, text, _ = run("--format", "csv")
    assert code == 0
    assert {row["id"] for row in csv.DictReader(io.StringIO(text, newline=""))} == ids
    code, text, _ = run("--format", "ndjson")
    in_order = [encode_id("Event", pk) for pk in sorted(world.events.values())]
    assert [json.loads(line)["id"] for line in text.splitlines()] == in_order
    code, text, _ = run("--format", "json", "--kind", "events")
    assert {event["id"] for event in json.loads(text)} == ids
    output = tmp_path / "events.csv"
    assert run("--format", "csv", "--output", str(output))[0] == 0
    assert output.read_text(encoding="utf-8").replace("\r\n", "\n") == run("--format", "csv")[1].replace("\r\n", "\n")


def test_geojson_of_a_topic(world: World) -> None:
    code, text, stderr = run("--format", "geojson", "--topic", "taiwan")
    assert code == 0, stderr
    document = json.loads(text)
    Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(document)
    assert len(document["features"]) == 2
    code, text, stderr = run("--format", "geojson")
    assert code == 0
    left_out = len(world.events) - len(json.loads(text)["features"])
    assert left_out > 0
    assert f"{left_out} event(s) without a place on a map left out" in stderr


@pytest.mark.parametrize(
    ("kind", "key", "table"),
    [("actors", "name", "actors"), ("venues", "slug", "venues"), ("articles", "title", "articles")],
)
def test_other_kinds(world: World, kind: str, key: str, table: str) -> None:
    code, text, _ = run("--format", "csv", "--kind", kind)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) >= len(getattr(world, table))
    assert all(row[key] for row in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "geojson", "--kind", "actors"], "GeoJSON holds events and venues"),
        (["--topic", "Not a slug"], "--topic: neither the ID nor the slug of a Topic"),
        (["--kind", "actors", "--topic", "taiwan"], "filter events only"),
        (["--format", "csv", "--from", "last week"], "--from: a date such as"),
        (["--format", "csv", "--country", "China"], "--country: an ISO 3166-1 alpha-2 code"),
    ],
)
def test_bad_options_are_refused(world: World, args: list[str], message: str) -> None:
    code, text, stderr = run(*args)
    assert code == 1
    assert text == ""
    assert message in stderr
