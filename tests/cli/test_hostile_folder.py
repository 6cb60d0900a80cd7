"""A folder holding every kind of hostile input beside valid articles: ``readout load`` stores every
valid article, names each bad input on one line, exits 1, and shows no traceback."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app
from db.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MEETING = "Chinese Foreign Minister Wang Yi met U.S. Secretary of State Antony Blinken in Beijing on Monday."
FRENCH = "Le ministre a rencontré Wang Yi à Genève lundi ; les entretiens ont porté sur le commerce et la sécurité."


def hostile_folder(folder: Path) -> tuple[dict[str, str], set[str]]:
    """Write the inputs: the reason expected for each bad one, and the names of the valid ones."""
    folder.mkdir()
    (folder / "nested.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    (folder / "one-line.txt").write_text("word " * 250_000, encoding="utf-8")  # 1.25 MB, no sentence at all
    (folder / "headline-only.txt").write_text("Talks resume\n", encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(folder / "socket.txt"))  # the socket's file stays once it is closed
    (folder / "menu.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    bad = {
        "nested.jsonl:1": "JSON nested too deeply",
        "one-line.txt": "characters, over the 1,000,000 analysed at once",
        "headline-only.txt": "no story found",
        "fifo.txt": "a FIFO (named pipe)",
        "loop.txt": "symbolic link loop",
        "dangling.txt": "dangling symbolic link",
        "binary.txt": "binary file",
        "socket.txt": "a socket",
        "menu.html": "no article text found",
    }
    (folder / "repeated.txt").write_text("Talks in Beijing\n\n" + f"{MEETING} " * 3000, encoding="utf-8")
    (folder / "utf-16.txt").write_bytes(f"{MEETING} Both sides called the talks candid.".encode("utf-16"))
    (folder / "windows-1252.txt").write_bytes(f"{MEETING} {FRENCH}".encode("cp1252"))
    (folder / "utf-32.txt").write_bytes(f"{FRENCH} {MEETING}".encode("utf-32"))
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    valid = {
        "repeated.txt",
        "utf-16.txt",
        "utf-32.txt",
        "windows-1252.txt",
        *(p.name for p in sorted(SEEDS.glob("*.txt"))[:2]),
    }
    return bad, valid


def test_every_valid_article_is_stored_and_each_bad_input_named_once(environment: Settings, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    folder = tmp_path / "inbox"
    bad, valid = hostile_folder(folder)

    # catch_exceptions=False: an exception escaping the command fails the test with its traceback.
    result = runner.invoke(app, ["load", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    failed = [
        line.removeprefix(f"failed: {folder}/") for line in result.stderr.splitlines() if line.startswith("failed:")
    ]
    assert sorted(line.split(": ", 1)[0] for line in failed) == sorted(bad)
    for line in failed:
        name, reason = line.split(": ", 1)
        assert bad[name] in reason, line
    assert f"articles: {len(valid)} loaded, 0 already stored, {len(bad)} failed" in result.stderr

    exported = json.loads(runner.invoke(app, ["export"]).stdout)
    assert {Path(article["source_path"]).name for article in exported["articles"]} == valid
    titles = {article["title"] for article in exported["articles"]}
    assert all(title is None or len(title) <= 300 for title in titles)
