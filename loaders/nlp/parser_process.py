"""spaCy in a process of its own, so that parsing one batch overlaps analysing and storing the last.

Parsing is most of a load's work and holds the interpreter lock; a second process lets it run on
another core. The process dies with the loader, however the loader ends (even by ``kill -9``): the
kernel kills it when its parent goes (Linux's parent-death signal), and elsewhere it notices within a
second that its parent is gone, so no parser (nor multiprocessing's resource tracker) outlives a load.

Texts go in by batch; parsed ``Doc``s come back as a ``DocBin`` (tokens, tags, lemmas, morphology,
dependencies, entities), in the order the batches were sent.

    >>> with ParserProcess() as parser:  # doctest: +SKIP
    ...     ticket = parser.submit(["Wang Yi met Antony Blinken in Beijing."])
    ...     [doc] = parser.collect(ticket)
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import queue
import signal
import sys
from collections.abc import Sequence
from functools import cache
from multiprocessing.context import SpawnProcess
from types import TracebackType
from typing import TYPE_CHECKING, Self

import spacy
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from loaders.nlp.annotate import annotate

__all__ = ["ParserProcess", "ParserProcessError"]

_POLL_SECONDS = 1.0
_START_SECONDS = 120.0
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class ParserProcessError(RuntimeError):
    """The parsing process died or failed; the load cannot go on without it."""


if TYPE_CHECKING:
    from multiprocessing.queues import Queue

    _Requests = Queue[tuple[int, list[str]] | None]
    _Replies = Queue[tuple[int, bytes | str]]


def _die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux's ``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _next_request(requests: _Requests) -> tuple[int, list[str]] | None:
    """The next batch, or None when the loader says stop or is gone (checked every second)."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            return requests.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                return None


def _serve(requests: _Requests, replies: _Replies) -> None:
    """The worker's loop: ``(ticket, texts)`` in, ``(ticket, DocBin bytes)`` or ``(ticket, error)`` out."""
    _die_with_parent()
    # The queue came with both ends of its pipe; this process only reads. With its copy of the writing
    # end closed, a loader that dies halfway through sending a batch (larger than a pipe holds) ends
    # the read here with an error, instead of leaving it waiting for the rest forever.
    requests._writer.close()  # type: ignore[attr-defined]  # multiprocessing.Queue's own connection
    while (request := _next_request(requests)) is not None:
        ticket, texts = request
        try:
            replies.put((ticket, DocBin(docs=annotate(texts, batch_size=len(texts) or 1)).to_bytes()))
        except Exception as exc:  # reported to the loader, which stops with the reason
            replies.put((ticket, f"{type(exc).__name__}: {exc}"))


@cache
def _vocab() -> Vocab:
    """English lexical attributes (stop words, number shapes) without the model's weights: what the
    parsed documents need beside what the ``DocBin`` carries."""
    return spacy.blank("en").vocab


class ParserProcess:
    """A started worker that parses batches of texts in submission order."""

    def __init__(self) -> None:
        # Spawned, not forked: the loader's event loop and database threads must not be copied.
        context = multiprocessing.get_context("spawn")
        self._requests: _Requests = context.Queue()
        self._replies: _Replies = context.Queue()
        self._process: SpawnProcess = context.Process(
            target=_serve, args=(self._requests, self._replies), name="readout-parser", daemon=True
        )
        self._sent = 0
        self._received = 0

    def __enter__(self) -> Self:
        self._process.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def submit(self, texts: Sequence[str]) -> int:
        """Queue ``texts`` for parsing; the ticket to ``collect`` them by."""
        ticket = self._sent
        self._requests.put((ticket, list(texts)))
        self._sent += 1
        return ticket

    def collect(self, ticket: int) -> list[Doc]:
        """The parsed documents of ``ticket``, waiting for them; tickets are collected in order."""
        if ticket != self._received:
            raise ValueError(f"batch {ticket} asked for before batch {self._received}")
        waited = 0.0
        while True:
            try:
                answered, payload = self._replies.get(timeout=_POLL_SECONDS)
                break
            except queue.Empty:
                waited += _POLL_SECONDS
                if not self._process.is_alive():
                    stopped = f"the parsing process stopped (exit code {self._process.exitcode})"
                    raise ParserProcessError(stopped) from None
                if waited > _START_SECONDS and self._received == 0:
                    silent = "the parsing process did not answer; is the spaCy model installed?"
                    raise ParserProcessError(silent) from None
        self._received += 1
        if answered != ticket:
            raise ParserProcessError(f"the parsing process answered batch {answered} for batch {ticket}")
        if isinstance(payload, str):
            raise ParserProcessError(f"parsing failed: {payload}")
        return list(DocBin().from_bytes(payload).get_docs(_vocab()))

    def close(self) -> None:
        """Stop the worker (it finishes the batch in hand) and release its queues."""
        if self._process.is_alive():
            self._requests.put(None)
            self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._requests.close()
        self._replies.close()
