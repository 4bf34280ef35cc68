"""The HTTP server over real sockets: types, 404, alias, redirects, safety, events, keep-alive, stream ends."""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from docgen.serve.client import EVENTS_PATH
from docgen.serve.livereload import ReloadHub
from docgen.serve.server import (
    EVENT_THREAD_PREFIX,
    HEARTBEAT_SECONDS,
    IDLE_SECONDS,
    RequestHandler,
    ServeError,
    start_server,
)
from docgen.serve.store import OutputStore


@pytest.fixture()
def served(tmp_path: Path):
    root = tmp_path / "out"
    (root / "v1" / "guide").mkdir(parents=True)
    (root / "v1" / "guide" / "index.html").write_text("<html><body><p>guide</p></body></html>")
    (root / "404.html").write_text("<html><body><h1>Custom not found</h1></body></html>")
    (root / "pic.webp").write_bytes(b"RIFF....WEBP")
    (root / "font.woff2").write_bytes(b"wOF2")
    (root / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    os.symlink(tmp_path / "secret.txt", root / "leak.txt")
    store = OutputStore()
    store.mount("", root)
    store.aliases["latest"] = "v1"
    store.put("style.css", b"body{}")
    hub = ReloadHub(store.canonical)
    server = start_server("127.0.0.1", 0, store, hub)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    hub.close()
    server.shutdown()
    server.server_close()


def get(server, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
    """Send `path` byte for byte (http.client does not normalise ``..``)."""
    host, port = server.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.putrequest(method, path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_binds_localhost_and_port_zero_picks_a_free_port(served) -> None:
    assert served.server_address[0] == "127.0.0.1"
    assert served.server_address[1] > 0
    assert served.url == f"http://127.0.0.1:{served.server_address[1]}/"


def test_html_gets_the_live_reload_script(served) -> None:
    status, headers, body = get(served, "/v1/guide/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body.index(b"data-docgen-livereload") < body.index(b"</body>")
    assert EVENTS_PATH.encode() in body


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/style.css", "text/css; charset=utf-8"),
        ("/pic.webp", "image/webp"),
        ("/font.woff2", "font/woff2"),
    ],
)
def test_content_types(served, path: str, kind: str) -> None:
    status, headers, _ = get(served, path)
    assert (status, headers["content-type"]) == (200, kind)
    assert headers["x-content-type-options"] == "nosniff"


def test_svg_is_served_with_a_policy_that_runs_no_script(served) -> None:
    status, headers, _ = get(served, "/drawing.svg")
    assert (status, headers["content-type"]) == (200, "image/svg+xml; charset=utf-8")
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy
    assert "content-security-policy" not in get(served, "/style.css")[1]


def test_head_has_no_body(served) -> None:
    status, headers, body = get(served, "/style.css", method="HEAD")
    assert status == 200 and body == b"" and headers["content-length"] == "6"


def test_latest_alias_and_folder_redirect(served) -> None:
    assert get(served, "/latest/guide/")[0] == 200
    status, headers, _ = get(served, "/v1/guide")
    assert status == 301 and headers["location"] == "/v1/guide/"
    status, headers, _ = get(served, "/latest/guide?tab=2")
    assert status == 301 and headers["location"] == "/latest/guide/?tab=2"


def test_custom_404_page(served) -> None:
    status, headers, body = get(served, "/nowhere/")
    assert status == 404 and b"Custom not found" in body
    assert headers["content-type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/v1/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/v1%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/leak.txt",
        "/%00",
    ],
)
def test_nothing_outside_the_site_is_ever_served(served, path: str) -> None:
    status, _, body = get(served, path)
    assert status == 404
    assert b"TOP SECRET" not in body


def test_event_stream_delivers_reload_to_the_right_tab(served) -> None:
    host, port = served.server_address[:2]
    connection = http.client.HTTPConnection(host, port, timeout=5)
    connection.request("GET", f"{EVENTS_PATH}?url=/latest/guide/")
    response = connection.getresponse()
    assert response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    assert response.fp.readline() == b"retry: 500\n"
    response.fp.readline()
    hub = served.hub
    for _ in range(100):
        if hub.urls():
            break
        threading.Event().wait(0.01)
    assert hub.urls() == {"/v1/guide/"}
    assert hub.reload({"/v1/other/"}) == []
    assert hub.reload({"/v1/guide/"}) == ["/v1/guide/"]
    assert response.fp.readline() == b"event: reload\n"
    connection.close()


def test_port_in_use_is_a_clear_error(served) -> None:
    port = served.server_address[1]
    with pytest.raises(ServeError, match=f"port {port} on 127.0.0.1 is already in use"):
        start_server("127.0.0.1", port, served.store, served.hub)


def test_unknown_host_is_a_clear_error(served) -> None:
    with pytest.raises(ServeError, match="cannot listen"):
        start_server("no-such-host.invalid", 0, served.store, served.hub)


# ---- connections and event streams under load ----------------------------------------------------


def raw_connection(server) -> socket.socket:
    host, port = server.server_address[:2]
    return socket.create_connection((host, port), timeout=10)


def read_response(sock: socket.socket) -> tuple[bytes, bytes]:
    """Head and body of one response read off a raw socket (the body by its Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed after {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(
        next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    )
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk
        body += chunk
    return head, body


def closed_by_server(sock: socket.socket, within: float = 10.0) -> bool:
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_keep_alive_serves_a_page_and_its_assets_on_one_connection(served) -> None:
    with raw_connection(served) as sock:
        for path in ("/v1/guide/", "/style.css", "/pic.webp", "/nowhere/", "/v1/guide"):
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            head, _ = read_response(sock)
            assert head.startswith(b"HTTP/1.1 "), head
            assert b"connection: close" not in head.lower()


def test_connection_close_and_http_1_0_are_honoured(served) -> None:
    for request in (
        b"GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        b"GET /style.css HTTP/1.0\r\n\r\n",
    ):
        with raw_connection(served) as sock:
            sock.sendall(request)
            head, body = read_response(sock)
            assert body == b"body{}" and b"connection: close" in head.lower()
            assert closed_by_server(sock)


def test_a_request_body_is_never_read_as_the_next_request(served) -> None:
    with raw_connection(served) as sock:
        sock.sendall(b"GET /style.css HTTP/1.1\r\nHost: x\r\nContent-Length: 24\r\n\r\nGET /secret HTTP/1.1\r\n\r\n")
        head, body = read_response(sock)
        assert body == b"body{}" and b"connection: close" in head.lower()
        assert closed_by_server(sock)


def test_idle_connection_frees_its_worker(served, monkeypatch) -> None:
    """A client that keeps a connection open and says nothing (or died) is closed after the idle timeout."""
    monkeypatch.setattr(RequestHandler, "timeout", 0.3)
    with raw_connection(served) as quiet, raw_connection(served) as used:
        used.sendall(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
        read_response(used)
        wait_until(lambda: served.workers.counts()["busy"] == 2)
        assert closed_by_server(quiet, within=10) and closed_by_server(used, within=10)
    wait_until(lambda: served.workers.counts()["busy"] == 0)


def wait_until(condition, timeout: float = 10.0) -> None:
    """Poll `condition`; the bound only keeps a broken build from hanging (the real wait is milliseconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.01)


def event_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(EVENT_THREAD_PREFIX)]


