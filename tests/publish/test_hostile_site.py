"""The hostile site (tests/publish/hostile_site.py): build and check finish quickly with the expected findings,
and no page of the output holds a script URL, an event handler or anything from outside the site."""

from __future__ import annotations

from collections import Counter

import pytest
from fuzzing import theme_allowed, unsafe_markup
from hostile_site import OUTSIDE_MARKER, SCRIPT_URLS, write_hostile_site

from docgen.check import CheckOptions, check_site
from docgen.publish import build_site
from docgen.site import Site, load_config


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, png_bytes):
    root = tmp_path_factory.mktemp("hostile")
    site_dir = write_hostile_site(root)
    out = root / "out"
    result = build_site(Site.load(load_config(site_dir)), out, jobs=1, cache_dir=root / "cache")
    checked = check_site(Site.load(load_config(site_dir)), CheckOptions(cache=False))
    return site_dir, out, result, checked, theme_allowed(png_bytes(40, 30))


def _rules(diagnostics) -> Counter:
    return Counter(diagnostic.rule for diagnostic in diagnostics)


def test_every_script_url_is_an_error_in_build_and_check(hostile):
    _, _, result, checked, _ = hostile
    # per script URL: tile, inlineCallout, connectorInfoCard, youtube url, image src and a menu entry (markdown-it
    # already leaves script URLs in Markdown links as text); plus an ssh: link and a data: image in Markdown
    expected = len(SCRIPT_URLS) * 6 + 2
    assert _rules(result.diagnostics)["url-unsafe"] == expected
    assert _rules(checked)["url-unsafe"] == expected
    for diagnostic in result.diagnostics:
        if diagnostic.rule == "url-unsafe":
            assert diagnostic.file in ("content/v1/xss.md", "content/v1/menu.md") and diagnostic.line


def test_the_output_has_no_script_url_handler_or_outside_content(hostile):
    _, out, _, _, allowed = hostile
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert unsafe_markup(text, allowed) == [], page
        assert OUTSIDE_MARKER not in text, page
    for path in out.rglob("*"):
        if path.is_file() and path.suffix not in (".html",):
            assert OUTSIDE_MARKER.encode() not in path.read_bytes(), path


def test_schemes_the_config_adds_are_published(hostile):
    _, out, _, _, _ = hostile
    assert 'href="tel:+123"' in (out / "v1" / "xss" / "index.html").read_text(encoding="utf-8")
