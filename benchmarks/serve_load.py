"""`docgen serve` under load: many concurrent clients and an edit storm.

    python benchmarks/serve_load.py [--clients 200] [--sse 40] [--seconds 20] [--site generated|corpus]

The server runs in this process (`ServeApp`, exactly what `docgen serve` runs) on a scratch copy of the
site, since the storm edits it. The clients run in a child process on one asyncio loop, so that neither
the clients' threads nor their share of the GIL distort the server's latencies. All clients start at the
same moment (the connection burst that a small listen backlog drops) and then, until the end of the run:

- page clients (half of the non-SSE clients) GET a random page and then its stylesheet and script over one
  keep-alive connection, as a browser does, then think for a random 0.1-0.5 s;
- asset clients GET a random asset (stylesheet, script, image) on a new connection each time
  (``Connection: close``), then think likewise;
- SSE subscribers (``--sse`` of the clients) hold ``/__docgen/events`` for a page the storm edits and,
  on each ``reload`` event, do what the injected script does: close the stream, GET the page again (timed
  as "reload"), open a new stream.

From ``--storm-at`` seconds on, the storm saves ``--storm-edits`` files ``--storm-interval`` apart: page
bodies, a partial, and every tenth edit a page title (which makes every page of the version stale, so
requests then render their page on demand). A request fails if it raises, times out (``--timeout``), gets
a status other than 200, or a page without its closing ``</html>``.

Printed: latency p50/p95/p99/max per request kind, overall, and by phase (the opening burst, the storm
and a second after it, the rest), requests per second and the server's CPU time, failures and timeouts,
the server's thread count (most seen, sampled every 10 ms; event-stream threads apart), how long the
event-stream threads lived on after the clients closed their streams, and how late the client's own loop
woke (on a busy machine that lag is part of every latency). The machine's load average is printed too:
on a shared machine, compare runs only at similar loads. The targets: zero failed
requests and p99 under 250 ms on loopback. tests/serve/test_serve_load.py runs the same scenario, shorter,
and asserts what does not depend on the machine's speed.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import random
import re
import resource
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

TARGET_P99_MS = 250.0
TCP_LISTEN = 10  # tcp_info.tcpi_state of a listening socket (linux/tcp_states.h)
BURST_SECONDS = 1.0  # the opening phase, reported apart: every client connects at once
EVENTS_PATH = "/__docgen/events"  # docgen.serve.client.EVENTS_PATH; the client process imports no docgen
EVENT_THREAD_PREFIX = "docgen-events"  # docgen.serve.server.EVENT_THREAD_PREFIX, likewise


# ---- the plan: what the client process does ------------------------------------------------------


@dataclass
class StormEdit:
    """One file of the storm and how to edit it (``body``: append a paragraph; ``title``: change the title)."""

    path: str
    kind: str = "body"


@dataclass
class LoadPlan:
    host: str
    port: int
    pages: list[str]
    assets: list[str]
    watched: list[str]  # pages the SSE subscribers show (pages the storm edits)
    clients: int = 200
    sse: int = 40
    seconds: float = 20.0
    think: tuple[float, float] = (0.1, 0.5)
    timeout: float = 10.0
    storm: list[StormEdit] = field(default_factory=list)
    storm_at: float = 3.0
    storm_edits: int = 60
    storm_interval: float = 0.05
    seed: int = 1


@dataclass
class ClientResult:
    """What the client process saw: by request kind, (start time, latency in ms) of each good request."""

    latencies: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    timeouts: int = 0
    connections: int = 0
    sse_streams: int = 0
    sse_reloads: int = 0
    sse_busy: int = 0
    edits: int = 0
    started_at: float = 0.0
    storm_started_at: float = 0.0
    storm_ended_at: float = 0.0
    sse_closed_at: float = 0.0
    loop_lag: list[float] = field(default_factory=list)  # ms the client loop woke late (its own share of latency)
    ended_at: float = 0.0

    def record(self, kind: str, started: float) -> None:
        self.latencies.setdefault(kind, []).append((started, (time.monotonic() - started) * 1000))


class ProtocolError(Exception):
    """The server answered something a browser would not accept."""


# ---- a minimal HTTP/1.1 client on asyncio streams ------------------------------------------------


class Connection:
    """One keep-alive connection; reopened when the server closes it (as HTTP/1.0 servers do)."""

    def __init__(self, plan: LoadPlan, result: ClientResult) -> None:
        self.plan = plan
        self.result = result
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.plan.host, self.plan.port)
        self.result.connections += 1

    async def get(self, path: str, *, keep_alive: bool = True) -> tuple[int, dict[str, str], bytes]:
        """One GET; the connection stays open only if both sides want it."""
        if self.writer is None:
            await self.open()
        assert self.reader is not None and self.writer is not None
        connection = "keep-alive" if keep_alive else "close"
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.plan.host}\r\nConnection: {connection}\r\n\r\n".encode())
        await self.writer.drain()
        status, version, headers = await read_head(self.reader)
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        else:
            body = await self.reader.read()
        closes = headers.get("connection", "").lower() == "close" or version == "HTTP/1.0" or not keep_alive
        if closes:
            self.close()
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def read_head(reader: asyncio.StreamReader) -> tuple[int, str, dict[str, str]]:
    """Status line and headers (lower-cased names)."""
    line = await reader.readline()
    if not line:
        raise ProtocolError("connection closed before a response")
    parts = line.decode("latin-1").split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise ProtocolError(f"bad status line {line!r}")
    headers: dict[str, str] = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n"):
            return int(parts[1]), parts[0], headers
        if not line:
            raise ProtocolError("connection closed inside the headers")
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()


# ---- the clients ---------------------------------------------------------------------------------


async def timed(result: ClientResult, plan: LoadPlan, kind: str, connection: Connection, path: str, **kw) -> bool:
    """One checked request; False (and the connection dropped) when it failed."""
    started = time.monotonic()
    try:
        status, _, body = await asyncio.wait_for(connection.get(path, **kw), plan.timeout)
    except TimeoutError:
        result.timeouts += 1
        connection.close()
        return False
    except (OSError, ProtocolError, asyncio.IncompleteReadError, ValueError) as error:
        result.failures.append(f"{kind} {path}: {type(error).__name__}: {error}")
        connection.close()
        return False
    if status != 200 or (kind in ("page", "reload") and b"</html>" not in body[-64:]):
        result.failures.append(f"{kind} {path}: status {status}, {len(body)} bytes")
        connection.close()
        return False
    result.record(kind, started)
    return True


async def page_client(plan: LoadPlan, result: ClientResult, rng: random.Random, deadline: float) -> None:
    """A browser tab clicking through pages: the page, then its stylesheet and script, one connection."""
    connection = Connection(plan, result)
    styles = [a for a in plan.assets if a.endswith((".css", ".js"))]
    while time.monotonic() < deadline:
        if await timed(result, plan, "page", connection, rng.choice(plan.pages)):
            for asset in styles:
                if not await timed(result, plan, "asset", connection, asset):
                    break
        await asyncio.sleep(rng.uniform(*plan.think))
    connection.close()


async def asset_client(plan: LoadPlan, result: ClientResult, rng: random.Random, deadline: float) -> None:
    """Assets on a new connection each (the accept path and the listen backlog get exercised)."""
    while time.monotonic() < deadline:
        await timed(result, plan, "asset", Connection(plan, result), rng.choice(plan.assets), keep_alive=False)
        await asyncio.sleep(rng.uniform(*plan.think))


async def sse_client(plan: LoadPlan, result: ClientResult, page: str, closed: asyncio.Event) -> None:
    """A tab's EventSource; on reload it closes, refetches its page and reconnects, as the injected script does.

    It holds its stream until `closed` is set (the end of the run), then closes it.
    """
    while not closed.is_set():
        stream = Connection(plan, result)
        started = time.monotonic()
        try:
            await asyncio.wait_for(stream.open(), plan.timeout)
            assert stream.reader is not None and stream.writer is not None
            stream.writer.write(f"GET {EVENTS_PATH}?url={page} HTTP/1.1\r\nHost: {plan.host}\r\n\r\n".encode())
            status, _, headers = await asyncio.wait_for(read_head(stream.reader), plan.timeout)
            if status != 200 or not headers.get("content-type", "").startswith("text/event-stream"):
                raise ProtocolError(f"event stream answered {status} {headers.get('content-type')}")
            result.record("sse-connect", started)
            result.sse_streams += 1
            reloaded = await read_events(stream.reader, result, closed)
        except TimeoutError:
            result.timeouts += 1
            reloaded = False
        except (OSError, ProtocolError, asyncio.IncompleteReadError) as error:
            result.failures.append(f"sse {page}: {type(error).__name__}: {error}")
            reloaded = False
        finally:
            stream.close()
        if reloaded:
            await timed(result, plan, "reload", Connection(plan, result), page, keep_alive=False)
        elif not closed.is_set():
            await asyncio.sleep(0.5)  # the stream ended without a reload: the EventSource retry delay


async def read_events(reader: asyncio.StreamReader, result: ClientResult, closed: asyncio.Event) -> bool:
    """Read the stream until a reload (True) or the end of the run (False)."""
    closing = asyncio.ensure_future(closed.wait())
    try:
        while True:
            reading = asyncio.ensure_future(reader.readline())
            await asyncio.wait({reading, closing}, return_when=asyncio.FIRST_COMPLETED)
            if not reading.done():
                reading.cancel()
                return False
            line = reading.result()
            if not line:
                raise ProtocolError("event stream ended by the server")
            if line == b"event: busy\n":
                result.sse_busy += 1
            elif line == b"event: reload\n":
                result.sse_reloads += 1
                return True
    finally:
        closing.cancel()


def run_storm(plan: LoadPlan, result: ClientResult, start: float) -> None:
    """Save the storm's files in quick succession (a thread: file writes block)."""
    time.sleep(max(0.0, start + plan.storm_at - time.monotonic()))
    originals = {edit.path: Path(edit.path).read_text(encoding="utf-8") for edit in plan.storm}
    result.storm_started_at = time.monotonic()
    for number in range(plan.storm_edits):
        edit = plan.storm[number % len(plan.storm)]
        text = originals[edit.path]
        if edit.kind == "title":
            text = re.sub(r"^title: (.*)$", rf"title: \1 (storm {number})", text, count=1, flags=re.M)
        else:
            text += f"\n\nStorm edit {number}.\n"
        Path(edit.path).write_text(text, encoding="utf-8")
        result.edits += 1
        time.sleep(plan.storm_interval)
    result.storm_ended_at = time.monotonic()


