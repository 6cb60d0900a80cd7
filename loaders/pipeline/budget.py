"""A time budget for one article's work: the seconds it may take in all, after which it fails
with one line (``AnalysisOverBudgetError``) and the load, worker or HTTP ingest goes on.

In: the budget in seconds (``Settings.analysis_budget_seconds``; None for none), the name of the work
for that line, and the synchronous, CPU-bound steps of the article (preparing it: cleaning, reading
its metadata, dating; parsing in-process, resolving, extracting), each run through ``TimeBudget.run``
in the thread that does the work. Out: each step's result, or the error once the budget is spent.

Analysis is pure Python over spaCy's documents and cannot be asked to stop politely without touching
every rule of it, nor killed without killing the process that serves the other articles. So the step's
own thread is interrupted: when the budget runs out a timer raises an exception in it
(``PyThreadState_SetAsyncExc``, CPython's way to do it), which unwinds the step at its next
bytecode. Nothing of the article has been written by then: it is stored only after its analysis.
The exception is a ``BaseException`` inside the step, so no ``except Exception`` of the analysis
swallows it; ``run`` turns it into ``AnalysisOverBudgetError``. Landing in a garbage-collector callback
or a ``__del__`` it would be dropped by the interpreter (and reported as unraisable): so it is raised
again every ``_REFIRE_SECONDS`` until the step has ended, and such drops are not reported.

    >>> budget = TimeBudget(60.0)
    >>> extraction = budget.run(analyse, article, doc)  # doctest: +SKIP
"""

from __future__ import annotations

import ctypes
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    from sys import UnraisableHookArgs

__all__ = ["AnalysisOverBudgetError", "TimeBudget", "over_budget"]

P = ParamSpec("P")
T = TypeVar("T")


class AnalysisOverBudgetError(Exception):
    """The article's preparation or analysis took longer than its budget; the message says which, and
    how long that was."""


class _Expired(BaseException):
    """Raised inside the step's thread by the timer; never seen outside ``TimeBudget.run``."""


# PyThreadState_SetAsyncExc(thread id, exception): one signature to raise, one to clear (a NULL
# exception clears the one still pending).
_raise_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)
_clear_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(
    ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
)


_REFIRE_SECONDS = 0.2
"""How soon the exception is raised again when the step goes on: an exception raised while the thread
runs a garbage-collector callback or a ``__del__`` is printed and dropped by the interpreter."""


def _ignore_dropped_expiries(
    previous: Callable[[UnraisableHookArgs], object],
) -> Callable[[UnraisableHookArgs], object]:
    def hook(unraisable: UnraisableHookArgs) -> object:
        if isinstance(unraisable.exc_value, _Expired):
            return None  # raised again by its alarm: not an error of the callback it landed in
        return previous(unraisable)

    hook.ignores_expiries = True  # type: ignore[attr-defined]  # marks the hook as installed already
    return hook


class _Alarm:
    """Raises ``_Expired`` in the thread that entered it once ``seconds`` pass, and again every
    ``_REFIRE_SECONDS`` until it has left."""

    def __init__(self, seconds: float) -> None:
        self._thread = threading.get_ident()
        self._seconds = seconds
        self._lock = threading.Lock()
        self._armed = True
        self._fired = False
        self._left = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="readout-budget", daemon=True)

    def _watch(self) -> None:
        if self._left.wait(self._seconds):
            return
        while True:
            with self._lock:
                if not self._armed:
                    return
                self._fired = True
                _raise_in(self._thread, _Expired)
            if self._left.wait(_REFIRE_SECONDS):
                return

    def __enter__(self) -> None:
        if not getattr(sys.unraisablehook, "ignores_expiries", False):
            sys.unraisablehook = _ignore_dropped_expiries(sys.unraisablehook)
        self._watcher.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._lock:
            self._armed = False
        self._left.set()
        if self._fired:
            # Fired as the step returned: the exception may still be pending; it must not surface
            # later in code that has nothing to do with this article.
            _clear_in(self._thread, None)


class TimeBudget:
    """The seconds one article's work may take, spent across the steps given to ``run``; None is no
    budget. Starts counting at the first step. ``work`` names it in the error (analysis, preparation)."""

    def __init__(self, seconds: float | None, *, work: str = "analysis") -> None:
        self.seconds = seconds
        self.work = work
        self._deadline: float | None = None

    def run(self, function: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """``function(*args, **kwargs)`` in this thread, stopped when the budget runs out."""
        if self.seconds is None:
            return function(*args, **kwargs)
        if self._deadline is None:
            self._deadline = time.monotonic() + self.seconds
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise self._spent()
        try:
            with _Alarm(remaining):
                return function(*args, **kwargs)
        except _Expired:
            raise self._spent() from None

    def _spent(self) -> AnalysisOverBudgetError:
        return AnalysisOverBudgetError(over_budget(self.work, self.seconds or 0.0))


def over_budget(step: str, seconds: float) -> str:
    """The line an article over its budget fails with: ``step`` (analysis, parsing) took too long."""
    return f"its {step} took longer than the {seconds:g} s one article may take (analysis_budget_seconds)"
