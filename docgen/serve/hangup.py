"""Notice at once when a browser tab closes its event stream.

An event stream's thread spends its life waiting on its queue, and writes
only when there is news (or a heartbeat), so on its own it would learn that
its tab went away only at the next write, and even then only at the second
one (the first lands in the socket buffer; the peer's reset comes back
later). Meanwhile it holds a thread and a place in the hub.

An EventSource sends nothing after its request, so an event-stream socket
that becomes readable has been closed (end of file) or reset by its peer.
One `HangupWatcher` thread waits on all of them with a selector and ends a
stream the moment that happens. Only that thread touches the selector:
`watch` and `unwatch` queue their change and wake it through a socket pair,
so a socket is never unregistered while the selector is in the middle of a
call, and changes apply in the order they were made (an `unwatch` of a
closing socket always comes before the `watch` of a new socket that may
reuse its descriptor number).
"""

from __future__ import annotations

import selectors
import socket
import threading
from collections.abc import Callable

_PEEK_FLAGS = socket.MSG_PEEK | getattr(socket, "MSG_DONTWAIT", 0)


class HangupWatcher:
    """Calls `on_hangup` once when the peer of a watched socket closes or resets it."""

    def __init__(self, name: str = "docgen-hangups") -> None:
        self._selector = selectors.DefaultSelector()
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        self._wake_out.setblocking(False)
        self._selector.register(self._wake_in, selectors.EVENT_READ)
        self._lock = threading.Lock()
        self._changes: list[tuple[socket.socket, Callable[[], None] | None]] = []
        self._closed = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def watch(self, sock: socket.socket, on_hangup: Callable[[], None]) -> None:
        """Start watching `sock`; `on_hangup` runs on the watcher's thread, so it must be quick."""
        self._change(sock, on_hangup)

    def unwatch(self, sock: socket.socket) -> None:
        """Stop watching `sock`; call it before closing the socket. Harmless if it already hung up."""
        self._change(sock, None)

    def watching(self) -> int:
        """How many sockets are watched now (for tests)."""
        with self._lock:
            return len(self._selector.get_map()) - 1

    def close(self) -> None:
        """Stop the thread and release the selector; watched sockets are left as they are."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._wake()
        self._thread.join(timeout=5)

    def _change(self, sock: socket.socket, on_hangup: Callable[[], None] | None) -> None:
        with self._lock:
            if self._closed:
                return
            self._changes.append((sock, on_hangup))
        self._wake()

    def _wake(self) -> None:
        try:
            self._wake_out.send(b"\0")
        except OSError:  # the pair's buffer is full: a wake-up is pending anyway
            pass

    def _run(self) -> None:
        try:
            while self._apply_changes():
                events = self._selector.select()
                if any(key.fileobj is self._wake_in for key, _ in events):
                    # Queued changes come first: a socket unwatched before its peer hung up
                    # must not get its callback just because both news arrived in one select.
                    self._drain_wakeups()
                    if not self._apply_changes():
                        break
                for key, _ in events:
                    if key.fileobj is self._wake_in or not self._still_watched(key):
                        continue
                    if _peer_gone(key.fileobj):  # type: ignore[arg-type]
                        self._selector.unregister(key.fileobj)
                        key.data()
        finally:
            self._selector.close()
            self._wake_in.close()
            self._wake_out.close()

    def _apply_changes(self) -> bool:
        """Apply queued watch/unwatch calls in order; False once closed."""
        with self._lock:
            if self._closed:
                return False
            changes, self._changes = self._changes, []
            for sock, on_hangup in changes:
                if on_hangup is None:
                    try:
                        self._selector.unregister(sock)
                    except (KeyError, ValueError):  # hung up already, or never watched
                        pass
                else:
                    try:
                        self._selector.register(sock, selectors.EVENT_READ, on_hangup)
                    except (KeyError, ValueError, OSError):  # closed before we got to it: it hung up
                        on_hangup()
            return True

    def _still_watched(self, key: selectors.SelectorKey) -> bool:
        """True when the socket of `key` is still registered with the same callback."""
        try:
            current = self._selector.get_map().get(key.fileobj)
        except ValueError:  # closed by its owner after it was unwatched: no longer registered
            return False
        return current is not None and current.fileobj is key.fileobj and current.data is key.data

    def _drain_wakeups(self) -> None:
        try:
            while self._wake_in.recv(4096):
                pass
        except OSError:  # nothing left to read
            pass


def _peer_gone(sock: socket.socket) -> bool:
    """True when `sock` (reported readable) was closed or reset by its peer.

    Bytes waiting to be read count as gone too: an EventSource never sends
    any, and leaving them unread would keep the socket readable forever.
    A readiness report that turns out spurious (nothing to read yet) is not.
    """
    try:
        sock.recv(1, _PEEK_FLAGS)
    except (BlockingIOError, InterruptedError, TimeoutError):  # a socket with a timeout waits for it first
        return False
    except OSError:
        return True
    return True