async def measure_loop_lag(result: ClientResult, deadline: float, tick: float = 0.01) -> None:
    """How late the client's own loop wakes: a busy client (or machine) adds that much to every latency."""
    while time.monotonic() < deadline:
        asked = time.monotonic()
        await asyncio.sleep(tick)
        result.loop_lag.append((time.monotonic() - asked - tick) * 1000)


async def run_clients(plan: LoadPlan) -> ClientResult:
    result = ClientResult()
    rng = random.Random(plan.seed)
    start = result.started_at = time.monotonic()
    deadline = start + plan.seconds
    storm = threading.Thread(target=run_storm, args=(plan, result, start), daemon=True)
    if plan.storm and plan.storm_edits:
        storm.start()
    closed = asyncio.Event()
    streams = [
        asyncio.create_task(sse_client(plan, result, plan.watched[n % len(plan.watched)], closed))
        for n in range(plan.sse)
    ]
    others = []
    for n in range(plan.clients - plan.sse):
        client = page_client if n % 2 == 0 else asset_client
        others.append(asyncio.create_task(client(plan, result, random.Random(rng.random()), deadline)))
    lag = asyncio.create_task(measure_loop_lag(result, deadline))
    await asyncio.sleep(plan.seconds)
    await lag
    closed.set()
    await asyncio.gather(*streams)
    result.sse_closed_at = time.monotonic()  # the last event stream has just been closed
    await asyncio.gather(*others)
    if storm.is_alive():
        storm.join()
    result.ended_at = time.monotonic()
    return result


