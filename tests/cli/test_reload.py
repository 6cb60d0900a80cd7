"""A reload of stored files (``readout load`` of what the database holds) ends after reading the files
and asking the database which it holds: it imports neither the pipeline nor spaCy, so it neither loads
the model nor starts a parsing process; it says what it found, and with ``-v`` where the time went."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from db.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEAVY = (
    "spacy",
    "thinc",
    "loaders.pipeline",
    "loaders.nlp",
    "loaders.extract",
    "strawberry",
    "opentelemetry.sdk",
    "trafilatura",
    "htmldate",
)

# Runs the command in a fresh interpreter, then prints which heavy packages it imported.
_PROBE = """
import json, sys
from api.cli import app
try:
    app(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
heavy = {HEAVY!r}
print(json.dumps({{"code": code, "imported": sorted(m for m in sys.modules if m.startswith(heavy))}}))
"""


def probe(settings: Settings, *args: str, tracing: bool = False) -> tuple[int, list[str], str]:
    """Run ``readout ARGS`` in a fresh interpreter: its exit code, the heavy modules it imported, its
    stderr; with ``tracing``, its spans are written to stdout and it gives stdout instead of stderr."""
    environment = {**os.environ, "READOUT_DATABASE_URL": settings.database_url}
    environment.pop("OTEL_TRACES_EXPORTER", None)
    environment.pop("OTEL_SDK_DISABLED", None)
    if tracing:
        environment["OTEL_TRACES_EXPORTER"] = "console"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(HEAVY=HEAVY), *args],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], result["imported"], done.stdout if tracing else done.stderr


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)
def test_a_reload_imports_no_parser_and_no_model(environment: Settings) -> None:
    assert CliRunner().invoke(app, ["db", "upgrade"]).exit_code == 0
    code, imported, stderr = probe(environment, "load", str(SEEDS), "-v")
    assert code == 0, stderr
    # The check counts what it claims to: a load with something new does import the parser.
    assert "spacy" in imported
    assert "loaders.nlp.parser_process" in imported
    [timings] = [line for line in stderr.splitlines() if line.startswith("stages (wall-clock): ")]
    named = [part.split()[0] for part in timings.removeprefix("stages (wall-clock): ").split(", ")]
    assert set(named) == {"survey", "read", "clean", "dating", "warm-up", "nlp", "resolve", "extract", "store"}

    code, imported, stderr = probe(environment, "load", str(SEEDS), "-v")
    assert code == 0, stderr
    assert imported == []
    assert "articles: 0 loaded, 5 already stored, 0 failed; events: 0 created, 0 merged" in stderr
    assert "stages (wall-clock): survey " in stderr


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)
def test_a_reload_with_a_bad_input_reports_it_without_the_parser(environment: Settings, tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["db", "upgrade"]).exit_code == 0
    seed = SEEDS / "000_0c6c6a7bd5f4bea7.txt"
    assert probe(environment, "load", str(seed))[0] == 0
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, imported, stderr = probe(environment, "load", str(seed), str(tmp_path / "binary.txt"))
    assert code == 1
    assert imported == []
    assert f"failed: {tmp_path / 'binary.txt'}" in stderr
    assert "articles: 0 loaded, 1 already stored, 1 failed" in stderr


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)
def test_a_traced_load_has_a_span_per_stage_in_one_trace(environment: Settings) -> None:
    assert CliRunner().invoke(app, ["db", "upgrade"]).exit_code == 0
    code, imported, stdout = probe(environment, "load", str(SEEDS / "000_0c6c6a7bd5f4bea7.txt"), tracing=True)
    assert code == 0
    assert "opentelemetry.sdk" in imported
    decoder, written, at = json.JSONDecoder(), [], stdout.index("{")
    while stdout.startswith("{", at):
        value, at = decoder.raw_decode(stdout, at)
        written.append(value)
        at = len(stdout) - len(stdout[at:].lstrip())
    spans = [value for value in written if "context" in value]
    names = {span["name"] for span in spans}
    assert names >= {"readout load", "load.survey", "load.read", "load.clean", "load.nlp", "load.store"}
    assert len({span["context"]["trace_id"] for span in spans}) == 1
