"""ConnectionWorkers on its own: every item gets a thread, threads are reused, idle ones retire."""

from __future__ import annotations

import threading
import time

from docgen.serve.workers import ConnectionWorkers


def wait_until(condition, timeout: float = 10.0) -> None:
    """Poll `condition`; the bound only keeps a broken build from hanging (the real wait is milliseconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def test_blocking_items_each_get_a_thread_of_their_own() -> None:
    """Like keep-alive connections: 40 items that all block must all run at once, none waits for another."""
    release = threading.Event()
    running: list[int] = []
    workers = ConnectionWorkers(lambda n: (running.append(n), release.wait()), spare=2)
    try:
        for number in range(40):
            workers.submit(number)
        wait_until(lambda: len(running) == 40)
        assert workers.counts()["busy"] == 40
        release.set()
        wait_until(lambda: workers.counts()["busy"] == 0)
        assert workers.counts()["queued"] == 0
    finally:
        workers.close()


def test_threads_are_reused_for_short_items() -> None:
    threads: set[int] = set()
    done = threading.Semaphore(0)
    workers = ConnectionWorkers(lambda: (threads.add(threading.get_ident()), done.release()), spare=2)
    try:
        for _ in range(200):
            workers.submit()
            assert done.acquire(timeout=10)
        assert len(threads) <= 4, "one item at a time needs no new thread per item"
    finally:
        workers.close()


def test_idle_workers_retire_down_to_the_spare_ones() -> None:
    release = threading.Event()
    workers = ConnectionWorkers(lambda: release.wait(), spare=2, idle_seconds=0.1)
    try:
        for _ in range(12):
            workers.submit()
        wait_until(lambda: workers.counts()["busy"] == 12)
        assert workers.counts()["workers"] >= 12
        release.set()
        wait_until(lambda: workers.counts()["workers"] == 2)
        assert workers.counts()["idle"] == 2
    finally:
        workers.close()


def test_a_failing_item_does_not_cost_a_worker() -> None:
    served: list[int] = []

    def serve(number: int) -> None:
        if number % 2:
            raise RuntimeError("boom")
        served.append(number)

    workers = ConnectionWorkers(serve, spare=1)
    try:
        for number in range(10):
            workers.submit(number)
        wait_until(lambda: len(served) == 5 and workers.counts()["busy"] == 0)
        assert sorted(served) == [0, 2, 4, 6, 8]
        assert workers.counts()["queued"] == 0
    finally:
        workers.close()


def test_close_ends_the_threads() -> None:
    workers = ConnectionWorkers(lambda: None, spare=3, name="workers-test")
    wait_until(lambda: workers.counts()["idle"] == 3)
    workers.close()
    workers.close()
    wait_until(lambda: not [t for t in threading.enumerate() if t.name.startswith("workers-test")])


def test_a_refused_thread_start_leaves_the_pool_working(monkeypatch) -> None:
    """When the system will not start another thread, items wait for a worker that frees up."""
    release = threading.Event()
    served: list[int] = []
    workers = ConnectionWorkers(lambda n: (release.wait(), served.append(n)), spare=1)
    try:
        wait_until(lambda: workers.counts()["idle"] == 1)
        real_start = threading.Thread.start

        def refuse(thread: threading.Thread) -> None:
            if thread.name.startswith("docgen-http-"):
                raise RuntimeError("can't start new thread")
            real_start(thread)

        monkeypatch.setattr(threading.Thread, "start", refuse)
        for number in range(3):
            workers.submit(number)
        wait_until(lambda: workers.counts()["busy"] == 1)
        release.set()
        wait_until(lambda: sorted(served) == [0, 1, 2])
        assert workers.counts() == {"workers": 1, "idle": 1, "busy": 0, "queued": 0}
    finally:
        monkeypatch.undo()
        workers.close()