def client_process_main() -> int:
    """Entry point of the child process: plan as JSON on stdin, result as JSON on stdout."""
    raw = json.load(sys.stdin)
    raw["storm"] = [StormEdit(**edit) for edit in raw["storm"]]
    raw["think"] = tuple(raw["think"])
    result = asyncio.run(run_clients(LoadPlan(**raw)))
    json.dump(asdict(result), sys.stdout)
    return 0


# ---- the server side: run a plan against a running app and measure ---------------------------------


@dataclass
class ThreadSample:
    at: float
    threads: int
    event_threads: int


class ThreadSampler:
    """Samples the server process's thread counts every `interval` seconds on a thread of its own."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.samples: list[ThreadSample] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="serve-load-sampler", daemon=True)

    def start(self) -> ThreadSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(ThreadSample(time.monotonic(), *thread_counts()))
            self._stop.wait(self.interval)


def thread_counts() -> tuple[int, int]:
    """Threads of this process, and how many of them serve an event stream."""
    threads = threading.enumerate()
    return len(threads), sum(1 for t in threads if t.name.startswith(EVENT_THREAD_PREFIX))


@dataclass
class LoadReport:
    """The run's figures; latencies in milliseconds."""

    result: ClientResult
    samples: list[ThreadSample]
    threads_before: int
    event_threads_left: int
    event_threads_end_s: float | None  # after the last stream closed, until no event-stream thread was left
    server_cpu_s: float = 0.0  # CPU time of this (the server's) process during the run
    load_average: float = 0.0  # the machine's 1-minute load average at the end (it is shared)

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.result.latencies.values())

    @property
    def failed(self) -> int:
        return len(self.result.failures) + self.result.timeouts

    def latencies(self, kind: str | None = None, phase: str | None = None) -> list[float]:
        """Sorted latencies of one kind (None: every request but stream connects), in one phase or all."""
        kinds = [kind] if kind is not None else [k for k in self.result.latencies if k != "sse-connect"]
        return sorted(
            ms for k in kinds for at, ms in self.result.latencies.get(k, []) if phase is None or self.phase(at) == phase
        )

    def phase(self, at: float) -> str | None:
        """When a request started: in the opening burst, in the storm (and a second after), or calm."""
        result = self.result
        if at < result.started_at + BURST_SECONDS:
            return "burst"
        if result.storm_started_at and result.storm_started_at <= at <= result.storm_ended_at + 1.0:
            return "storm"
        return "calm"

    def max_threads(self) -> int:
        return max((s.threads for s in self.samples), default=0)

    def max_event_threads(self) -> int:
        return max((s.event_threads for s in self.samples), default=0)


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def run_load(plan: LoadPlan, *, drain_timeout: float = 30.0) -> LoadReport:
    """Run `plan` from a child process against the server listening at plan.host:plan.port (in this process)."""
    threads_before = thread_counts()[0]
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    sampler = ThreadSampler().start()
    payload = asdict(plan)
    process = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--client-process"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=plan.seconds + 4 * plan.timeout + 60,
        check=False,
    )
    if process.returncode != 0:
        sampler.stop()
        raise RuntimeError(f"client process failed ({process.returncode}):\n{process.stderr}")
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    result = ClientResult(**json.loads(process.stdout))
    deadline = time.monotonic() + drain_timeout
    while thread_counts()[1] and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)  # one more sample after the last stream thread ended
    sampler.stop()
    last_alive = max((s.at for s in sampler.samples if s.event_threads), default=None)
    end = None if last_alive is None else max(0.0, last_alive - result.sse_closed_at)
    return LoadReport(result, sampler.samples, threads_before, thread_counts()[1], end, cpu, os.getloadavg()[0])


