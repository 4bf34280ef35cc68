"""docgen serve answers what the build writes for tools: Markdown renditions, llms.txt, redirects, favicon."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from docgen.serve.engine import ServeEngine, Terminal
from docgen.serve.livereload import ReloadHub
from docgen.serve.session import SiteSession
from docgen.serve.store import Found, OutputStore


@pytest.fixture()
def engine(tmp_path: Path, write_tree):
    write_tree(
        tmp_path,
        {
            "docgen.toml": 'title = "Docs"\n\n[redirects]\n"/old/guide" = "/v1/guide/"\n',
            "content/v1/index.md": "---\ntitle: Home\n---\n\nWelcome.\n",
            "content/v1/guide.md": "---\ntitle: Guide\n---\n\n# Guide\n\n{% note %}\nA **note**.\n{% /note %}\n",
        },
    )
    session = SiteSession(tmp_path)
    store = OutputStore()
    engine = ServeEngine(session, store, ReloadHub(store.canonical), Terminal(io.StringIO()))
    engine.start()
    assert engine.wait_until_built(timeout=30)
    yield engine
    engine.stop()


def _get(engine: ServeEngine, url: str) -> Found:
    found = engine.store.resolve(url)
    assert isinstance(found, Found), url
    return found


def test_serve_answers_the_markdown_rendition_of_a_page(engine):
    found = _get(engine, "/v1/guide/index.md")
    assert found.content_type.startswith("text/markdown")
    text = found.read().decode()
    assert text.startswith("# Guide\n") and "A **note**." in text and "{%" not in text
    assert 'type="text/markdown" href="/v1/guide/index.md"' in _get(engine, "/v1/guide/").read().decode()


def test_serve_answers_llms_txt_redirects_and_the_favicon(engine):
    assert "- [Guide](/v1/guide/index.md)" in _get(engine, "/v1/llms.txt").read().decode()
    assert _get(engine, "/llms.txt").read() == _get(engine, "/v1/llms.txt").read()
    redirect = _get(engine, "/old/guide/").read().decode()
    assert 'http-equiv="refresh" content="0; url=/v1/guide/"' in redirect
    assert _get(engine, "/_docgen/favicon.svg").read().startswith(b"<svg")
