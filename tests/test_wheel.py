"""The wheel as a new user installs it: built by hatchling, installed with its declared dependencies
into a fresh environment made by the interpreter's own ``python -m venv`` (with the pip that comes
with it, not the project's), then ``readout db upgrade``, ``readout load`` and ``readout serve`` run
from outside the repository, and GraphQL, its explorer, the API reference and /explore answer.

Dependencies come from the package index (as for any user), pinned to ``requirements.lock`` by a
constraints file so the run is repeatable; a dependency the wheel forgot to declare is therefore
missing here, as it would be for the user.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from api.static import missing_assets
from tests.api.test_static import build_wheel, source_tree
from tests.cli.test_serve import free_port, wait_until_serving
from tests.conftest import REPO


def constraints(destination: Path) -> Path:
    """``requirements.lock``'s pins without their hashes (pip takes no hashes in constraints)."""
    pins = [
        line.split(" ", 1)[0].strip()
        for line in (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith((" ", "#"))
    ]
    destination.write_text("\n".join(pins) + "\n", encoding="utf-8")
    return destination


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


@pytest.mark.skipif(bool(missing_assets()), reason="GraphiQL and Swagger UI not built: run make")
def test_the_wheel_installs_loads_and_serves_on_a_default_venv(tmp_path: Path) -> None:
    built = build_wheel(source_tree(tmp_path / "src", with_assets=True), tmp_path / "dist")
    assert built.returncode == 0, built.stderr
    (wheel,) = (tmp_path / "dist").glob("*.whl")

    # The interpreter the project's venv was made from, and its own venv module and pip.
    base_python = getattr(sys, "_base_executable", sys.executable)
    venv = tmp_path / "fresh"
    env = {name: value for name, value in os.environ.items() if not name.startswith(("READOUT_", "VIRTUAL_ENV"))}
    run([base_python, "-m", "venv", str(venv)], tmp_path, env)
    pip = run([str(venv / "bin" / "python"), "-m", "pip", "--version"], tmp_path, env)
    pins = constraints(tmp_path / "constraints.txt")
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel), "-c", str(pins)], tmp_path, env)

    # Outside the repository: a folder of its own, the seeds copied in, a database of its own.
    home = tmp_path / "user"
    shutil.copytree(REPO / "seeds", home / "articles", ignore=shutil.ignore_patterns("*.jsonl"))
    env |= {"READOUT_DATABASE_URL": f"sqlite+aiosqlite:///{home / 'kb.db'}"}
    readout = str(venv / "bin" / "readout")
    run([readout, "db", "upgrade"], home, env)
    loaded = run([readout, "load", "articles"], home, env)
    assert "5 loaded, 0 already stored, 0 failed" in loaded, (pip, loaded)

    port = free_port()
    with subprocess.Popen(
        [readout, "serve", "--port", str(port)], cwd=home, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    ) as server:
        try:
            wait_until_serving(port, server)
            base = f"http://127.0.0.1:{port}"
            answer = httpx.post(f"{base}/graphql", json={"query": "{ events { totalCount } }"}, timeout=10)
            assert answer.status_code == 200
            assert answer.json()["data"]["events"]["totalCount"] > 0
            for page in ("/graphql", "/docs", "/explore"):
                response = httpx.get(f"{base}{page}", headers={"Accept": "text/html"}, timeout=10)
                assert response.status_code == 200, page
            for asset in (
                "/graphql/static/graphiql.min.js",
                "/docs/static/swagger-ui-bundle.js",
                "/explore/static/explore.js",
                "/explore/static/countries-50m.json",
            ):
                assert httpx.get(f"{base}{asset}", timeout=10).status_code == 200, asset
        finally:
            server.terminate()
            server.wait(timeout=10)
