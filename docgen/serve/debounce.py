"""Turn a burst of file events into one rebuild.

One save is several events (write, close, sometimes a rename from a temp
file) a few milliseconds apart; a branch switch is a thousand events over a
second or two with short gaps. The quiet period therefore grows with the
size of the burst: a lone save is flushed after `quiet` seconds, a big burst
only after `burst_quiet` seconds of silence, and nothing waits longer than
`max_wait` after its first event (so a process that never stops writing
cannot starve the rebuilds). The logic takes the time as an argument so it
can be tested with a fake clock; `DebounceThread` drives it in real time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class Debouncer(Generic[T]):
    """Collects items; `take(now)` returns the batch once it is due."""

    def __init__(
        self, quiet: float = 0.03, burst_quiet: float = 0.3, burst_size: int = 20, max_wait: float = 5.0
    ) -> None:
        self.quiet = quiet
        self.burst_quiet = burst_quiet
        self.burst_size = burst_size
        self.max_wait = max_wait
        self._items: dict[T, None] = {}
        self._events = 0
        self._first: float | None = None
        self._last: float | None = None

    def add(self, item: T, now: float) -> None:
        if self._first is None:
            self._first = now
        self._last = now
        self._events += 1
        self._items[item] = None

    def _quiet_needed(self) -> float:
        return self.burst_quiet if self._events >= self.burst_size else self.quiet

    def due_in(self, now: float) -> float | None:
        """Seconds until the batch is due (<= 0: due now); None when nothing waits."""
        if self._first is None or self._last is None:
            return None
        by_quiet = self._last + self._quiet_needed() - now
        by_cap = self._first + self.max_wait - now
        return min(by_quiet, by_cap)

    def take(self, now: float) -> list[T] | None:
        """The batch in first-seen order if due at `now`, else None."""
        wait = self.due_in(now)
        if wait is None or wait > 0:
            return None
        batch = list(self._items)
        self._items.clear()
        self._events = 0
        self._first = self._last = None
        return batch


class DebounceThread(Generic[T]):
    """Runs a Debouncer on a thread and calls `flush(batch)` for each due batch.

    Flushes run one at a time on this thread, so a rebuild never overlaps the
    next one; events arriving meanwhile simply wait for the next batch.
    """

    def __init__(
        self,
        flush: Callable[[list[T]], None],
        debouncer: Debouncer[T] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._flush = flush
        self._debouncer = debouncer or Debouncer()
        self._clock = clock
        self._wake = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="docgen-debounce", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def add(self, item: T) -> None:
        with self._wake:
            self._debouncer.add(item, self._clock())
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._wake.notify()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._wake:
                batch = None
                while batch is None and not self._stopped:
                    wait = self._debouncer.due_in(self._clock())
                    if wait is not None and wait <= 0:
                        batch = self._debouncer.take(self._clock())
                    else:
                        self._wake.wait(timeout=wait)
                if self._stopped or batch is None:  # batch is None only when stopped
                    return
            self._flush(batch)
