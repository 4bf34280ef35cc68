"""Server-Sent Events to open browser tabs: reload, swap CSS, show errors.

Each tab opens ``/__docgen/events?url=<its path>``, so the hub knows which
page every tab shows and can reload only the tabs whose page changed. Error
overlays are state, not one-off messages: a tab that connects (or
reconnects after a reload) is sent the errors of its page at once, so the
overlay survives reloads until the file is fixed.

Every connected tab costs the server a thread, so the hub holds at most
`max_clients` of them; that is far more than one author's tabs (a browser
opens at most six connections to one host anyway), and it keeps a runaway
script from pinning a thread per stream without end.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

GLOBAL = "*"
"""Key of errors that concern every page (config broken, content folder gone)."""

MAX_CLIENTS = 64
"""Event streams held at once, by default (see the module docstring)."""


@dataclass(frozen=True)
class Event:
    """One SSE message: an event name and a JSON payload."""

    name: str
    data: dict

    def encode(self) -> bytes:
        return f"event: {self.name}\ndata: {json.dumps(self.data)}\n\n".encode()


@dataclass(eq=False)
class Client:
    """One connected tab and the page it shows."""

    id: int
    url: str
    queue: queue.Queue[Event | None] = field(default_factory=queue.Queue)

    def end(self) -> None:
        """Make the stream serving this tab finish (the tab went away, or the server stops)."""
        self.queue.put(None)


class ReloadHub:
    """Keeps the connected tabs and the current error state per page URL."""

    def __init__(self, canonical: Callable[[str], str] = lambda url: url, *, max_clients: int = MAX_CLIENTS) -> None:
        self._canonical = canonical
        self.max_clients = max_clients
        self._clients: dict[int, Client] = {}
        self._errors: dict[str, list[dict]] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.listeners: list[Callable[[Event, list[str]], None]] = []

    def connect(self, url: str) -> Client | None:
        """A new tab showing `url`, or None when `max_clients` tabs are connected already."""
        client = Client(next(self._ids), self._canonical(url))
        with self._lock:
            if len(self._clients) >= self.max_clients:
                return None
            self._clients[client.id] = client
            errors = self._errors_for(client.url)
        if errors:
            client.queue.put(Event("overlay", {"errors": errors}))
        return client

    def disconnect(self, client: Client) -> None:
        with self._lock:
            self._clients.pop(client.id, None)

    def hang_up(self, client: Client) -> None:
        """The tab is gone: free its place at once (not when its stream's thread next runs) and end its stream."""
        self.disconnect(client)
        client.end()

    def urls(self) -> set[str]:
        """The page URLs open in at least one tab (rendered first after a change)."""
        with self._lock:
            return {client.url for client in self._clients.values()}

    def reload(self, urls: set[str] | None) -> list[str]:
        """Tell tabs showing any of `urls` (all tabs for None) to reload."""
        return self._send(Event("reload", {}), urls)

    def swap_css(self) -> list[str]:
        """Tell every tab to refetch its stylesheets without a reload."""
        return self._send(Event("css", {}), None)

    def set_errors(self, url: str, errors: list[dict]) -> None:
        """Record the errors of one page (or GLOBAL) and show or hide its overlay."""
        with self._lock:
            before = self._errors.get(url)
            if errors:
                self._errors[url] = errors
            else:
                self._errors.pop(url, None)
        if (errors or None) != before:
            self._send_current(None if url == GLOBAL else {url})

    def errors_for(self, url: str) -> list[dict]:
        with self._lock:
            return self._errors_for(self._canonical(url))

    def close(self) -> None:
        """End every event stream (server shutdown)."""
        with self._lock:
            clients = list(self._clients.values())
            self._clients.clear()
        for client in clients:
            client.end()

    def _errors_for(self, url: str) -> list[dict]:
        return self._errors.get(GLOBAL, []) + self._errors.get(url, [])

    def _send_current(self, urls: set[str] | None) -> None:
        """Send each tab in `urls` its page's full error state (overlay or clear)."""
        with self._lock:
            targets = [c for c in self._clients.values() if urls is None or c.url in urls]
            states = [(c, self._errors_for(c.url)) for c in targets]
        for client, errors in states:
            event = Event("overlay", {"errors": errors}) if errors else Event("clear", {})
            client.queue.put(event)
            self._notify(event, [client.url])

    def _send(self, event: Event, urls: set[str] | None) -> list[str]:
        with self._lock:
            targets = [c for c in self._clients.values() if urls is None or c.url in urls]
        for client in targets:
            client.queue.put(event)
        reached = sorted({client.url for client in targets})
        self._notify(event, reached)
        return reached

    def _notify(self, event: Event, urls: list[str]) -> None:
        for listener in list(self.listeners):
            listener(event, urls)
