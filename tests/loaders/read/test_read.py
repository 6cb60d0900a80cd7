"""Every input is untrusted: each bad one gives one clear error and the rest are still read."""

from __future__ import annotations

import json
import os
import socket
from datetime import date
from pathlib import Path

import pytest

from loaders.read import InputError, RawArticle, read_inputs

STORY = "Officials met in Vienna on Wednesday.\n"


def read_all(*paths: Path, max_bytes: int = 1_000_000) -> list[RawArticle | InputError]:
    return list(read_inputs(paths, max_bytes=max_bytes))


def test_reads_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(STORY, encoding="utf-8")
    assert read_all(path) == [RawArticle(source=str(path), text=STORY)]


def test_strips_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf" + STORY.encode())
    [article] = read_all(path)
    assert isinstance(article, RawArticle)
    assert article.text == STORY


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"", "file is empty", id="empty"),
        pytest.param(b"  \n\t\n", "file is empty", id="blank"),
        pytest.param(
            b"\xff\xfe\x00\xd8", "starts with a UTF-16 byte order mark but is not valid UTF-16", id="bad-utf16"
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file", id="binary"),
    ],
)
def test_bad_file_gives_one_error_and_the_rest_load(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    bad, good = read_all(tmp_path)
    assert isinstance(bad, InputError)
    assert bad.source == str(tmp_path / "bad.txt")
    assert reason in bad.reason
    assert isinstance(good, RawArticle)


FRENCH = "Le ministre a rencontré Wang Yi à Genève lundi ; les entretiens ont porté sur le commerce.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(b"\xef\xbb\xbf" + FRENCH.encode(), "utf-8", id="utf-8-bom"),
        pytest.param(FRENCH.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(b"\xfe\xff" + FRENCH.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(FRENCH.encode("utf-32"), "utf-32", id="utf-32-bom"),
        pytest.param(FRENCH.encode("cp1252"), "cp1252", id="windows-1252"),
        pytest.param(FRENCH.encode("latin-1"), "cp1252", id="latin-1"),
    ],
)
def test_text_in_other_encodings_is_decoded_and_the_encoding_recorded(
    tmp_path: Path, data: bytes, encoding: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [article] = read_all(path)
    assert isinstance(article, RawArticle), article
    assert (article.text, article.encoding) == (FRENCH, encoding)


def test_a_json_line_nested_too_deeply_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    nested, good = read_all(path)
    assert nested == InputError(f"{path}:1", "JSON nested too deeply to be an article")
    assert isinstance(good, RawArticle)


def test_entries_that_are_no_files_each_give_one_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "dangling.txt").symlink_to("nowhere.txt")
    (tmp_path / "linked.txt").symlink_to(tmp_path / "real.txt")
    (tmp_path / "real.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a link to a folder is not followed: no endless walk
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(tmp_path / "sock.txt"))
        results = read_all(tmp_path)
    assert [(type(r).__name__, Path(r.source).name) for r in results] == [
        ("InputError", "dangling.txt"),
        ("InputError", "fifo.txt"),
        ("RawArticle", "linked.txt"),
        ("InputError", "loop.txt"),
        ("RawArticle", "real.txt"),
        ("InputError", "sock.txt"),
    ]
    reasons = [r.reason for r in results if isinstance(r, InputError)]
    assert reasons == [
        "dangling symbolic link (to nowhere.txt, which does not exist)",
        "a FIFO (named pipe), not a file of articles",
        "symbolic link loop",
        "a socket, not a file of articles",
    ]


def test_a_fifo_or_a_loop_named_on_the_command_line(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    fifo, loop = read_all(tmp_path / "fifo.txt", tmp_path / "loop.txt")
    assert fifo == InputError(str(tmp_path / "fifo.txt"), "a FIFO (named pipe), not a file of articles")
    assert loop == InputError(str(tmp_path / "loop.txt"), "symbolic link loop")


def test_refuses_a_file_over_the_limit_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    [error] = read_all(path, max_bytes=10 * 1024 * 1024)
    assert isinstance(error, InputError)
    assert "52,428,800 bytes, over the limit of 10,485,760" in error.reason


def test_missing_path(tmp_path: Path) -> None:
    [error] = read_all(tmp_path / "nope.txt")
    assert error == InputError(str(tmp_path / "nope.txt"), "no such file or folder")


def test_folder_without_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    [error] = read_all(tmp_path)
    assert isinstance(error, InputError)
    assert "no .txt or .jsonl" in error.reason


def test_folders_are_read_recursively_in_a_stable_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("second", encoding="utf-8")
    (tmp_path / "1.txt").write_text("first", encoding="utf-8")
    assert [a.text for a in read_all(tmp_path) if isinstance(a, RawArticle)] == ["first", "second"]


def test_json_lines_each_line_on_its_own(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = {
        "text": STORY,
        "title": "Talks",
        "url": "https://example.org/talks",
        "published": "2023-05-11T09:00:00Z",
        "outlet": "Wire",
        "authors": ["A. Writer"],
    }
    lines = [
        json.dumps(good),
        '{"text": "truncated',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text"}),
        json.dumps({"text": STORY, "published": "last week"}),
        json.dumps({"text": STORY, "authors": [1, 2]}),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    results = read_all(path)
    assert results[0] == RawArticle(
        source="https://example.org/talks",
        text=STORY,
        title="Talks",
        outlet="Wire",
        published=date(2023, 5, 11),
        authors=("A. Writer",),
        origin="jsonl",
        url="https://example.org/talks",
    )
    # A declared date that is no date keeps its line: the article loads undated, the value kept for the
    # audit trail.
    assert results[4] == RawArticle(
        source=f"{path}:5", text=STORY, origin="jsonl", declared_date="published: last week"
    )
    errors = [*results[1:4], *results[5:]]
    assert all(isinstance(e, InputError) for e in errors)
    assert [str(e) for e in errors] == [
        f"{path}:2: invalid JSON at column 10: Unterminated string starting at",
        f"{path}:3: a JSON Lines article must be an object",
        f"{path}:4: 'text' is missing or empty",
        f"{path}:6: 'authors' must be a list of strings",
    ]


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">
<title>Envoys meet in Geneva | Lakeside Courier</title>
<meta property="og:site_name" content="Lakeside Courier">
<meta name="author" content="Ana Lima; Piotr Nowak">
<meta property="article:published_time" content="2022-11-08T10:00:00+00:00">
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Envoys meet in Geneva</h1>
<p>GENEVA — Envoys from the two governments met in Geneva on Monday for a third round of talks on a
prisoner exchange, and caf\u00e9 owners nearby said the street was sealed off for hours.</p>
<p>The talks, hosted by the Swiss foreign ministry, lasted most of the day and will resume next month,
a Swiss official said.</p>
</article><footer>Leave a Reply</footer></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "windows-1252"])
def test_reads_an_html_page_with_its_metadata(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=charset).encode(charset))
    [article] = read_all(path)
    assert isinstance(article, RawArticle)
    assert article.source == str(path)
    assert "met in Geneva on Monday" in article.text
    assert "café owners" in article.text
    assert "Home" not in article.text
    assert "Leave a Reply" not in article.text
    assert article.title == "Envoys meet in Geneva"  # the site name after "|" is the outlet, not the title
    assert article.outlet == "Lakeside Courier"
    assert article.published == date(2022, 11, 8)
    assert article.modified is None
    assert article.origin == "html"
    assert article.authors == ("Ana Lima", "Piotr Nowak")


@pytest.mark.parametrize(
    "metadata",
    [
        pytest.param(
            '<meta property="article:published_time" content="2022-11-08T10:00:00Z">'
            '<meta property="article:modified_time" content="2023-02-01T09:00:00Z">',
            id="open-graph",
        ),
        pytest.param(
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-11-08", '
            '"dateModified": "2023-02-01"}</script>',
            id="json-ld",
        ),
        pytest.param(
            '</head><body><span itemprop="datePublished" content="2022-11-08T10:00:00Z"></span>'
            '<span itemprop="dateModified" content="2023-02-01"></span>',
            id="microdata-on-spans",
        ),
    ],
)
def test_the_page_s_publication_and_modification_dates_are_kept_apart(tmp_path: Path, metadata: str) -> None:
    path = tmp_path / "page.html"
    page = PAGE.format(charset="utf-8").replace(
        '<meta property="article:published_time" content="2022-11-08T10:00:00+00:00">', metadata
    )
    path.write_text(page, encoding="utf-8")
    [article] = read_all(path)
    assert isinstance(article, RawArticle)
    assert (article.published, article.modified) == (date(2022, 11, 8), date(2023, 2, 1))


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"<html><head><title>Index</title></head><body><nav>Home | World</nav></body></html>", id="menu"),
        pytest.param(b"<html><body></body></html>", id="blank"),
        pytest.param(b"not really html at all", id="words"),
    ],
)
def test_an_html_page_without_article_text_gives_one_error(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.htm").write_bytes(content)
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    bad, good = read_all(tmp_path)
    assert bad == InputError(str(tmp_path / "bad.htm"), "no article text found in the HTML page")
    assert isinstance(good, RawArticle)


def test_an_empty_or_binary_html_file(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"")
    (tmp_path / "b.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    empty, binary = read_all(tmp_path)
    assert isinstance(empty, InputError)
    assert "file is empty" in empty.reason
    assert isinstance(binary, InputError)
    assert "binary file" in binary.reason


def test_folders_include_html_pages(tmp_path: Path) -> None:
    (tmp_path / "page.HTM").write_bytes(PAGE.format(charset="utf-8").encode())
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    [article] = read_all(tmp_path)
    assert isinstance(article, RawArticle)
    assert article.outlet == "Lakeside Courier"