def open_stream(server, page: str = "/v1/guide/") -> tuple[socket.socket, bytes]:
    """A raw event-stream connection and what it got up to the first message (or the refusal)."""
    sock = raw_connection(server)
    sock.sendall(f"GET {EVENTS_PATH}?url={page} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    data = b""
    while b"retry: 500\n\n" not in data and b"event: busy" not in data:
        chunk = sock.recv(4096)
        assert chunk, data
        data += chunk
    return sock, data


def test_event_stream_thread_ends_as_soon_as_its_tab_closes(served) -> None:
    """Long before the next heartbeat (HEARTBEAT_SECONDS) would have found out by writing."""
    streams = [open_stream(served)[0] for _ in range(3)]
    wait_until(lambda: len(event_threads()) == 3)
    assert served.hub.urls() == {"/v1/guide/"}
    started = time.monotonic()
    for sock in streams[:2]:
        sock.close()
    wait_until(lambda: len(event_threads()) == 1, timeout=HEARTBEAT_SECONDS / 3)
    assert time.monotonic() - started < HEARTBEAT_SECONDS / 3
    assert served.hub.reload({"/v1/guide/"}) == ["/v1/guide/"], "the open tab is still served"
    streams[2].close()
    wait_until(lambda: not event_threads() and not served.hub.urls(), timeout=HEARTBEAT_SECONDS / 3)
    wait_until(lambda: served.hangups.watching() == 0)


def test_too_many_event_streams_are_told_to_come_back_later(served) -> None:
    served.hub.max_clients = 2
    (first, _), (second, _) = open_stream(served), open_stream(served, "/v1/other/")
    refused, head = open_stream(served)
    assert b"HTTP/1.1 200" in head and b"text/event-stream" in head
    assert b"retry: 10000\n" in head and b"event: busy\n" in head
    assert closed_by_server(refused)
    assert len(event_threads()) == 2
    first.close()
    wait_until(lambda: len(served.hub.urls()) == 1)
    again, head = open_stream(served)
    assert b"retry: 500" in head and b"busy" not in head
    for sock in (refused, second, again):
        sock.close()
    wait_until(lambda: not event_threads())


def test_stopping_the_server_ends_open_streams(served) -> None:
    stream, _ = open_stream(served)
    wait_until(lambda: len(event_threads()) == 1)
    served.hub.close()
    assert closed_by_server(stream)
    wait_until(lambda: not event_threads())
    stream.close()


def test_http_1_0_keep_alive_is_confirmed(served) -> None:
    """HTTP/1.0 closes unless the response says otherwise; without it the client would wait for a close."""
    with raw_connection(served) as sock:
        for _ in range(2):
            sock.sendall(b"GET /style.css HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            head, body = read_response(sock)
            assert body == b"body{}" and b"connection: keep-alive" in head.lower()


def test_stopping_the_server_closes_its_keep_alive_connections(served) -> None:
    """Else a browser sends its next request over one of them to the stopped server, not to its successor."""
    with raw_connection(served) as sock:
        sock.sendall(b"GET /style.css HTTP/1.1\r\nHost: x\r\n\r\n")
        read_response(sock)
        served.shutdown()
        served.server_close()
        assert closed_by_server(sock, within=IDLE_SECONDS / 2)
