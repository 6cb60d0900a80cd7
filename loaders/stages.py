"""Time spent in each stage of a load, and a tracing span around each pass through one.

The pipeline marks its stages with ``stage("clean")``, ``stage("nlp")``, …; a mark costs nothing
unless a ``StageClock`` is running (``with clock.running():``, which ``readout load`` does). A running
clock adds up the wall-clock seconds and passes of each stage, and, given an OpenTelemetry tracer,
opens a span ``load.<stage>`` around each pass (inside whatever span is current, such as the load's
own). A stage marked inside another is traced as its child but not timed apart: the totals count
each second once, so they add up to no more than the load's time.

    >>> clock = StageClock()
    >>> with clock.running(), stage("clean"):
    ...     pass
    >>> list(clock.passes)
    ['clean']
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opentelemetry.trace import Tracer

__all__ = ["StageClock", "stage"]


@dataclass
class StageClock:
    """Seconds and passes per stage, in the order the stages were first entered; ``tracer`` (optional)
    gets a span per pass."""

    tracer: Tracer | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    passes: dict[str, int] = field(default_factory=dict)

    @contextmanager
    def running(self) -> Iterator[StageClock]:
        """Make this the clock the stages marked inside the block (and the tasks and threads started
        from it, which copy the context) report to."""
        token = _CLOCK.set(self)
        try:
            yield self
        finally:
            _CLOCK.reset(token)

    def summary(self) -> str:
        """One line: each stage's seconds and, when it ran more than once, its passes."""
        parts = [
            f"{name} {seconds:.2f} s" + (f" ({self.passes[name]}×)" if self.passes[name] > 1 else "")
            for name, seconds in self.seconds.items()
        ]
        return ", ".join(parts) if parts else "none ran"


_CLOCK: ContextVar[StageClock | None] = ContextVar("readout_stage_clock", default=None)
_IN_STAGE: ContextVar[bool] = ContextVar("readout_in_stage", default=False)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Mark the block as a pass through stage ``name`` for the running clock, if any."""
    clock = _CLOCK.get()
    if clock is None:
        yield
        return
    span = clock.tracer.start_as_current_span(f"load.{name}") if clock.tracer is not None else nullcontext()
    outermost = not _IN_STAGE.get()
    token = _IN_STAGE.set(True)
    started = time.perf_counter()
    try:
        with span:
            yield
    finally:
        _IN_STAGE.reset(token)
        if outermost:
            clock.seconds[name] = clock.seconds.get(name, 0.0) + time.perf_counter() - started
            clock.passes[name] = clock.passes.get(name, 0) + 1
