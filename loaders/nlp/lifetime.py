"""A child process that must not outlive its parent: the spaCy parser of a load, each process of
``readout worker --concurrency N``.

In: nothing (called first thing in the child). Out: on Linux, the kernel asked to send this process
SIGKILL when its parent dies (``PR_SET_PDEATHSIG``), however the parent ends, ``kill -9`` included;
elsewhere nothing, and the caller watches its parent itself.

    >>> die_with_parent()  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import signal
import sys

__all__ = ["die_with_parent"]

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux's ``PR_SET_PDEATHSIG``)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
