"""``readout load`` shows its work without a terminal (a line at the start and per 100 inputs, one at
the end), a reload says everything was stored already, and ``readout stats`` says what is held."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from api.cli import app
from api.progress import EVERY, LoadProgress
from db.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_lines_without_a_terminal(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    with log.open("w") as sink:
        console = Console(file=sink, force_terminal=False)
        with LoadProgress(console, total=2 * EVERY + 5) as progress:
            for _ in range(2 * EVERY + 5):
                progress.advance()
    lines = log.read_text().splitlines()
    assert lines[0] == "loading: 205 input(s) to go through"
    assert [line.split(" (")[0] for line in lines[1:]] == [
        "loading: 100 of 205 inputs done",
        "loading: 200 of 205 inputs done",
        "loading: 205 of 205 inputs done",
    ]


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)
def test_reload_and_stats(environment: Settings) -> None:
    assert run("db", "upgrade")[0] == 0
    code, _, stderr = run("load", str(SEEDS))
    assert code == 0, stderr
    assert "loading: 5 input(s) to go through" in stderr
    assert "loading: 5 of 5 inputs done" in stderr

    code, _, stderr = run("load", str(SEEDS))
    assert code == 0
    assert "0 loaded, 5 already stored, 0 failed" in stderr

    code, stdout, _ = run("stats")
    assert code == 0
    counts = {line.split()[0]: int(line.split()[1].replace(",", "")) for line in stdout.splitlines()}
    assert counts["articles"] == 5
    assert set(counts) == {"articles", "events", "actors", "venues", "topics"}
    assert counts["events"] > 0
