"""The reload hub on its own: a bounded number of tabs, and ending their streams."""

from __future__ import annotations

from docgen.serve.livereload import MAX_CLIENTS, ReloadHub


def test_several_tabs_fit_and_the_bound_refuses_the_next() -> None:
    hub = ReloadHub(max_clients=3)
    tabs = [hub.connect(f"/p{n}/") for n in range(3)]
    assert all(tabs)
    assert hub.connect("/p3/") is None
    assert hub.urls() == {"/p0/", "/p1/", "/p2/"}
    hub.disconnect(tabs[0])
    assert hub.connect("/p3/") is not None
    assert hub.urls() == {"/p1/", "/p2/", "/p3/"}


def test_default_bound_leaves_room_for_many_tabs() -> None:
    hub = ReloadHub()
    assert MAX_CLIENTS >= 16
    tabs = [hub.connect("/same/") for _ in range(MAX_CLIENTS)]
    assert all(tabs) and hub.connect("/same/") is None


def test_end_and_close_put_the_end_marker_on_each_queue() -> None:
    hub = ReloadHub()
    first, second = hub.connect("/a/"), hub.connect("/b/")
    assert first is not None and second is not None
    first.end()
    assert first.queue.get_nowait() is None
    hub.close()
    assert second.queue.get_nowait() is None
    assert hub.urls() == set()


def test_hang_up_frees_the_place_at_once_and_ends_the_stream() -> None:
    hub = ReloadHub(max_clients=1)
    tab = hub.connect("/a/")
    assert tab is not None and hub.connect("/b/") is None
    hub.hang_up(tab)
    assert tab.queue.get_nowait() is None
    assert hub.connect("/b/") is not None
    hub.disconnect(tab)  # the stream's own clean-up afterwards is harmless
    assert hub.urls() == {"/b/"}
