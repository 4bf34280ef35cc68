"""Politeness towards each host: a bounded number of requests at once and a minimum interval.

Docs link to the same few hosts hundreds of times (GitHub, the product's own
site); firing all of those at once gets a checker rate-limited or banned. Every
request passes through `HostGate.slot(host)`, which holds a per-host semaphore
and spaces request starts by the per-host interval.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager


class HostGate:
    """Per-host concurrency limit and start-to-start interval, shared by all worker threads."""

    def __init__(self, per_host: int, interval: float) -> None:
        self.interval = interval
        self._semaphores: dict[str, threading.BoundedSemaphore] = defaultdict(
            lambda: threading.BoundedSemaphore(per_host)
        )
        self._next_start: dict[str, float] = {}
        self._lock = threading.Lock()

    def _semaphore(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._semaphores[host]

    def _reserve_start(self, host: str) -> float:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self.interval
            return start - now

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        """Wait for a free slot on `host` and for its interval, then run the request."""
        semaphore = self._semaphore(host)
        with semaphore:
            wait = self._reserve_start(host)
            if wait > 0:
                time.sleep(wait)
            yield
