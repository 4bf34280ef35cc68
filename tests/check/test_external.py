"""External link checking against a real HTTP server on 127.0.0.1 started by the test.

Nothing here touches the internet: every URL points at the local server,
which counts the requests it gets so the tests can see retries, the GET
fallback and that a cached second run asks nothing.
"""

from __future__ import annotations

import io
import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from docgen.check import check_command
from docgen.check.errors import CheckConfigError
from docgen.check.external import ExternalLink, ExternalOptions, check_external
from docgen.check.external.limits import HostGate
from docgen.check.external.probe import ProbeSettings, parse_retry_after
from docgen.check.findings import Findings
from docgen.site.cache import site_cache_dir


class _Handler(BaseHTTPRequestHandler):
    """Routes: /ok 200, /missing 404, /limited 429 then 200, /busy 503 then 200, /flaky 500 twice,
    /slow hangs past the timeout, /moved 301 to /ok, /nohead 405 on HEAD."""

    def log_message(self, *args) -> None:  # keep pytest output clean
        pass

    def _answer(self) -> None:
        server: _Server = self.server  # type: ignore[assignment]
        with server.lock:
            server.requests[(self.command, self.path)] += 1
            seen = server.requests[(self.command, "/limited")] + server.requests[("GET", "/limited")]
        if self.path == "/ok":
            self._send(200)
        elif self.path == "/missing":
            self._send(404)
        elif self.path == "/limited":
            if self.command == "HEAD" and seen == 1:
                self._send(429, {"Retry-After": "1"})
            else:
                self._send(200)
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200)
        elif self.path == "/moved":
            self._send(301, {"Location": "/ok"})
        elif self.path == "/nohead":
            self._send(405 if self.command == "HEAD" else 200)
        elif self.path == "/busy":  # 503 with Retry-After on the first request only
            if server.requests[("HEAD", "/busy")] == 1:
                self._send(503, {"Retry-After": "1"})
            else:
                self._send(200)
        elif self.path == "/flaky":  # 500 twice, then fine
            self._send(500 if server.requests[("HEAD", "/flaky")] <= 2 else 200)
        else:
            self._send(404)

    def _send(self, code: int, headers: dict | None = None) -> None:
        try:
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass

    do_HEAD = _answer
    do_GET = _answer


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.requests: Counter = Counter()
        self.times: list[float] = []


@pytest.fixture
def server():
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _options(tmp_path: Path, **changes) -> ExternalOptions:
    settings = {
        "probe": ProbeSettings(timeout=0.5, retries=1, backoff=0.05, max_retry_after=5),
        "per_host_interval": 0.0,
        "per_host_concurrency": 4,
        "cache_file": tmp_path / "cache.json",
    }
    settings.update(changes)
    return ExternalOptions(**settings)


def _url(server: _Server, path: str) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def _run(links: list[ExternalLink], options: ExternalOptions):
    findings = Findings()
    stats = check_external(links, options, findings)
    return findings.sorted(), stats


def _link(server: _Server, path: str, line: int = 1) -> ExternalLink:
    return ExternalLink(_url(server, path), "page.md", line, 5)


def test_good_link_has_no_finding(server, tmp_path):
    found, stats = _run([_link(server, "/ok")], _options(tmp_path))
    assert found == []
    assert stats.requested == 1
    assert server.requests[("HEAD", "/ok")] == 1


def test_404_is_broken_at_every_place_it_appears(server, tmp_path):
    found, _ = _run([_link(server, "/missing", 3), _link(server, "/missing", 9)], _options(tmp_path))
    assert [(d.rule, d.line, d.column) for d in found] == [("external-broken", 3, 5), ("external-broken", 9, 5)]
    assert "HTTP 404" in found[0].message
    # HEAD failed, so GET was asked before calling the link broken; 404 is not retried.
    assert server.requests[("HEAD", "/missing")] == 1
    assert server.requests[("GET", "/missing")] == 1


def test_429_waits_for_retry_after_then_succeeds(server, tmp_path):
    start = time.monotonic()
    found, _ = _run([_link(server, "/limited")], _options(tmp_path))
    elapsed = time.monotonic() - start
    assert found == []
    assert server.requests[("HEAD", "/limited")] == 2
    assert elapsed >= 0.9, "Retry-After: 1 must be honoured (backoff alone is 0.05 s)"


def test_503_honours_retry_after(server, tmp_path):
    start = time.monotonic()
    found, _ = _run([_link(server, "/busy")], _options(tmp_path))
    assert found == [] and server.requests[("HEAD", "/busy")] == 2
    assert time.monotonic() - start >= 0.9


def test_server_errors_are_retried_with_exponential_backoff(server, tmp_path):
    options = _options(tmp_path, probe=ProbeSettings(timeout=0.5, retries=2, backoff=0.2, max_retry_after=5))
    start = time.monotonic()
    found, _ = _run([_link(server, "/flaky")], options)
    assert found == [] and server.requests[("HEAD", "/flaky")] == 3
    assert time.monotonic() - start >= 0.2 + 0.4 - 0.05  # waits 0.2 s, then 0.4 s


