"""The browser pages' files: a missing file (or a missing folder, when ``make`` has not built them) is
a 404, never a fault; the wheel's build fails loudly without them; the list of files the build checks
is the one the app checks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

import hatch_build
from api.problems import exception_handlers
from api.static import ASSETS, STATIC_ROOT, AssetFiles, missing_assets
from tests.conftest import REPO

SOURCES = ("pyproject.toml", "README.md", "hatch_build.py", "api", "schema", "loaders", "db", "alembic", "openapi")


def test_a_folder_that_was_never_built_answers_404(tmp_path: Path) -> None:
    app = Starlette(
        routes=[Mount("/static", AssetFiles(directory=tmp_path / "never-built", check_dir=False))],
        exception_handlers=exception_handlers,
    )
    with TestClient(app) as client:
        answer = client.get("/static/graphiql.min.js")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"


def test_missing_assets_names_each_file(tmp_path: Path) -> None:
    assert missing_assets(tmp_path) == [path for paths in ASSETS.values() for path in paths]
    assert missing_assets(tmp_path, pages=("Swagger UI",)) == list(ASSETS["Swagger UI"])


def test_the_build_checks_the_files_the_app_serves() -> None:
    assert set(hatch_build.REQUIRED) == {f"api/static/{path}" for paths in ASSETS.values() for path in paths}


def source_tree(destination: Path, *, with_assets: bool) -> Path:
    """The files a wheel is built from, copied to ``destination`` (the browser files only if asked)."""
    destination.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "static", "*.db")
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        else:
            shutil.copy2(source, destination / name)
    if with_assets:
        shutil.copytree(STATIC_ROOT, destination / "api" / "static")
    return destination


def build_wheel(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_wheel_build_fails_without_the_files(tmp_path: Path) -> None:
    built = build_wheel(source_tree(tmp_path / "src", with_assets=False), tmp_path / "dist")
    assert built.returncode != 0
    assert "the wheel would lack the files of GraphiQL, Swagger UI or the explorer" in built.stderr
    assert "api/static/graphiql/graphiql.min.js" in built.stderr
    assert "Run `make` first" in built.stderr
    assert not list((tmp_path / "dist").glob("*.whl"))


@pytest.mark.skipif(bool(missing_assets()), reason="GraphiQL and Swagger UI not built: run make")
def test_the_wheel_carries_the_files(tmp_path: Path) -> None:
    built = build_wheel(source_tree(tmp_path / "src", with_assets=True), tmp_path / "dist")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert set(hatch_build.REQUIRED) <= names
