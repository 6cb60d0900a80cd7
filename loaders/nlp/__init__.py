"""NLP: story texts in; spaCy ``Doc``s (sentences, entities, part-of-speech tags, lemmas, dependency
parses) out, in batches.

The pipeline is the official en_core_web_sm 3.8.0, installed from the package index; nothing is
downloaded at run time. ``InlineParser`` parses in this process; ``ParserProcess`` in a second one, so
that parsing the next batch overlaps analysing and storing the last (the default of ``readout load``
on two or more cores). Both take batches with ``submit`` and give documents back with ``collect``.

    >>> [doc] = annotate(["Wang Yi met Antony Blinken in Beijing."])  # doctest: +SKIP
"""

from loaders.nlp.annotate import InlineParser, annotate, load_pipeline
from loaders.nlp.parser_process import ParserProcess, ParserProcessError

__all__ = ["InlineParser", "ParserProcess", "ParserProcessError", "annotate", "load_pipeline"]
