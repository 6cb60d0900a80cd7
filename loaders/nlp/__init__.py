"""NLP: story texts in; spaCy ``Doc``s (sentences, entities, part-of-speech tags, lemmas, dependency
parses) out, in batches.

The pipeline is the official en_core_web_sm 3.8.0, installed from the package index; nothing is
downloaded at run time. ``InlineParser`` parses in this process; ``ParserProcess`` in a second one, so
that parsing the next batch overlaps analysing and storing the last (the default of ``readout load``
on two or more cores). Both take batches with ``submit`` and give documents back with ``collect``;
``LazyParser`` starts either only at the first batch holding a text.
``blank_repeats`` is applied to a text first: each sentence counts once, however often it is repeated.

    >>> [doc] = annotate(["Wang Yi met Antony Blinken in Beijing."])  # doctest: +SKIP
"""

from loaders.nlp.annotate import InlineParser, annotate, load_pipeline
from loaders.nlp.lazy import LazyParser
from loaders.nlp.lifetime import die_with_parent
from loaders.nlp.parser_process import ParserProcess, ParserProcessError, ParserTimeoutError
from loaders.nlp.repeats import blank_repeats

__all__ = [
    "InlineParser",
    "LazyParser",
    "ParserProcess",
    "ParserProcessError",
    "ParserTimeoutError",
    "annotate",
    "blank_repeats",
    "die_with_parent",
    "load_pipeline",
]
