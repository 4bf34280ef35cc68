"""Time one command as a fresh process tree: wall seconds, CPU seconds, peak memory of the whole tree.

Method (Linux):

- **wall**: `time.perf_counter()` from just before the process is spawned until it is reaped;
  interpreter start-up and imports are included, as a user waiting for the command sees them.
- **CPU**: user + system seconds from `os.wait4` of the child, which include every descendant
  it waited for (docgen's forked workers, Hugo's threads).
- **peak RSS (tree)**: while the command runs, the sampler reads the resident set of the child and
  of all its descendants from `/proc/<pid>/statm` every `interval` seconds (20 ms) and keeps the
  largest *sum*; the list of descendants is refreshed from `/proc/*/stat` every fifth sample.
  A forked worker's pages shared copy-on-write with its parent are counted in both, so for a
  multi-process build this is an upper bound of the memory used. The result is raised to at least
  the largest `VmHWM` (the kernel's own peak RSS of one process, from `/proc/<pid>/status`, read
  with the tree refresh) seen in any process of the tree, so a spike between two samples in a
  single process is not lost (except in its last 100 ms of life).
- **peak PSS (tree)**: the same sum of proportional set sizes (`/proc/<pid>/smaps_rollup`: a page
  shared by k processes counts 1/k in each), sampled every `pss_interval` (200 ms, because reading
  smaps costs milliseconds for a large process). It is the tree's real footprint, shared pages
  counted once; being sampled less often it can miss a short peak.

`ru_maxrss` (from getrusage(RUSAGE_CHILDREN) or wait4) is not used: it is the largest single
process, not the sum of the processes alive together, and Linux carries the *spawning* process's
peak into it across fork/vfork + exec, so a harness holding 50 MB reports at least 50 MB for
every command it starts.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass
class Run:
    """What one command cost."""

    wall: float
    cpu: float
    peak_rss: int  # bytes, the tree's sum (see module docstring)
    peak_pss: int  # bytes, 0 when /proc/<pid>/smaps_rollup is not readable
    status: int
    timed_out: bool = False
    samples: int = 0


def _descendants(root: int) -> list[int]:
    """`root` and every process below it, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields start after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, ()))
    return tree


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _hwm(pid: int) -> int:
    """The process's own peak resident set (`VmHWM`), bytes; 0 when gone."""
    try:
        with open(f"/proc/{pid}/status", "rb") as handle:
            for line in handle:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run(
    command: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
    log: Path | None = None,
    interval: float = 0.02,
    pss_interval: float = 0.2,
) -> Run:
    """Run `command` to completion (its output goes to `log`, else is discarded) and measure it."""
    output = open(log, "ab") if log is not None else subprocess.DEVNULL  # noqa: SIM115 - closed below
    try:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        peak_rss = peak_pss = peak_single = samples = 0
        tree = [process.pid]
        last_pss = -pss_interval
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if timeout is not None and now - started > timeout:
                os.killpg(process.pid, signal.SIGKILL)  # our own session: the command and its children only
                timed_out = True
                _pid, status, usage = os.wait4(process.pid, 0)
                break
            if samples % 5 == 0:
                tree = _descendants(process.pid)
                peak_single = max(peak_single, *(_hwm(member) for member in tree))
            peak_rss = max(peak_rss, sum(_rss(member) for member in tree))
            if now - last_pss >= pss_interval:
                peak_pss = max(peak_pss, sum(_pss(member) for member in tree))
                last_pss = now
            samples += 1
            time.sleep(interval)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, tell Popen
    finally:
        if log is not None:
            output.close()
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss=max(peak_rss, peak_single),
        peak_pss=peak_pss,
        status=process.returncode,
        timed_out=timed_out,
        samples=samples,
    )