def test_timeout_is_unreachable_and_not_asked_again_with_get(server, tmp_path):
    found, _ = _run([_link(server, "/slow")], _options(tmp_path))
    assert [d.rule for d in found] == ["external-unreachable"]
    assert "timed out" in found[0].message
    assert server.requests[("HEAD", "/slow")] == 2  # one retry after backoff
    assert server.requests[("GET", "/slow")] == 0


def test_redirect_is_reported_with_its_final_address(server, tmp_path):
    found, _ = _run([_link(server, "/moved")], _options(tmp_path))
    assert [d.rule for d in found] == ["external-redirect"]
    assert found[0].target == _url(server, "/ok")
    assert "301" in found[0].message


def test_head_refused_falls_back_to_get(server, tmp_path):
    found, _ = _run([_link(server, "/nohead")], _options(tmp_path))
    assert found == []
    assert server.requests[("GET", "/nohead")] == 1


def test_second_run_uses_the_cache_and_makes_no_request(server, tmp_path):
    links = [_link(server, "/ok"), _link(server, "/moved"), _link(server, "/missing")]
    first, _ = _run(links, _options(tmp_path))
    asked_before = sum(server.requests.values())
    second, stats = _run(links, _options(tmp_path))
    # the failure is never cached, so only /missing is asked again
    assert stats.cached == 2 and stats.requested == 1
    assert sum(server.requests.values()) - asked_before == 2  # HEAD + GET of /missing
    assert [d.rule for d in second] == [d.rule for d in first]
    good_only = [_link(server, "/ok"), _link(server, "/moved")]
    asked_before = sum(server.requests.values())
    _run(good_only, _options(tmp_path))
    assert sum(server.requests.values()) == asked_before


def test_cache_entries_expire_after_max_age(server, tmp_path):
    _run([_link(server, "/ok")], _options(tmp_path))
    _, stats = _run([_link(server, "/ok")], _options(tmp_path, cache_max_age=0.0))
    assert stats.cached == 0 and stats.requested == 1


def test_exclude_patterns_and_ignore_file_skip_urls(server, tmp_path):
    ignore = tmp_path / ".docgen-linkignore"
    ignore.write_text("# comment\n/missing$\n", encoding="utf-8")
    links = [_link(server, "/missing"), _link(server, "/slow")]
    found, stats = _run(links, _options(tmp_path, exclude=("/slow",), ignore_file=ignore))
    assert found == [] and stats.excluded == 2 and stats.requested == 0
    assert sum(server.requests.values()) == 0


def test_bad_exclude_pattern_is_a_config_error(tmp_path):
    with pytest.raises(CheckConfigError, match=r"--exclude.*\("):
        _run([], _options(tmp_path, exclude=("(",)))


def test_per_host_interval_spaces_request_starts():
    gate = HostGate(per_host=4, interval=0.2)
    starts = []

    def request():
        with gate.slot("example.test"):
            starts.append(time.monotonic())

    threads = [threading.Thread(target=request) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    starts.sort()
    assert starts[1] - starts[0] >= 0.18 and starts[2] - starts[1] >= 0.18


def test_per_host_concurrency_is_bounded():
    gate = HostGate(per_host=2, interval=0.0)
    active, peak, lock = [0], [0], threading.Lock()

    def request():
        with gate.slot("example.test"):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.05)
            with lock:
                active[0] -= 1

    threads = [threading.Thread(target=request) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 2


def test_retry_after_accepts_seconds_and_http_dates():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None


def test_check_command_external_checks_links_written_in_pages(server, tmp_path):
    """End to end: links written in a page (Markdown and a tag), the cache in the check's cache folder, --exclude."""
    page = tmp_path / "content" / "v1.0" / "index.md"
    page.parent.mkdir(parents=True)
    (tmp_path / "docgen.toml").write_text('tag_sets = ["openmetadata"]\n', encoding="utf-8")
    page.write_text(
        f"# Home\n\nSee [ok]({_url(server, '/ok')}) and [gone]({_url(server, '/missing')}).\n\n"
        f'{{% inlineCallout bold="Moved" href="{_url(server, "/moved")}" %}}\nText\n{{% /inlineCallout %}}\n\n'
        f"[skipped]({_url(server, '/slow')})\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    status = check_command(tmp_path, format="json", external=True, exclude=("/slow$",), out=out, cwd=tmp_path)
    found = {(f["rule"], f["line"]) for f in json.loads(out.getvalue())["findings"]}
    assert status == 1
    assert found == {("external-broken", 3), ("external-redirect", 5)}
    assert (site_cache_dir(tmp_path, "check") / "external-links.json").is_file()  # where every docgen cache goes
    assert server.requests[("HEAD", "/slow")] == 0
