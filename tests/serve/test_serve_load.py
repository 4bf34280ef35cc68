"""`docgen serve` under load: 200 concurrent clients and an edit storm, asserting what does not depend on speed.

The scenario is benchmarks/serve_load.py's (one home: the clients, the storm and the measurements live
there), run shorter on a small site. The latency figures (p99 under 250 ms on loopback) are the
benchmark's to print: this machine is shared, so here only a request that takes longer than the client
timeout fails the test, as a timeout.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import time
from pathlib import Path

import pytest
from serve_sites import make_site

from docgen.serve.app import ServeApp
from docgen.serve.engine import Terminal
from docgen.serve.server import EVENT_THREAD_PREFIX, IDLE_SECONDS

HARNESS = Path(__file__).resolve().parents[2] / "benchmarks" / "serve_load.py"
CLIENTS = 200
STREAMS = 40
THREADS_END_WITHIN = 3.0  # seconds after the last stream closed; the heartbeat alone would take 15 to 30


def load_harness():
    """benchmarks/serve_load.py as a module, without putting benchmarks/ on sys.path (its names are generic)."""
    spec = importlib.util.spec_from_file_location("serve_load_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def harness():
    module = load_harness()
    yield module
    sys.modules.pop("serve_load_harness", None)


def test_harness_names_match_the_server(harness) -> None:
    """The client process imports no docgen, so it keeps copies of two names; they must not drift."""
    from docgen.serve.client import EVENTS_PATH

    assert harness.EVENTS_PATH == EVENTS_PATH
    assert harness.EVENT_THREAD_PREFIX == EVENT_THREAD_PREFIX


def test_200_clients_and_an_edit_storm_lose_nothing(harness, tmp_path: Path) -> None:
    site = make_site(tmp_path / "site")
    app = ServeApp(site, port=0, terminal=Terminal(io.StringIO()))
    app.start()
    try:
        assert app.engine.wait_until_built(timeout=60)
        backlog = harness.listen_backlog(app.server.socket)
        plan = harness.plan_for(
            app, clients=CLIENTS, sse=STREAMS, seconds=6.0, storm_at=1.5, storm_edits=40, timeout=5.0
        )
        report = harness.run_load(plan)
        busy_after = _settled_busy_workers(app)
    finally:
        app.stop()
    result = report.result
    harness.print_report(report, plan)  # shown by pytest when the test fails

    lost = (len(result.failures), result.timeouts)
    assert lost == (0, 0), f"{lost[0]} failed and {lost[1]} timed out: {result.failures[:5]}"
    for kind in ("page", "asset", "reload", "sse-connect"):
        assert report.latencies(kind), f"no successful {kind} request: the scenario did not run as planned"
    assert result.edits == 40 and result.sse_reloads > 0, "the storm must reach the open tabs"
    assert result.sse_busy == 0, "40 tabs are normal use: none may be refused"

    assert report.event_threads_left == 0
    assert report.event_threads_end_s is not None and report.event_threads_end_s < THREADS_END_WITHIN
    assert busy_after == 0, "no thread may stay pinned by a client that has gone"
    if sys.platform.startswith("linux"):
        assert backlog is not None and backlog >= 128


def _settled_busy_workers(app: ServeApp) -> int:
    """Workers still serving a connection once the clients are gone (they end at once, or at the idle timeout)."""
    deadline = time.monotonic() + IDLE_SECONDS + 5
    while app.server.workers.counts()["busy"] and time.monotonic() < deadline:
        time.sleep(0.05)
    return app.server.workers.counts()["busy"]
