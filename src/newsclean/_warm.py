"""Warm-up for the forkserver: imported once there (``runner._Cleaner.preload``), before any
worker forks from it.

Cleaning one tiny page loads every default stage's data files, compiles its patterns and fills
its caches in the forkserver, so each worker inherits them (shared, copy-on-write) instead of
paying ~60 ms of CPU for its own warm-up (measured: ``import newsclean`` then one warm-up page,
in a fresh process on the 2-core development machine). A failure here only costs that time
back: the worker warms up again on its own.
"""

from __future__ import annotations

import contextlib

from .core import clean
from .runner import _WARMUP

with contextlib.suppress(Exception):
    clean(_WARMUP)
