"""The engine's scheduling, on a stand-in site (tests/serve/serve_fakes.py)."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest
from serve_fakes import FakeSession

from docgen.serve.engine import ServeEngine, Terminal
from docgen.serve.livereload import ReloadHub
from docgen.serve.store import Found, OutputStore


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    write(tmp_path / "pages" / "a.md", "title: A\nalpha\ninclude: shared")
    write(tmp_path / "pages" / "b.md", "title: B\nbeta\ninclude: outer")
    write(tmp_path / "pages" / "c.md", "title: C\ngamma")
    write(tmp_path / "parts" / "shared.md", "shared text")
    write(tmp_path / "parts" / "outer.md", "outer\ninclude: shared")
    return tmp_path


@pytest.fixture()
def engine(site: Path):
    session = FakeSession(site)
    store = OutputStore()
    hub = ReloadHub(store.canonical)
    terminal = Terminal(io.StringIO())
    engine = ServeEngine(session, store, hub, terminal)
    engine.start()
    assert engine.wait_until_built(timeout=10)
    yield engine
    engine.stop()


def page(engine: ServeEngine, url: str) -> str:
    found = engine.store.resolve(url)
    assert isinstance(found, Found)
    return found.read().decode()


def drain(client) -> list[str]:
    names = []
    while not client.queue.empty():
        names.append(client.queue.get().name)
    return names


def test_page_edit_renders_only_that_page(engine: ServeEngine, site: Path) -> None:
    tab_a, tab_c = engine.hub.connect("/a/"), engine.hub.connect("/c/")
    engine.session.renders.clear()
    write(site / "pages" / "a.md", "title: A\nalpha two\ninclude: shared")
    engine.apply_changes([site / "pages" / "a.md"])
    assert engine.session.renders == ["/a/"]
    assert "alpha two" in page(engine, "/a/")
    assert drain(tab_a) == ["reload"] and drain(tab_c) == []


def test_partial_edit_renders_exactly_its_readers_transitively(engine: ServeEngine, site: Path) -> None:
    engine.session.renders.clear()
    write(site / "parts" / "shared.md", "shared text v2")
    engine.apply_changes([site / "parts" / "shared.md"])
    assert engine.wait_until_built(timeout=10)
    assert sorted(engine.session.renders) == ["/a/", "/b/"]
    assert "shared text v2" in page(engine, "/b/")
    engine.session.renders.clear()
    write(site / "parts" / "outer.md", "outer v2")
    engine.apply_changes([site / "parts" / "outer.md"])
    assert engine.wait_until_built(timeout=10)
    assert engine.session.renders == ["/b/"]


def test_creating_a_missing_partial_renders_its_waiting_reader(engine: ServeEngine, site: Path) -> None:
    write(site / "pages" / "c.md", "title: C\ngamma\ninclude: later")
    engine.apply_changes([site / "pages" / "c.md"])
    assert engine.wait_until_built(timeout=10)
    engine.session.renders.clear()
    write(site / "parts" / "later.md", "arrived")
    engine.apply_changes([site / "parts" / "later.md"])
    assert engine.wait_until_built(timeout=10)
    assert engine.session.renders == ["/c/"]
    assert "arrived" in page(engine, "/c/")


def test_title_change_updates_navigation_on_every_page(engine: ServeEngine, site: Path) -> None:
    tab_c = engine.hub.connect("/c/")
    write(site / "pages" / "a.md", "title: Renamed\nalpha\ninclude: shared")
    engine.apply_changes([site / "pages" / "a.md"])
    assert "reload" in drain(tab_c)  # the open tab was rendered at once
    for url in ("/a/", "/b/", "/c/"):  # the others on request or behind
        assert "Renamed | B | C" in page(engine, url)


def test_new_and_deleted_pages(engine: ServeEngine, site: Path) -> None:
    write(site / "pages" / "d.md", "title: D\ndelta")
    engine.apply_changes([site / "pages" / "d.md"])
    assert "delta" in page(engine, "/d/")
    assert "A | B | C | D" in page(engine, "/a/")
    tab_d = engine.hub.connect("/d/")
    (site / "pages" / "d.md").unlink()
    engine.apply_changes([site / "pages" / "d.md"])
    assert "reload" in drain(tab_d)
    assert not isinstance(engine.store.resolve("/d/"), Found)
    assert "A | B | C</nav>" in page(engine, "/b/")


def test_broken_page_keeps_last_good_version_with_overlay(engine: ServeEngine, site: Path) -> None:
    tab = engine.hub.connect("/c/")
    write(site / "pages" / "c.md", "title: C\ngamma broken\nerror: unclosed tag")
    engine.apply_changes([site / "pages" / "c.md"])
    assert "gamma broken" not in page(engine, "/c/")
    events = []
    while not tab.queue.empty():
        events.append(tab.queue.get())
    assert [e.name for e in events] == ["overlay"]
    assert events[0].data["errors"][0]["message"] == "unclosed tag"
    assert events[0].data["errors"][0]["position"] == "pages/c.md:1:1"
    assert "> 1 | title: C" in events[0].data["errors"][0]["frame"]
    reconnected = engine.hub.connect("/c/")  # a reload keeps the overlay
    assert drain(reconnected) == ["overlay"]
    write(site / "pages" / "c.md", "title: C\ngamma fixed")
    engine.apply_changes([site / "pages" / "c.md"])
    assert "gamma fixed" in page(engine, "/c/")
    assert drain(tab) == ["clear", "reload"]


def test_page_broken_from_the_start_is_shown_and_still_updates(site: Path) -> None:
    write(site / "pages" / "c.md", "title: C\nold slip\nerror: never closed")
    session = FakeSession(site)
    store = OutputStore()
    engine = ServeEngine(session, store, ReloadHub(store.canonical), Terminal(io.StringIO()))
    engine.start()
    try:
        assert "old slip" in page(engine, "/c/")
        write(site / "pages" / "c.md", "title: C\nnew words\nerror: never closed")
        engine.apply_changes([site / "pages" / "c.md"])
        assert "new words" in page(engine, "/c/")
        assert engine.hub.errors_for("/c/")[0]["message"] == "never closed"
    finally:
        engine.stop()


def test_stylesheet_change_swaps_css_without_reload(engine: ServeEngine, site: Path) -> None:
    tab = engine.hub.connect("/a/")
    write(site / "style.css", "body{color:red}")
    engine.apply_changes([site / "style.css"])
    assert drain(tab) == ["css"]
    assert engine.store.get_bytes("style.css") == b"body{color:red}"


def test_unhealthy_site_keeps_serving_and_recovers(engine: ServeEngine, site: Path) -> None:
    tab = engine.hub.connect("/a/")
    engine.session.healthy = False
    engine.apply_changes([site / "pages" / "a.md"])
    assert drain(tab) == ["overlay"]
    assert "alpha" in page(engine, "/a/")
    engine.session.healthy = True
    engine.apply_changes([site / "pages"])
    assert "clear" in drain(tab)


def test_renderer_crash_is_reported_not_raised(engine: ServeEngine, site: Path, monkeypatch) -> None:
    def explode(url: str, *, chrome_only: bool = False):
        raise RuntimeError("boom")

    tab = engine.hub.connect("/a/")
    monkeypatch.setattr(engine.session, "render", explode)
    write(site / "pages" / "a.md", "title: A\nalpha 3\ninclude: shared")
    engine.apply_changes([site / "pages" / "a.md"])
    assert "alpha 3" not in page(engine, "/a/") and "alpha" in page(engine, "/a/")
    assert "RuntimeError: boom" in engine.hub.errors_for("/a/")[0]["message"]
    assert drain(tab) == ["overlay"]


def test_requests_render_stale_pages_first(site: Path) -> None:
    session = FakeSession(site)
    store = OutputStore()
    engine = ServeEngine(session, store, ReloadHub(store.canonical), Terminal(io.StringIO()))
    engine.session.load()
    engine._reload_site(announce=False)
    assert "gamma" in page(engine, "/c/")
    assert session.renders == ["/c/"]


def test_menu_change_rethemes_pages_without_rendering_bodies(engine: ServeEngine, site: Path) -> None:
    engine.session.chrome_renders.clear()
    write(site / "menu.md", "anything")
    engine.apply_changes([site / "menu.md"])
    assert engine.wait_until_built(timeout=10)
    assert sorted(engine.session.chrome_renders) == ["/a/", "/b/", "/c/"]
    engine.session.chrome_renders.clear()
    write(site / "pages" / "a.md", "title: A\nalpha again\ninclude: shared")
    engine.apply_changes([site / "pages" / "a.md"])
    assert engine.session.chrome_renders == []  # a body edit is a full render


def test_full_staleness_is_never_downgraded_to_chrome_only(engine: ServeEngine, site: Path) -> None:
    engine._render_open_then_rest({"/a/"})
    engine._render_open_then_rest({"/a/", "/b/"}, chrome_only=True)
    assert engine.wait_until_built(timeout=10)
    assert "/a/" not in engine.session.chrome_renders


def test_menu_and_page_edited_in_one_batch_renders_the_page_in_full(engine: ServeEngine, site: Path) -> None:
    write(site / "menu.md", "anything")
    write(site / "pages" / "c.md", "title: C\ngamma after checkout")
    engine.apply_changes([site / "menu.md", site / "pages" / "c.md"])
    assert "gamma after checkout" in page(engine, "/c/")


def test_many_page_edits_render_open_tabs_first_and_the_rest_behind(engine: ServeEngine, site: Path) -> None:
    tab = engine.hub.connect("/b/")
    engine.stop()  # no background fill: what is not open must wait for a request
    engine.session.renders.clear()
    for name in "abc":
        write(site / "pages" / f"{name}.md", f"title: {name.upper()}\n{name} switched")
    engine.apply_changes([site / "pages" / f"{name}.md" for name in "abc"])
    assert engine.session.renders == ["/b/"] and drain(tab) == ["reload"]
    assert "a switched" in page(engine, "/a/")


def test_while_one_request_waits_for_a_render_others_get_the_last_good_page(engine: ServeEngine, site: Path) -> None:
    """A crowd during a rebuild: one request renders, the next is not queued behind it, and is reloaded later."""
    tab = engine.hub.connect("/b/")
    write(site / "pages" / "a.md", "title: A\nalpha edited\ninclude: shared")
    write(site / "pages" / "b.md", "title: B\nbeta edited\ninclude: outer")
    with engine._render_lock:  # a long render in progress
        with engine._state_lock:
            engine._stale |= {"/a/", "/b/"}
        first: list[str] = []
        waiting = threading.Thread(target=lambda: first.append(page(engine, "/a/")), daemon=True)
        waiting.start()
        deadline = time.monotonic() + 10
        while engine._render_waiters == 0:
            assert time.monotonic() < deadline
            time.sleep(0.005)
        second: list[str] = []
        crowd = threading.Thread(target=lambda: second.append(page(engine, "/b/")), daemon=True)
        crowd.start()
        crowd.join(timeout=10)
        assert second and "beta edited" not in second[0] and "beta" in second[0], "served at once, last good version"
        assert not first, "the first request is still waiting for the renderer"
    waiting.join(timeout=10)
    assert first and "alpha edited" in first[0]
    assert engine.wait_until_built(timeout=10)
    assert "beta edited" in page(engine, "/b/")
    assert "reload" in drain(tab)
