"""The HTTP side of `docgen serve`: stdlib threads, no framework.

One thread per connection is plenty for one author's browser tabs, and it
lets an event stream block on its queue while other requests are served;
the threads are kept and reused (`workers.ConnectionWorkers`).
Everything about *what* to send lives in `store.OutputStore`; this module
only speaks HTTP: status lines, headers, the injected client script and the
event streams.

What keeps it standing when many clients come at once:

- a listen backlog of `LISTEN_BACKLOG` (the kernel caps it at its
  ``somaxconn``): with the standard library's 5, a burst of connections
  overflows the queue and the kernel drops them, which clients see as
  multi-second stalls (SYN retransmits after 1 s, 3 s, ...) and timeouts;
- HTTP/1.1 keep-alive, so a page and its assets share one connection, and
  an idle timeout, so that connections a client keeps open, or a dead
  client, free their thread after `IDLE_SECONDS`; a response's headers and
  body leave in one write (each blocking call is a GIL hand-over, slow while
  another thread renders), and Nagle's algorithm is off so that small writes
  such as event-stream messages are not held back;
- event streams that end with their tab: a `HangupWatcher` notices a closed
  stream at once, and the hub holds a bounded number of streams (a stream
  over the bound is told to retry later).
"""

from __future__ import annotations

import errno
import functools
import queue
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from docgen.serve.client import EVENTS_PATH, inject_client
from docgen.serve.hangup import HangupWatcher
from docgen.serve.livereload import ReloadHub
from docgen.serve.store import Found, Missing, OutputStore, Redirect
from docgen.serve.workers import ConnectionWorkers

LISTEN_BACKLOG = 1024
"""Connections the kernel queues before `accept`; Linux caps it at net.core.somaxconn (4096, or 128 on old kernels)."""
IDLE_SECONDS = 5.0
"""How long a connection may wait for its next request (or a stalled send may wait) before its thread is freed."""
HEARTBEAT_SECONDS = 15.0
"""A comment on an idle event stream: keeps proxies from closing it and finds peers that vanished without a close."""
STREAM_RETRY_MS = 10_000
"""How long a tab refused an event stream (too many open) waits before it tries again."""
WRITE_BUFFER = 64 * 1024
"""Response bytes gathered before a send: headers and a page body leave in one write, one GIL hand-over."""
EVENT_THREAD_PREFIX = "docgen-events"
"""Name prefix of a thread while it serves an event stream (what to count to see streams outlive their tabs)."""
_FALLBACK_404 = b"<!doctype html><title>Not found</title><h1>404 Not found</h1></body>"


class ServeError(Exception):
    """A problem the user must fix (port in use, bad host); printed without a traceback."""


class DevServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its output store and reload hub."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], store: OutputStore, hub: ReloadHub) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.store = store
        self.hub = hub
        self.hangups = HangupWatcher()
        self.workers = ConnectionWorkers(self.process_request_thread)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, RequestHandler)  # a failed bind calls server_close, which stops both

    def process_request(self, request, client_address) -> None:
        """Hand the connection to a worker thread; the accept loop goes straight back to accepting."""
        self.workers.submit(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        with self._open_lock:
            self._open.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)

    def server_close(self) -> None:
        """Stop listening and end every open connection.

        Keep-alive connections must not outlive the server: a browser would
        send its next request (a tab's reconnecting event stream, say) over
        one of them to this stopped server instead of to its successor.
        """
        super().server_close()
        with self._open_lock:
            open_connections = list(self._open)
        for connection in open_connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:  # closed meanwhile
                pass
        self.hangups.close()
        self.workers.close()

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
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS
    disable_nagle_algorithm = True
    wbufsize = WRITE_BUFFER

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Request logs would drown the rebuild messages authors actually need."""

    def _respond(self, *, send_body: bool) -> None:
        if self.headers.get("Content-Length", "0").strip() not in ("", "0") or "Transfer-Encoding" in self.headers:
            self.close_connection = True  # a body nobody reads must not be taken for the next request
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
        self._send(200, body, found.content_type, send_body, _document_policy(found.content_type))

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
            if "Connection" not in (extra or {}):
                self._send_connection_header()
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        except OSError:  # the client left (or stalled past IDLE_SECONDS)
            self.close_connection = True

    def _send_connection_header(self) -> None:
        """Say whether the connection stays open, where the client could not tell by its HTTP version."""
        if self.close_connection:
            self.send_header("Connection", "close")
        elif self.request_version == "HTTP/1.0":  # it asked for keep-alive; 1.0 closes unless told otherwise
            self.send_header("Connection", "keep-alive")

    def _stream_events(self, page_url: str) -> None:
        """Hold the connection open and forward hub events until either side leaves."""
        hub = self.server.hub
        client = hub.connect(page_url)
        if client is None:
            self._refuse_stream()
            return
        thread = threading.current_thread()
        worker_name, thread.name = thread.name, f"{EVENT_THREAD_PREFIX}-{client.id}"
        hangups = self.server.hangups
        hangups.watch(self.connection, functools.partial(hub.hang_up, client))
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self._write_event(b"retry: 500\n\n")
            while True:
                try:
                    event = client.queue.get(timeout=HEARTBEAT_SECONDS)
                except queue.Empty:
                    self._write_event(b": keepalive\n\n")
                    continue
                if event is None:
                    return
                self._write_event(event.encode())
                if event.name == "reload":
                    # The tab closes this stream and reloads: end it here, so its place is free for the
                    # reloaded page's new stream now, not once the hang-up is noticed.
                    return
        except OSError:  # reset, broken pipe, or a send stalled past IDLE_SECONDS
            return
        finally:
            hangups.unwatch(self.connection)
            hub.disconnect(client)
            self.close_connection = True
            thread.name = worker_name

    def _write_event(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def _refuse_stream(self) -> None:
        """Too many streams open: a complete event stream that tells the EventSource to come back later.

        A 200 with a ``retry`` field, not a 503: an EventSource gives up for
        good on an error status, but reconnects after ``retry`` ms when a
        stream simply ends, so the tab gets live reload once a place is free.
        """
        body = f"retry: {STREAM_RETRY_MS}\n\nevent: busy\ndata: {{}}\n\n".encode()
        self._send(200, body, "text/event-stream; charset=utf-8", True, {"Connection": "close"})


#: Sent with every SVG: opened on its own (the zoom link, a direct URL) an SVG is a document on the
#: site's origin; this policy runs no script in it and loads nothing from elsewhere, whatever the file holds.
SVG_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"


def _document_policy(content_type: str) -> dict[str, str] | None:
    """Extra headers by type: a Content-Security-Policy that keeps an SVG inert."""
    if content_type.startswith("image/svg+xml"):
        return {"Content-Security-Policy": SVG_POLICY}
    return None
