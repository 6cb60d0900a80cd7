"""The pipeline: the stages of ``loaders`` wired together, for a load of files and folders and for
one article at a time (the HTTP API, the queue's workers).

- ``prepare``, ``prepare_batch``: the stages before spaCy (read inputs in, cleaned and dated
  articles out, those stored already left out), shared by ``readout load`` and ``--queue``;
- ``analyse``, ``date_by_shared_events``: the stages after it, for one parsed article;
- ``TimeBudget``: the seconds one article's analysis may take before it fails with one line;
- ``load_inputs``: all of them over files and folders, one transaction per article.

    >>> report = await load_inputs(session_factory, [Path("seeds/")], max_bytes=10_000_000)  # doctest: +SKIP
"""

from loaders.pipeline.analyse import WARM_UP, Offload, analyse, date_by_shared_events, reanalysis, redate, warm_up
from loaders.pipeline.budget import AnalysisOverBudgetError, TimeBudget
from loaders.pipeline.load import BATCH_SIZE, REBUILD_SOURCE, LoadReport, load_inputs
from loaders.pipeline.prepare import (
    MAX_PARSED_CHARS,
    ArticleRefusedError,
    PreparedBatch,
    prepare,
    prepare_batch,
    storing_order,
)

__all__ = [
    "BATCH_SIZE",
    "MAX_PARSED_CHARS",
    "REBUILD_SOURCE",
    "WARM_UP",
    "AnalysisOverBudgetError",
    "ArticleRefusedError",
    "LoadReport",
    "Offload",
    "PreparedBatch",
    "TimeBudget",
    "analyse",
    "date_by_shared_events",
    "load_inputs",
    "prepare",
    "prepare_batch",
    "reanalysis",
    "redate",
    "storing_order",
    "warm_up",
]
