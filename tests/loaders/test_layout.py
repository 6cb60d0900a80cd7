"""The shape of ``loaders/``: one folder per stage, imports pointing forward along the pipeline only.

A module of a stage may import its own stage's modules, and from an earlier stage only the names that
stage's ``__init__`` lists in ``__all__``; ``loaders.text`` comes before every stage, and the modules
that wire them (``loaders.pipeline``) after all of them. Code outside ``loaders/`` (the API, the
benchmarks) uses the same public names.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# Earlier first. A stage may use the public names of the stages before it, never of those after it;
# ``text`` and ``kb`` (the language and the world, as data) come before every stage.
STAGES = ("text", "kb", "read", "clean", "dating", "nlp", "resolve", "extract", "merge", "store")
TOP = len(STAGES)  # rank of the modules directly in loaders/: they wire the stages


@dataclass(frozen=True)
class Violation:
    importer: str
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.importer} imports {self.imported}: {self.why}"


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _rank(module: str) -> tuple[int, str]:
    """The pipeline position of a ``loaders`` module and its stage (or the module itself, at the top)."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in STAGES:
        return STAGES.index(parts[1]), parts[1]
    return TOP, module


def _imports(path: Path, module: str) -> Iterator[tuple[str, list[str]]]:
    """Each ``loaders`` import of the file: the module imported from, and the names taken from it."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "loaders":
                    yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([source] if source else [])])
            if source.split(".")[0] == "loaders":
                yield source, [alias.name for alias in node.names]


def _public_names(root: Path, stage: str) -> set[str]:
    """The names in the ``__all__`` of ``loaders/<stage>/__init__.py``, read without importing it."""
    tree = ast.parse((root / "loaders" / stage / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return set(ast.literal_eval(node.value))
    return set()


def violations(root: Path, folders: tuple[str, ...] = ("loaders",)) -> list[Violation]:
    """Every import under ``root``'s ``folders`` that goes backward along the pipeline or past a stage's
    public names."""
    found: list[Violation] = []
    for folder in folders:
        for path in sorted((root / folder).rglob("*.py")):
            importer = _module_name(path, root)
            in_loaders = importer.split(".")[0] == "loaders"
            rank, stage = _rank(importer) if in_loaders else (TOP + 1, importer)
            for imported, names in _imports(path, importer):
                found.extend(_check(root, importer, (rank, stage), imported, names))
    return found


def _check(root: Path, importer: str, where: tuple[int, str], imported: str, names: list[str]) -> Iterator[Violation]:
    rank, stage = where
    if imported == "loaders":
        yield Violation(importer, f"loaders.{{{', '.join(names)}}}", "import names from a stage, not its modules")
        return
    target_rank, target = _rank(imported)
    if target == stage:
        return  # a stage's own modules
    if target_rank > rank:
        yield Violation(importer, imported, "a later stage (imports point forward only)")
        return
    if target_rank == TOP:
        return  # the wiring modules, used by each other and by code outside loaders/
    if imported != f"loaders.{target}":
        yield Violation(importer, imported, f"a private module of {target}: import from loaders.{target}")
        return
    public = _public_names(root, target)
    for name in names:
        if name not in public:
            yield Violation(importer, f"{imported}.{name}", f"not in loaders.{target}.__all__")


def test_imports_point_forward_and_through_public_names() -> None:
    found = violations(REPO, ("loaders", "api", "bench"))
    assert not found, "\n".join(map(str, found))


@pytest.mark.parametrize(
    ("importer", "source", "expected"),
    [
        pytest.param(
            "loaders/read/files.py",
            "from loaders.clean import clean_text\n",
            "loaders.read.files imports loaders.clean: a later stage (imports point forward only)",
            id="backward-to-a-later-stage",
        ),
        pytest.param(
            "loaders/store/writer.py",
            "from loaders.pipeline import prepare\n",
            "loaders.store.writer imports loaders.pipeline: a later stage (imports point forward only)",
            id="backward-to-the-pipeline",
        ),
        pytest.param(
            "loaders/extract/events.py",
            "from loaders.resolve.actors import resolve_actors\n",
            "loaders.extract.events imports loaders.resolve.actors: a private module of resolve: import from "
            "loaders.resolve",
            id="into-a-private-module",
        ),
        pytest.param(
            "loaders/extract/events.py",
            "from loaders.resolve import _secret\n",
            "loaders.extract.events imports loaders.resolve._secret: not in loaders.resolve.__all__",
            id="a-name-outside-all",
        ),
        pytest.param(
            "loaders/extract/events.py",
            "def late():\n    import loaders.store.writer\n",
            "loaders.extract.events imports loaders.store.writer: a later stage (imports point forward only)",
            id="inside-a-function",
        ),
        pytest.param(
            "loaders/extract/events.py",
            "from ..store import writer\n",
            "loaders.extract.events imports loaders.store: a later stage (imports point forward only)",
            id="relative",
        ),
        pytest.param(
            "api/ingestion.py",
            "from loaders.store.writer import store_extraction\n",
            "api.ingestion imports loaders.store.writer: a private module of store: import from loaders.store",
            id="from-outside-loaders",
        ),
    ],
)
def test_the_check_finds(tmp_path: Path, importer: str, source: str, expected: str) -> None:
    for stage in STAGES:
        (tmp_path / "loaders" / stage).mkdir(parents=True)
        (tmp_path / "loaders" / stage / "__init__.py").write_text('__all__ = ["resolve_actors", "clean_text"]\n')
    (tmp_path / importer).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / importer).write_text(source)
    assert [str(v) for v in violations(tmp_path, ("loaders", "api"))] == [expected]


def test_forward_imports_of_public_names_pass(tmp_path: Path) -> None:
    for stage in STAGES:
        (tmp_path / "loaders" / stage).mkdir(parents=True)
        (tmp_path / "loaders" / stage / "__init__.py").write_text('__all__ = ["public"]\n')
    (tmp_path / "loaders" / "store" / "writer.py").write_text(
        "from loaders.text import public\nfrom loaders.merge import public\nfrom loaders.store.cache import x\n"
    )
    (tmp_path / "loaders" / "pipeline.py").write_text("from loaders.store import public\n")
    assert violations(tmp_path) == []


def test_loaders_is_a_folder_per_stage() -> None:
    modules = sorted(p.name for p in (REPO / "loaders").glob("*.py") if p.name != "__init__.py")
    assert len(modules) <= 3, modules
    folders = sorted(p.name for p in (REPO / "loaders").iterdir() if (p / "__init__.py").is_file())
    # ``pipeline`` is no stage: it wires them, one module per part of the wiring.
    assert folders == sorted([*STAGES, "pipeline"])


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_goes_in_and_out_and_what_it_offers(stage: str) -> None:
    package = importlib.import_module(f"loaders.{stage}")
    assert package.__doc__ is not None
    assert len(package.__doc__.split()) >= 20
    assert package.__all__
    missing = [name for name in package.__all__ if not hasattr(package, name)]
    assert not missing