def listen_backlog(sock: socket.socket) -> int | None:
    """The accept-queue length the kernel applies to a listening socket (Linux; None elsewhere).

    `listen(n)` is capped silently at net.core.somaxconn, so the value asked for proves nothing; for a
    socket in the LISTEN state the kernel reports the one in force as ``tcpi_sacked`` of TCP_INFO.
    """
    if not sys.platform.startswith("linux"):
        return None
    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
    state, *_, max_backlog = struct.unpack_from("=B7x6I", info)
    return max_backlog if state == TCP_LISTEN else None


def plan_for(app, **options) -> LoadPlan:
    """A plan for a running `ServeApp`: its pages, the assets of one page, storm targets that tabs watch."""
    host, port = app.server.server_address[:2]
    session = app.session
    urls = session.page_urls()
    rng = random.Random(options.get("seed", 1))
    watched = rng.sample(urls, min(len(urls), 8))
    # ten files a round: the watched pages' bodies, a partial, and one title (the whole version goes stale)
    storm = [StormEdit(str(session.page_source(url))) for url in watched]
    partials = sorted(session.config.partials_dir.rglob("*.md"))
    storm += [StormEdit(str(path)) for path in partials[:1]]
    storm.append(StormEdit(str(session.page_source(watched[-1])), "title"))
    plan = LoadPlan(
        host=host,
        port=port,
        pages=urls,
        assets=assets_of(app, urls[0]),
        watched=watched,
        storm=storm,
        **options,
    )
    return plan


