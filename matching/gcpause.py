"""Pause Python's cyclic garbage collector while a solve builds its objects.

A 10k problem is a few hundred thousand small objects (people, languages, skills), and its result
as many again (matches, reasons, parameters); each collection of the oldest generation walks all
of them, and allocating that many triggers one again and again — a fifth of a 10k CLI run. The
engine makes no reference cycles worth collecting in between, so the CLI — a one-shot process —
pauses the collector for its whole run (reference counting frees everything as usual meanwhile).
``solve()`` does not: the switch is process-wide, and the web app and its workers run other threads
beside a solve, whose collector one thread must not turn off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off; it is switched on again only if it was on."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
