"""Extraction quality, measured with the shared scorer on the seeds and on our own hand-annotated
corpus (tests/extraction/). The floors below are what the loaders reach today; they only move up.
The issue's bars (events F1 ≥ 0.85 and so on) are tracked in the issue, not hidden here."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.testing import CliRunner

from api.cli import app
from db.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SCORER = REPO.parent / "shared" / "eval" / "score.py"
SEEDS_GOLD = REPO.parent / "shared" / "eval" / "gold-seeds.json"
OWN = REPO / "tests" / "extraction"


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    if not SCORER.exists():
        reason = f"the shared scorer is not at {SCORER}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    spec = importlib.util.spec_from_file_location("readout_eval_score", SCORER)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_and_score(scorer: ModuleType, corpus: Path, gold: Path, tmp_path: Path) -> dict[str, Any]:
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["load", str(corpus)])
    assert result.exit_code == 0, result.stderr
    output = tmp_path / "kb.json"
    assert runner.invoke(app, ["export", "--output", str(output)]).exit_code == 0
    export = scorer.Export(json.loads(output.read_text(encoding="utf-8")))
    scores: dict[str, Any] = scorer.score(export, scorer.Gold(json.loads(gold.read_text(encoding="utf-8"))))
    return scores


def flatten(scores: dict[str, Any]) -> dict[str, Any]:
    persons = {f"persons_{key}": value for key, value in scores["persons"].items()}
    topics = {f"topics_{key}": value for key, value in scores["topics"].items()}
    return {**scores["events"], **scores["attributes"], **persons, **topics}


def check(scores: dict[str, Any], floors: dict[str, float], max_duplicates: int, max_leaks: int) -> None:
    flat = flatten(scores)
    report = json.dumps(scores, indent=1)[:6000]
    assert flat["dates_invented_where_not_inferable"] == 0, report
    assert flat["duplicates"] <= max_duplicates, report
    assert len(flat["persons_not_actors_leaked"]) <= max_leaks, report
    for key, floor in floors.items():
        assert flat[key] >= floor, f"{key} fell to {flat[key]} (floor {floor}): {report}"


# The bars, met on the seeds (measured 2026-11-23: events F1 0.944 with 0 duplicates, status 0.933,
# venue 0.933, date 1.0, sources 0.897, persons F1 0.989, topics F1 0.986).
SEED_FLOORS = {
    "f1": 0.85,
    "status_right": 0.9,
    "venue_right": 0.9,
    "date_right": 0.85,
    "sources_recall": 0.85,
    "persons_f1": 0.9,
    "topics_f1": 0.7,
}

# Our own hand-annotated corpus (tests/extraction/), written apart from the loaders: today's level,
# below the bars (measured 2026-11-23, second session: events F1 0.80 with 2 duplicates, venue 0.75,
# date 0.55 with 0 wrong, status 0.94, sources 0.84, persons F1 0.98, topics F1 0.88). Floors only move up.
OWN_FLOORS = {
    "f1": 0.77,
    "status_right": 0.9,
    "venue_right": 0.72,
    "date_right": 0.52,
    "sources_recall": 0.8,
    "persons_f1": 0.95,
    "topics_f1": 0.85,
}


def test_seeds_meet_the_bars(scorer: ModuleType, tmp_path: Path, environment: Settings) -> None:
    scores = load_and_score(scorer, REPO / "seeds", SEEDS_GOLD, tmp_path)
    check(scores, SEED_FLOORS, max_duplicates=0, max_leaks=0)


def test_own_corpus_holds_its_level(scorer: ModuleType, tmp_path: Path, environment: Settings) -> None:
    scores = load_and_score(scorer, OWN / "articles", OWN / "gold.json", tmp_path)
    # Four duplicates since the dating issue: articles dated only by an unlabelled page line now load after
    # the others, and merging still depends on arrival order (the merging issue).
    check(scores, OWN_FLOORS, max_duplicates=4, max_leaks=1)
