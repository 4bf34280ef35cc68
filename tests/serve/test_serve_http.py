"""The HTTP server over real sockets: types, 404, alias, redirects, safety, events."""

from __future__ import annotations

import http.client
import os
import threading
from pathlib import Path

import pytest

from docgen.serve.client import EVENTS_PATH
from docgen.serve.livereload import ReloadHub
from docgen.serve.server import ServeError, start_server
from docgen.serve.store import OutputStore


@pytest.fixture()
def served(tmp_path: Path):
    root = tmp_path / "out"
    (root / "v1" / "guide").mkdir(parents=True)
    (root / "v1" / "guide" / "index.html").write_text("<html><body><p>guide</p></body></html>")
    (root / "404.html").write_text("<html><body><h1>Custom not found</h1></body></html>")
    (root / "pic.webp").write_bytes(b"RIFF....WEBP")
    (root / "font.woff2").write_bytes(b"wOF2")
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
