"""The debouncer, driven by a fake clock."""

from __future__ import annotations

import threading

from docgen.serve.debounce import Debouncer, DebounceThread


def test_single_save_flushes_after_quiet_period() -> None:
    deb: Debouncer[str] = Debouncer(quiet=0.03, burst_quiet=0.3, burst_size=20, max_wait=5)
    deb.add("a.md", now=10.0)
    deb.add("a.md", now=10.005)
    assert deb.take(now=10.02) is None
    assert deb.take(now=10.035) == ["a.md"]
    assert deb.take(now=11.0) is None
    assert deb.due_in(now=11.0) is None


def test_branch_switch_of_1000_files_is_one_batch() -> None:
    deb: Debouncer[str] = Debouncer(quiet=0.03, burst_quiet=0.3, burst_size=20, max_wait=5)
    now = 0.0
    batches = []
    for index in range(1000):
        deb.add(f"page{index}.md", now)
        # git pauses now and then for longer than a single save's quiet period
        now += 0.1 if index % 100 == 99 else 0.001
        batch = deb.take(now)
        if batch:
            batches.append(batch)
    while (batch := deb.take(now)) is None:
        now += 0.01
    batches.append(batch)
    assert len(batches) == 1
    assert len(batches[0]) == 1000
    assert batches[0][0] == "page0.md"


def test_max_wait_caps_a_never_ending_burst() -> None:
    deb: Debouncer[int] = Debouncer(quiet=0.03, burst_quiet=0.3, burst_size=5, max_wait=1.0)
    now = 0.0
    flushed_at = None
    for index in range(1000):
        deb.add(index, now)
        now += 0.01
        if deb.take(now) is not None:
            flushed_at = now
            break
    assert flushed_at is not None and 1.0 <= flushed_at < 1.05


def test_duplicates_are_merged_in_first_seen_order() -> None:
    deb: Debouncer[str] = Debouncer(quiet=0.01)
    for name in ["b", "a", "b", "c", "a"]:
        deb.add(name, 0.0)
    assert deb.take(1.0) == ["b", "a", "c"]


def test_thread_flushes_with_fake_clock() -> None:
    clock = [0.0]
    flushed: list[list[str]] = []
    done = threading.Event()

    def flush(batch: list[str]) -> None:
        flushed.append(batch)
        done.set()

    runner: DebounceThread[str] = DebounceThread(flush, Debouncer(quiet=0.05), clock=lambda: clock[0])
    runner.start()
    runner.add("x")
    runner.add("y")
    assert not done.wait(0.1)  # the fake clock has not moved: nothing is due
    clock[0] = 1.0
    runner.add("z")  # wakes the thread; the batch is due 0.05 later on the fake clock
    clock[0] = 2.0
    runner.add("w")
    assert not done.wait(0.1)
    clock[0] = 3.0
    with runner._wake:
        runner._wake.notify()
    assert done.wait(2)
    runner.stop()
    assert flushed == [["x", "y", "z", "w"]]
