"""The HTTP side of `docgen serve`: stdlib threads, no framework.

One thread per connection is plenty for one author's browser tabs, and it
lets an event stream block on its queue while other requests are served.
Everything about *what* to send lives in `store.OutputStore`; this module
only speaks HTTP: status lines, headers, the injected client script and the
event streams.
"""

from __future__ import annotations

import errno
import queue
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from docgen.serve.client import EVENTS_PATH, inject_client
from docgen.serve.livereload import ReloadHub
from docgen.serve.store import Found, Missing, OutputStore, Redirect

KEEPALIVE_SECONDS = 15.0
_FALLBACK_404 = b"<!doctype html><title>Not found</title><h1>404 Not found</h1></body>"


class ServeError(Exception):
    """A problem the user must fix (port in use, bad host); printed without a traceback."""


class DevServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its output store and reload hub."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: tuple[str, int], store: OutputStore, hub: ReloadHub) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.store = store
        self.hub = hub
        super().__init__(address, RequestHandler)

    @property
    def url(self) -> str:
        address, port = self.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else address
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def handle_error(self, request, client_address) -> None:
        """Dropped connections are normal for a browser; never print their tracebacks."""


def start_server(host: str, port: int, store: OutputStore, hub: ReloadHub) -> DevServer:
    """Bind the server, turning the usual socket failures into one clear message."""
    try:
        return DevServer((host, port), store, hub)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"port {port} on {host} is already in use; pick another with --port (or --port 0 for any free port)"
            ) from None
        if error.errno == errno.EACCES:
            raise ServeError(f"not allowed to listen on {host}:{port} (ports below 1024 need privileges)") from None
        if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
            raise ServeError(f"cannot listen on host {host!r}: {error.strerror or error}") from None
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


class RequestHandler(BaseHTTPRequestHandler):
    """GET/HEAD for site files, plus the live-reload event stream."""

    server: DevServer
    server_version = "docgen-serve"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Request logs would drown the rebuild messages authors actually need."""

    def _respond(self, *, send_body: bool) -> None:
        parts = urlsplit(self.path)
        if parts.path == EVENTS_PATH:
            self._stream_events(parse_qs(parts.query).get("url", ["/"])[0])
            return
        request_path = parts.path + (f"?{parts.query}" if parts.query else "")
        lookup = self.server.store.resolve(request_path)
        if isinstance(lookup, Redirect):
            self._send(301, b"", "text/plain; charset=utf-8", send_body, {"Location": lookup.location})
        elif isinstance(lookup, Found):
            self._send_found(lookup, send_body)
        else:
            self._send_not_found(lookup, send_body)

    def _send_found(self, found: Found, send_body: bool) -> None:
        try:
            body = found.read()
        except OSError:
            self._send_not_found(Missing(), send_body)
            return
        if found.content_type.startswith("text/html"):
            body = inject_client(body)
        self._send(200, body, found.content_type, send_body)

    def _send_not_found(self, missing: Missing, send_body: bool) -> None:
        page = None if missing.unsafe else self.server.store.find("404.html")
        body = _FALLBACK_404
        if page is not None:
            try:
                body = page.read()
            except OSError:
                body = _FALLBACK_404
        self._send(404, inject_client(body), "text/html; charset=utf-8", send_body)

    def _send(
        self, status: int, body: bytes, content_type: str, send_body: bool, extra: dict[str, str] | None = None
    ) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _stream_events(self, page_url: str) -> None:
        """Hold the connection open and forward hub events until either side leaves."""
        hub = self.server.hub
        client = hub.connect(page_url)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while True:
                try:
                    event = client.queue.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:  # a comment keeps idle streams (and proxies) alive
                    self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
                    continue
                if event is None:
                    return
                self.wfile.write(event.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return
        finally:
            hub.disconnect(client)
            self.close_connection = True