def assets_of(app, url: str) -> list[str]:
    """Same-origin stylesheets, scripts and images a page links (what a browser fetches with it)."""
    host, port = app.server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as raw:
        raw.sendall(f"GET {url} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := raw.recv(65536):
            chunks.append(chunk)
    html = b"".join(chunks).decode("utf-8", errors="replace")
    found = re.findall(r'(?:href|src)="(/[^"#?]+\.(?:css|js|png|jpe?g|webp|svg))"', html)
    return sorted(set(found))


def print_report(report: LoadReport, plan: LoadPlan) -> bool:
    result = report.result
    seconds = result.ended_at - result.started_at
    print(f"  {plan.clients} clients ({plan.sse} event streams), {seconds:.1f} s, {result.edits} edits in the storm")
    print(
        f"  {report.requests} requests ({report.requests / seconds:.0f}/s), {result.connections} connections; "
        f"server CPU {report.server_cpu_s:.1f} s ({report.server_cpu_s / seconds:.0%} of a core, "
        f"{report.server_cpu_s / max(1, report.requests) * 1e6:.0f} µs a request); load average {report.load_average:.1f}"
    )
    for kind in ("page", "asset", "reload", "sse-connect", None):
        values = report.latencies(kind)
        if not values:
            continue
        label = kind or "all requests"
        print(
            f"    {label:<13} p50 {percentile(values, 0.5):7.1f}  p95 {percentile(values, 0.95):7.1f}  "
            f"p99 {percentile(values, 0.99):7.1f}  max {values[-1]:7.1f} ms  (n={len(values)})"
        )
    for phase, label in (("burst", f"first {BURST_SECONDS:.0f} s"), ("storm", "edit storm"), ("calm", "the rest")):
        values = report.latencies(phase=phase)
        if values:
            print(
                f"    {label:<13} p50 {percentile(values, 0.5):7.1f}  p95 {percentile(values, 0.95):7.1f}  "
                f"p99 {percentile(values, 0.99):7.1f}  max {values[-1]:7.1f} ms  (n={len(values)})"
            )
    lag = sorted(result.loop_lag)
    if lag:
        print(
            f"    (the client loop itself woke late by p50 {percentile(lag, 0.5):.1f}, p99 {percentile(lag, 0.99):.1f}, "
            f"max {lag[-1]:.1f} ms: part of every figure above)"
        )
    print(f"  failures {len(result.failures)}, timeouts {result.timeouts}")
    for failure in result.failures[:10]:
        print(f"    {failure}")
    print(
        f"  event streams: {result.sse_streams} opened, {result.sse_reloads} reloads received, "
        f"{result.sse_busy} told busy"
    )
    print(
        f"  server threads: {report.threads_before} before, at most {report.max_threads()} "
        f"(at most {report.max_event_threads()} on event streams)"
    )
    ended = "never" if report.event_threads_end_s is None else f"{report.event_threads_end_s * 1000:.0f} ms"
    print(f"  event-stream threads left {report.event_threads_left}; all ended {ended} after their clients closed")
    p99 = percentile(report.latencies(), 0.99)
    ok = report.failed == 0 and p99 < TARGET_P99_MS and report.event_threads_left == 0
    print(f"  p99 {p99:.1f} ms vs target {TARGET_P99_MS:.0f} ms, zero failures: {'OK' if ok else 'NOT MET'}")
    return ok


def main() -> int:
    if "--client-process" in sys.argv:
        return client_process_main()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--sse", type=int, default=40)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--storm-at", type=float, default=3.0)
    parser.add_argument("--storm-edits", type=int, default=60)
    parser.add_argument("--storm-interval", type=float, default=0.05)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--site", choices=("generated", "corpus"), default="generated")
    parser.add_argument("--pages", type=int, default=300, help="pages of the generated site")
    args = parser.parse_args()

    from sitegen import CORPUS, CORPUS_CONFIG, SiteShape, write_docgen_site  # a sibling when run as a script

    from docgen.serve.app import ServeApp
    from docgen.serve.engine import Terminal

    scratch = Path(tempfile.mkdtemp(prefix="docgen-serve-load-"))
    try:
        if args.site == "corpus":
            site, config = scratch / "openmetadata", CORPUS_CONFIG
            shutil.copytree(CORPUS, site)
        else:
            site, config = write_docgen_site(scratch / "generated", SiteShape(args.pages)).root, None
        app = ServeApp(site, config_file=config, port=0, terminal=Terminal(io.StringIO()))
        app.start()
        try:
            app.engine.wait_until_built(timeout=900)
            plan = plan_for(
                app,
                clients=args.clients,
                sse=args.sse,
                seconds=args.seconds,
                storm_at=args.storm_at,
                storm_edits=args.storm_edits,
                storm_interval=args.storm_interval,
                timeout=args.timeout,
            )
            print(f"{args.site} site, {len(plan.pages)} pages, assets {plan.assets}")
            print(f"  listen backlog in force: {listen_backlog(app.server.socket)}")
            report = run_load(plan)
            ok = print_report(report, plan)
        finally:
            app.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
