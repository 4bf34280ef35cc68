"""`docgen serve` of an unversioned site (tests/sites/flat): every page renders, the graph maps partials to pages."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from docgen.serve.engine import Change, ServeEngine, Terminal
from docgen.serve.livereload import ReloadHub
from docgen.serve.session import SiteSession
from docgen.serve.store import Found, OutputStore

FLAT = Path(__file__).resolve().parents[1] / "sites" / "flat"


@pytest.fixture()
def served(tmp_path: Path):
    site = shutil.copytree(FLAT, tmp_path / "flat")
    session = SiteSession(site)
    store = OutputStore()
    engine = ServeEngine(session, store, ReloadHub(store.canonical), Terminal(io.StringIO()))
    engine.start()
    assert engine.wait_until_built(timeout=60)
    yield engine, session, site
    engine.stop()


def _html(engine: ServeEngine, url: str) -> str:
    found = engine.store.resolve(url)
    assert isinstance(found, Found), url
    return found.read().decode()


def test_every_page_renders_at_its_unversioned_url(served):
    engine, session, _ = served
    assert sorted(session.page_urls()) == ["/", "/guides/", "/guides/install/", "/reference/settings/"]
    for url in session.page_urls():
        assert "<h1" in _html(engine, url)
    assert "Flat docs" in _html(engine, "/")
    assert _html(engine, "/index.md").startswith("# Flat docs")  # the root page's Markdown rendition, beside it
    assert not isinstance(engine.store.resolve("/latest/guides/"), Found)
    assert session.aliases() == {}


def test_the_graph_maps_the_partial_to_its_page(served):
    engine, session, site = served
    partial = (site / "partials" / "requirements.md").resolve()
    assert engine.graph.dependents([partial]) == {(site / "pages" / "guides" / "install.md").resolve()}
    assert session.classify(site / "pages" / "guides" / "install.md") == (Change.PAGE, "")
    assert session.classify(site / "pages" / "menu.md") == (Change.MENU, "")
    tab, other = engine.hub.connect("/guides/install/"), engine.hub.connect("/reference/settings/")
    partial.write_text("You need Python 3.12 now.\n")
    engine.apply_changes([partial])
    assert engine.wait_until_built(timeout=60)
    assert "Python 3.12 now" in _html(engine, "/guides/install/")
    assert _events(tab) == ["reload"] and _events(other) == []  # live reload reaches the including page only


def _events(client) -> list[str]:
    names = []
    while not client.queue.empty():
        names.append(client.queue.get().name)
    return names


def test_a_page_edit_is_served(served):
    engine, _, site = served
    page = site / "pages" / "reference" / "settings.md"
    page.write_text(page.read_text().replace("Colours are set per page.", "Colours are set per site."))
    engine.apply_changes([page])
    assert engine.wait_until_built(timeout=60)
    assert "Colours are set per site." in _html(engine, "/reference/settings/")
