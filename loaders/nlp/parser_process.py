"""spaCy in a process of its own, so that parsing one batch overlaps analysing and storing the last.

Parsing is most of a load's work and holds the interpreter lock; a second process lets it run on
another core. The process dies with the loader, however the loader ends (even by ``kill -9``): the
kernel kills it when its parent goes (Linux's parent-death signal), and elsewhere it notices within a
second that its parent is gone, so no parser (nor multiprocessing's resource tracker) outlives a load.

Texts go in by batch; parsed ``Doc``s come back as a ``DocBin`` (tokens, tags, lemmas, morphology,
dependencies, entities), in the order the batches were sent.

A batch may be given a time limit (``collect(ticket, timeout=…)``): a text that takes spaCy longer
cannot be interrupted inside its C code, so the process is killed and a fresh one started, which
parses the batches sent after that one; the caller gets ``ParserTimeoutError`` for it and decides
what to do with its texts (``loaders.pipeline`` parses them one by one, each with its own limit).

    >>> with ParserProcess() as parser:  # doctest: +SKIP
    ...     ticket = parser.submit(["Wang Yi met Antony Blinken in Beijing."])
    ...     [doc] = parser.collect(ticket)
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Sequence
from functools import cache
from multiprocessing.context import SpawnProcess
from types import TracebackType
from typing import TYPE_CHECKING, Self

import spacy
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from loaders.nlp.annotate import annotate
from loaders.nlp.lifetime import die_with_parent

__all__ = ["ParserProcess", "ParserProcessError", "ParserTimeoutError"]

_POLL_SECONDS = 1.0
_START_SECONDS = 120.0


class ParserProcessError(RuntimeError):
    """The parsing process died or failed; the load cannot go on without it."""


class ParserTimeoutError(RuntimeError):
    """A batch was not parsed within the time it was given; the process that was parsing it has been
    replaced by a fresh one, which parses the batches sent after it."""


_READY = -1  # the ticket of the request a fresh process answers once its model is loaded


if TYPE_CHECKING:
    from multiprocessing.queues import Queue

    _Requests = Queue[tuple[int, list[str]] | None]
    _Replies = Queue[tuple[int, bytes | str]]


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
    die_with_parent()
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
        self._new_process()
        self._sent = 0
        self._received = 0
        self._unanswered: dict[int, list[str]] = {}
        """Batches sent and not yet collected: sent again to a process that replaces a killed one."""

    def _new_process(self) -> None:
        # Spawned, not forked: the loader's event loop and database threads must not be copied.
        context = multiprocessing.get_context("spawn")
        self._requests: _Requests = context.Queue()
        self._replies: _Replies = context.Queue()
        self._process: SpawnProcess = context.Process(
            target=_serve, args=(self._requests, self._replies), name="readout-parser", daemon=True
        )

    def __enter__(self) -> Self:
        self._process.start()
        return self

    def wait_ready(self) -> None:
        """Return once the process has loaded its model (at most ``_START_SECONDS``), so that the time
        limit of the first batch collected is spent on parsing it."""
        self._requests.put((_READY, [""]))
        self._reply(_READY, timeout=None)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def submit(self, texts: Sequence[str]) -> int:
        """Queue ``texts`` for parsing; the ticket to ``collect`` them by."""
        ticket = self._sent
        self._unanswered[ticket] = list(texts)
        self._requests.put((ticket, self._unanswered[ticket]))
        self._sent += 1
        return ticket

    def collect(self, ticket: int, *, timeout: float | None = None) -> list[Doc]:
        """The parsed documents of ``ticket``, waiting for them; tickets are collected in order. After
        ``timeout`` seconds of waiting the process is replaced (``ParserTimeoutError``)."""
        if ticket != self._received:
            raise ValueError(f"batch {ticket} asked for before batch {self._received}")
        try:
            payload = self._reply(ticket, timeout=timeout)
        finally:
            self._received += 1
            self._unanswered.pop(ticket, None)
        return list(DocBin().from_bytes(payload).get_docs(_vocab()))

    def _reply(self, ticket: int, *, timeout: float | None) -> bytes:
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
                if timeout is not None and waited >= timeout:
                    self._replace()
                    raise ParserTimeoutError(f"parsing took longer than {timeout:g} s") from None
                if waited > _START_SECONDS and self._received == 0:
                    silent = "the parsing process did not answer; is the spaCy model installed?"
                    raise ParserProcessError(silent) from None
        if answered != ticket:
            raise ParserProcessError(f"the parsing process answered batch {answered} for batch {ticket}")
        if isinstance(payload, str):
            raise ParserProcessError(f"parsing failed: {payload}")
        return payload

    def _replace(self) -> None:
        """Kill the process (busy on the batch now given up) and start a fresh one, ready, with the
        batches sent after that one."""
        self._process.kill()
        self._process.join()
        self._close_queues()
        self._new_process()
        self._process.start()
        self.wait_ready()
        for ticket in sorted(self._unanswered):
            if ticket > self._received:
                self._requests.put((ticket, self._unanswered[ticket]))

    def _close_queues(self) -> None:
        # A killed reader leaves the queue's feeder thread unable to finish writing: do not wait for it.
        self._requests.cancel_join_thread()
        self._requests.close()
        self._replies.close()

    def close(self) -> None:
        """Stop the worker (it finishes the batch in hand) and release its queues."""
        if self._process.is_alive():
            self._requests.put(None)
            self._process.join(timeout=30)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._close_queues()
