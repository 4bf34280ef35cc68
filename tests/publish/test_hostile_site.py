"""The hostile site (tests/publish/hostile_site.py): build and check finish quickly with the expected findings,
and no page of the output holds a script URL, an event handler or anything from outside the site."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest
from fuzzing import theme_allowed, unsafe_markup
from hostile_site import OUTSIDE_LINKS, OUTSIDE_MARKER, SCRIPT_URLS, UNSAFE_SVGS, write_hostile_site

from docgen.check import CheckOptions, check_site
from docgen.publish import build_site
from docgen.site import Site, load_config


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, png_bytes):
    root = tmp_path_factory.mktemp("hostile")
    site_dir = write_hostile_site(root, png_bytes(20, 20))
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


def _at(diagnostics, rule: str) -> list[str]:
    return sorted(f"{d.file}:{d.line}:{d.target}" for d in diagnostics if d.rule == rule)


def test_unsafe_svgs_pixel_bombs_and_undecodable_images_are_errors_and_not_published(hostile):
    _, out, result, checked, _ = hostile
    unsafe = {f"/images/v1/{name}" for name in UNSAFE_SVGS} - {"/images/v1/doctype.svg"}
    for found in (result.diagnostics, checked):
        assert {d.target for d in found if d.rule == "svg-unsafe"} == unsafe
        assert {d.target for d in found if d.rule == "image-too-many-pixels"} == {"/images/v1/bomb.png"}
        undecodable = {d.target for d in found if d.rule == "image-undecodable"}
        assert undecodable == {"/images/v1/garbage.png", "/images/v1/doctype.svg"}  # entities: refused unparsed
        assert all(d.file == "content/v1/images.md" and d.line for d in found if d.rule == "svg-unsafe")
    published = {path.name for path in (out / "images" / "v1").iterdir()} if (out / "images" / "v1").exists() else set()
    assert published & (set(UNSAFE_SVGS) | {"bomb.png", "garbage.png"}) == set()
    assert "safe.svg" in published
    page = (out / "v1" / "images" / "index.html").read_text(encoding="utf-8")
    for name in [*UNSAFE_SVGS, "bomb.png", "garbage.png"]:
        assert name not in page


def test_pillow_warnings_never_reach_stderr(hostile):
    site_dir, _, _, _, _ = hostile
    for command in (["check", str(site_dir)], ["build", str(site_dir), "--out", str(site_dir.parent / "out2")]):
        run = subprocess.run([sys.executable, "-m", "docgen", *command], capture_output=True, text=True, timeout=120)
        assert run.returncode == 1, run.stderr  # the hostile site's errors
        assert "DecompressionBomb" not in run.stderr and "Traceback" not in run.stderr
        assert "image-too-many-pixels" in run.stdout + run.stderr


def test_billion_laughs_partials_stop_at_the_budget_with_one_finding_naming_the_chain(hostile):
    _, out, result, checked, _ = hostile
    for found in (result.diagnostics, checked):
        budget = [d for d in found if d.rule == "partial-budget"]
        assert len(budget) == 1, budget
        assert budget[0].file.startswith("partials/v1/laugh") and budget[0].line
        assert "laugh0.md → " in budget[0].message and "1,000 partials" in budget[0].message
    page = (out / "v1" / "laughs" / "index.html").read_text(encoding="utf-8")
    assert 100 < page.count("lol") <= 1_001


def test_a_large_page_is_a_warning_and_a_huge_one_is_skipped(hostile):
    _, out, result, checked, _ = hostile
    for found in (result.diagnostics, checked):
        assert {(d.rule, d.file) for d in found if d.rule in ("page-large", "page-too-large")} == {
            ("page-large", "content/v1/large.md"),
            ("page-too-large", "content/v1/huge.md"),
        }
    assert (out / "v1" / "large" / "index.html").is_file()
    assert not (out / "v1" / "huge").exists()


def test_symlinks_out_of_the_site_are_findings_and_not_followed(hostile):
    site_dir, out, result, checked, _ = hostile
    for found in (result.diagnostics, checked):
        links = {d.file: d.target for d in found if d.rule == "symlink-outside"}
        assert set(links) == set(OUTSIDE_LINKS)
        assert all(target.startswith(str(site_dir.parent.resolve() / "outside")) for target in links.values())
        assert {d.target for d in found if d.rule == "partial-missing" and d.file == "content/v1/links.md"} == {
            "/v1/leak.md"
        }
        refused_images = {d.target for d in found if d.rule == "image-missing" and "symlink" in d.message}
        assert refused_images == {"/images/v1/leak.png", "/images/v1/linked-folder/secret.png"}
        assert not [d for d in found if d.rule == "image-undecodable" and d.file == "content/v1/links.md"]
    assert not (out / "v1" / "leak").exists()
    assert not list(out.rglob("leak.png")) and not list(out.rglob("secret.png"))
