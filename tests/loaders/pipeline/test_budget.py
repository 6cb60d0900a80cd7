"""The time budget of one article's analysis: a step that runs past it is stopped with one error, in
whichever thread runs it; a step within it returns, and nothing of the budget surfaces afterwards.

No durations are asserted: the steps either finish at once or would spin for far longer than their
budget (``_spin`` gives up after a minute, so a broken budget fails the test instead of hanging it).
"""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from loaders.pipeline import AnalysisOverBudgetError, TimeBudget

_GIVE_UP_SECONDS = 60.0


def _spin(seconds: float = _GIVE_UP_SECONDS) -> str:
    """Pure Python work for ``seconds``: what a runaway analysis looks like to the interpreter."""
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pass
    return "finished"


def _spin_catching_everything() -> str:
    try:
        return _spin()
    except Exception:  # what careless analysis code might do: it must not swallow the budget
        return "swallowed"


def test_a_step_past_its_budget_fails_with_one_line() -> None:
    with pytest.raises(AnalysisOverBudgetError, match=r"longer than the 0\.2 s one article may take"):
        TimeBudget(0.2).run(_spin)


def test_an_except_exception_in_the_step_does_not_swallow_the_budget() -> None:
    with pytest.raises(AnalysisOverBudgetError):
        TimeBudget(0.2).run(_spin_catching_everything)


def _spin_dropping_the_first_interruption() -> str:
    # What a garbage-collector callback does with an exception raised in it: drops it.
    with contextlib.suppress(BaseException):
        _spin()
    return _spin()


def test_an_interruption_that_is_dropped_is_raised_again() -> None:
    with pytest.raises(AnalysisOverBudgetError):
        TimeBudget(0.2).run(_spin_dropping_the_first_interruption)


def test_the_budget_is_spent_across_the_steps_of_one_article() -> None:
    budget = TimeBudget(0.5)
    assert budget.run(_spin, 0.3) == "finished"
    with pytest.raises(AnalysisOverBudgetError):
        budget.run(_spin)
    with pytest.raises(AnalysisOverBudgetError):
        budget.run(str.upper, "spent: refused before it starts")


def test_a_step_within_its_budget_returns_and_nothing_surfaces_later() -> None:
    assert TimeBudget(0.2).run(str.upper, "quick") == "QUICK"
    assert _spin(0.5) == "finished"  # past the budget's end: no stray exception arrives


def test_a_step_in_a_worker_thread_is_stopped_there() -> None:
    # As the HTTP API and the queue's workers run analysis: in a thread of their own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(TimeBudget(0.2).run, _spin)
        with pytest.raises(AnalysisOverBudgetError):
            future.result()
        assert pool.submit(TimeBudget(0.2).run, str.upper, "the thread goes on").result() == "THE THREAD GOES ON"


def test_no_budget_runs_the_step_as_it_is() -> None:
    assert TimeBudget(None).run(_spin, 0.01) == "finished"
