"""The progress of ``readout load``: on a terminal, a bar over the inputs counted beforehand; anywhere
else (a log, a pipe, CI), a plain line every ``EVERY`` inputs and one at the end, so a long load
shows its work wherever its output goes.

    >>> with LoadProgress(console, total=250) as progress:  # doctest: +SKIP
    ...     progress.advance()
    loading: 100 of 250 inputs done
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

__all__ = ["EVERY", "LoadProgress"]

EVERY = 100


class LoadProgress:
    """Counts the inputs a load has been through, out of ``total``, and shows it on ``console``."""

    def __init__(self, console: Console, total: int) -> None:
        self.console = console
        self.total = total
        self.done = 0
        self._started = time.monotonic()
        self._bar: Progress | None = None
        if console.is_terminal:
            columns = (
                TextColumn("loading"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
            )
            self._bar = Progress(*columns, console=console, transient=True)
            self._task = self._bar.add_task("load", total=total)

    def __enter__(self) -> Self:
        if self._bar is not None:
            self._bar.start()
        else:
            self.console.print(f"loading: {self.total} input(s) to go through", highlight=False)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self.done % EVERY:
            self._line()

    def advance(self, *_item: object) -> None:
        """One more input done (the pipeline's ``on_item``)."""
        self.done += 1
        if self._bar is not None:
            self._bar.advance(self._task)
        elif self.done % EVERY == 0:
            self._line()

    def _line(self) -> None:
        elapsed = time.monotonic() - self._started
        self.console.print(f"loading: {self.done} of {self.total} inputs done ({elapsed:.0f} s)", highlight=False)
