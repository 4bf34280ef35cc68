"""HangupWatcher on real socket pairs: a closed, reset or chatty peer is noticed; a quiet one is not."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator

import pytest

from docgen.serve.hangup import HangupWatcher

SETTLE = 10.0  # generous: the callback comes within milliseconds, the bound only keeps a broken build from hanging


@pytest.fixture()
def watcher() -> Iterator[HangupWatcher]:
    watcher = HangupWatcher()
    yield watcher
    watcher.close()


def tcp_pair() -> tuple[socket.socket, socket.socket]:
    """(server side, client side) of a loopback TCP connection, like the ones the server accepts."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        server, _ = listener.accept()
    server.settimeout(5.0)  # the request handler's sockets have a timeout too
    return server, client


class Callback:
    """An `on_hangup` that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.called = threading.Event()

    def __call__(self) -> None:
        self.calls += 1
        self.called.set()


def test_peer_close_is_noticed_once(watcher: HangupWatcher) -> None:
    server, client = tcp_pair()
    on_hangup = Callback()
    watcher.watch(server, on_hangup)
    assert not on_hangup.called.wait(0.2), "a quiet, open peer is not a hangup"
    client.close()
    assert on_hangup.called.wait(SETTLE)
    watcher.unwatch(server)  # what the stream's `finally` does after the hangup: harmless
    server.close()
    _wait_for(lambda: watcher.watching() == 0)
    assert on_hangup.calls == 1


def test_peer_reset_is_noticed(watcher: HangupWatcher) -> None:
    server, client = tcp_pair()
    on_hangup = Callback()
    watcher.watch(server, on_hangup)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()  # linger 0: an RST instead of a FIN
    assert on_hangup.called.wait(SETTLE)
    server.close()


def test_bytes_from_the_peer_end_the_stream(watcher: HangupWatcher) -> None:
    """An EventSource never sends after its request; unread bytes would keep the socket readable forever."""
    server, client = tcp_pair()
    on_hangup = Callback()
    watcher.watch(server, on_hangup)
    client.sendall(b"GET / HTTP/1.1\r\n\r\n")
    assert on_hangup.called.wait(SETTLE)
    server.close(), client.close()


def test_unwatched_socket_is_forgotten(watcher: HangupWatcher) -> None:
    server, client = tcp_pair()
    on_hangup = Callback()
    watcher.watch(server, on_hangup)
    watcher.unwatch(server)
    client.close()
    assert not on_hangup.called.wait(0.3)
    server.close()
    _wait_for(lambda: watcher.watching() == 0)


def test_many_streams_each_get_their_own_callback(watcher: HangupWatcher) -> None:
    pairs = [tcp_pair() for _ in range(50)]
    hung: list[int] = []
    done = threading.Event()
    for index, (server, _) in enumerate(pairs):
        watcher.watch(server, lambda index=index: (hung.append(index), len(hung) == 25 and done.set()))
    for _, client in pairs[::2]:
        client.close()
    assert done.wait(SETTLE)
    assert sorted(hung) == list(range(0, 50, 2))
    _wait_for(lambda: watcher.watching() == 25)
    for server, client in pairs:
        watcher.unwatch(server)
        server.close(), client.close()
    _wait_for(lambda: watcher.watching() == 0)


def test_socket_closed_before_its_watch_applies_counts_as_a_hangup(watcher: HangupWatcher) -> None:
    server, client = tcp_pair()
    on_hangup = Callback()
    server.close()
    watcher.watch(server, on_hangup)
    assert on_hangup.called.wait(SETTLE)
    client.close()


def test_close_stops_the_thread() -> None:
    watcher = HangupWatcher(name="hangup-test")
    assert any(t.name == "hangup-test" for t in threading.enumerate())
    watcher.close()
    watcher.close()
    assert not any(t.name == "hangup-test" for t in threading.enumerate())


def _wait_for(condition, timeout: float = SETTLE) -> None:
    pause = threading.Event()
    for _ in range(int(timeout / 0.01)):
        if condition():
            return
        pause.wait(0.01)
    raise AssertionError("condition not reached")
