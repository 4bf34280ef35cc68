"""Threads that serve connections and are kept for the next one.

`docgen serve` gives every connection a thread of its own (keep-alive
connections and event streams block, and that is fine). socketserver's
ThreadingMixIn starts a new thread per connection, and `Thread.start()`
returns only once the new thread has run: that costs the accept loop two
GIL hand-overs per connection, each up to a switch interval (5 ms) while
another thread renders a page, so a burst of connections during a rebuild
was accepted a few milliseconds apiece, and every short connection paid a
thread start.

Here the accept loop only queues the connection; an idle worker takes it.
When more connections wait than workers are idle, a starter thread (never
the accept loop) starts more workers, and each new worker starts one more
while more are wanted, so a burst is met in a few rounds. A worker idle for `idle_seconds`
exits, down to `spare` workers. There is no upper bound on purpose: a
connection that waits for a free worker while all of them hold quiet
keep-alive connections would starve, so each waiting connection gets a
worker; idle connections are closed by the server's idle timeout instead.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from typing import Any

_STOP = object()


class ConnectionWorkers:
    """A growing pool of daemon threads calling `serve(*item)` for each submitted item."""

    def __init__(
        self,
        serve: Callable[..., None],
        *,
        spare: int = 8,
        idle_seconds: float = 30.0,
        name: str = "docgen-http",
    ) -> None:
        self._serve = serve
        self.spare = spare
        self.idle_seconds = idle_seconds
        self._name = name
        self._numbers = itertools.count(1)
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._lock = threading.Condition()
        self._queued = 0  # submitted, not yet taken
        self._idle = 0  # waiting for an item
        self._starting = spare  # asked for, not yet waiting (the spare ones are started at once)
        self._workers = spare  # alive, or asked for
        self._to_start = spare  # asked for, not yet started by the starter
        self._closed = False
        self._starter = threading.Thread(target=self._start_workers, name=f"{name}-starter", daemon=True)
        self._starter.start()

    def submit(self, *item: Any) -> None:
        """Queue one item; never waits for a thread to start."""
        with self._lock:
            if self._closed:
                raise RuntimeError("the workers are closed")
            self._queued += 1
            if self._queued > self._idle + self._starting:
                self._starting += 1
                self._workers += 1
                self._to_start += 1
                self._lock.notify_all()
        self._queue.put(item)

    def counts(self) -> dict[str, int]:
        """Workers alive (or starting), idle, busy, and items waiting: for tests and the load benchmark."""
        with self._lock:
            busy = self._workers - self._idle - self._starting
            return {"workers": self._workers, "idle": self._idle, "busy": busy, "queued": self._queued}

    def close(self) -> None:
        """Let every worker exit once it is done with its item; queued items that no worker took are dropped."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            workers = self._workers
            self._lock.notify_all()
        for _ in range(workers):
            self._queue.put(_STOP)

    def _start_workers(self) -> None:
        """The starter: waits for requests for workers and starts them."""
        while True:
            with self._lock:
                while not self._to_start and not self._closed:
                    self._lock.wait()
            if not self._start_one():
                return

    def _start_one(self) -> bool:
        """Start one requested worker, if any is requested; False once closed."""
        with self._lock:
            if self._closed:
                return False
            if not self._to_start:
                return True
            self._to_start -= 1
        name = f"{self._name}-{next(self._numbers)}"
        try:
            threading.Thread(target=self._work, name=name, daemon=True).start()
        except RuntimeError:  # the system refuses more threads: waiting items go to workers as they free up
            with self._lock:
                self._starting -= 1
                self._workers -= 1
        return True

    def _work(self) -> None:
        # Each new worker starts one more if more are wanted: in a burst the workers double each round,
        # where the starter alone would add one per `Thread.start()`.
        self._start_one()
        with self._lock:
            self._starting -= 1
            self._idle += 1
        while True:
            try:
                item = self._queue.get(timeout=self.idle_seconds)
            except queue.Empty:
                if self._retire():
                    return
                continue
            with self._lock:
                self._idle -= 1
                if item is _STOP:
                    self._workers -= 1
                    return
                self._queued -= 1
            try:
                self._serve(*item)
            except Exception:  # `serve` reports its own errors; a worker outlives any one item
                pass
            with self._lock:
                self._idle += 1

    def _retire(self) -> bool:
        """After `idle_seconds` without work: exit if nothing waits and more than `spare` workers are left."""
        with self._lock:
            if self._queued or self._workers <= self.spare:
                return False
            self._idle -= 1
            self._workers -= 1
            return True
