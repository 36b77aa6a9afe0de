"""A small in-process cache with a time to live and a single flight per key.

For figures that are expensive to count and may be a few minutes old (the public open figures):
when many requests miss at once, one computes and the others wait for its result instead of
each running the same count. Each web process holds its own copy: no shared store has to be up.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: dict[K, tuple[float, V]] = {}
        self._flights: dict[K, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: K, seconds: float, compute: Callable[[], V]) -> V:
        """The value kept for ``key`` if younger than ``seconds``, else ``compute()``'s, kept.
        ``seconds`` of 0 or less keeps nothing (tests and development see fresh figures)."""
        if seconds <= 0:
            return compute()
        found = self._fresh(key)
        if found is not None:
            return found[1]
        with self._guard:
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:  # the first one in computes; the others find its value when they get in
            found = self._fresh(key)
            if found is not None:
                return found[1]
            value = compute()
            with self._guard:
                self._drop_expired()
                self._entries[key] = (self._clock() + seconds, value)
            return value

    def clear(self) -> None:
        with self._guard:
            self._entries.clear()

    def _fresh(self, key: K) -> tuple[float, V] | None:
        entry = self._entries.get(key)
        return entry if entry is not None and entry[0] > self._clock() else None

    def _drop_expired(self) -> None:
        now = self._clock()
        for key in [k for k, (expires, _) in self._entries.items() if expires <= now]:
            del self._entries[key]
            self._flights.pop(key, None)
