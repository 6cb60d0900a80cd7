"""The command line end to end: migrate, load, export, on each database."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app
from db import migrations
from db.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CONTRACT_KEYS = {"articles", "actors", "venues", "topics", "events"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_upgrade_load_export_and_load_again(environment: Settings, tmp_path: Path) -> None:
    assert run("db", "current") == (0, "none\n", "")
    code, _, stderr = run("db", "upgrade")
    assert code == 0, stderr
    assert run("db", "current")[1] == f"{migrations.head()}\n"

    code, _, stderr = run("load", str(SEEDS))
    assert code == 0, stderr
    assert "5 loaded, 0 already stored, 0 failed" in stderr

    code, first_export, _ = run("export")
    assert code == 0
    document = json.loads(first_export)
    assert set(document) == CONTRACT_KEYS
    assert sorted(Path(a["source_path"]).name for a in document["articles"]) == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )

    code, _, stderr = run("load", str(SEEDS))
    assert code == 0
    assert "0 loaded, 5 already stored, 0 failed" in stderr
    output = tmp_path / "kb.json"
    assert run("export", "--output", str(output))[0] == 0
    assert json.loads(output.read_text(encoding="utf-8")) == document


def test_unreadable_file_is_named_and_the_rest_load(environment: Settings, tmp_path: Path) -> None:
    run("db", "upgrade")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, stderr = run("load", str(bad), str(SEEDS / "001_edd4ee3ef3f53bc1.txt"))
    assert code == 1
    assert f"failed: {bad}: binary file" in stderr
    assert "1 loaded, 0 already stored, 1 failed" in stderr


def test_load_refuses_an_unmigrated_database(environment: Settings) -> None:
    code, _, stderr = run("load", str(SEEDS))
    assert code == 1
    assert "run `readout db upgrade`" in stderr


def test_downgrade_to_base_and_back(environment: Settings) -> None:
    run("db", "upgrade")
    assert run("db", "downgrade", "--revision", "base")[0] == 0
    assert run("db", "current")[1] == "none\n"
    assert run("db", "upgrade")[0] == 0


def test_database_option_overrides_the_environment(environment: Settings, tmp_path: Path) -> None:
    other = f"sqlite+aiosqlite:///{tmp_path / 'other.db'}"
    assert run("db", "upgrade", "--database", other)[0] == 0
    assert run("db", "current", "--database", other)[1] == f"{migrations.head()}\n"


def test_unknown_database_driver_is_a_clear_error() -> None:
    code, _, stderr = run("db", "current", "--database", "mysql://localhost/x")
    assert code == 2
    assert "database URL must start with one of" in stderr


def test_rebuild_events_stores_the_same_events_again(environment: Settings) -> None:
    run("db", "upgrade")
    run("load", str(SEEDS))
    before = json.loads(run("export")[1])["events"]

    code, _, stderr = run("db", "rebuild-events")

    assert code == 0, stderr
    assert f"events of 5 articles stored again: {len(before)} events before, {len(before)} after" in stderr
    after = json.loads(run("export")[1])["events"]
    assert [(e["title"], e["start"], e["status"], len(e["sources"])) for e in after] == [
        (e["title"], e["start"], e["status"], len(e["sources"])) for e in before
    ]
