"""The issue's own case, at its size: two ``readout load`` processes of the same 200 and more articles
started together on one Postgres both exit 0, and the knowledge base equals a single load's, ids aside.
(``test_load_processes`` runs the same race on 40 articles on both backends.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db.settings import Settings
from tests.cli.test_load_processes import compose, export, finish, start_load
from tests.loaders.canonical import canonical
from tests.queue.processes import postgres_schema

pytestmark = pytest.mark.postgres

ARTICLES = 210


@pytest.fixture
def schemas(request: pytest.FixtureRequest) -> Iterator[tuple[Settings, Settings]]:
    """Two fresh schemas: one for the two loads at once, one for a single load."""
    for raced in postgres_schema(request):
        for single in postgres_schema(request):
            yield raced, single


def test_two_loads_of_over_200_articles_at_once_make_what_one_load_makes(
    schemas: tuple[Settings, Settings], tmp_path: Path
) -> None:
    raced, single = schemas
    corpus = compose(tmp_path / "corpus", ARTICLES)
    code, stderr = finish(start_load(single, corpus))
    assert code == 0, stderr
    reference = export(single)

    loads = [start_load(raced, corpus) for _ in range(2)]
    outcomes = [finish(load) for load in loads]
    for code, stderr in outcomes:
        assert code == 0, stderr
        assert "Traceback" not in stderr, stderr
        assert ", 0 failed" in stderr, stderr
    # Every article stored once, by one load or the other; the other saw it stored.
    loaded = [int(stderr.split("articles: ")[1].split(" loaded")[0]) for _, stderr in outcomes]
    assert sum(loaded) == ARTICLES
    raced_export = export(raced)
    assert len(raced_export["articles"]) == ARTICLES
    assert len(raced_export["events"]) == len(reference["events"])
    assert canonical(raced_export) == canonical(reference)
