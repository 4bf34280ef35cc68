"""`build_site` on a small two-version site: what is written, and how it behaves when things go wrong."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from build_helpers import many_pages_files, page_source

import docgen.render.document as document_module
from docgen.publish import build_command, build_site
from docgen.publish.output import TEMP_MARKER
from docgen.site import Site, load_config
from docgen.theme import Theme


def _build(site_dir: Path, out: Path, **options):
    site = Site.load(load_config(site_dir))
    return build_site(site, out, **options)


def _read(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


def test_every_page_and_the_shared_files_are_written(small_site, tmp_path):
    out = tmp_path / "out"
    result = _build(small_site, out)
    assert result.pages == 5
    for url in ["/v1/", "/v1/guide/install/", "/v2/", "/v2/guide/install/", "/v2/guide/deploy/"]:
        assert "<html" in _read(out, url), url
    assert (out / "404.html").is_file()
    assert "Page not found" in (out / "404.html").read_text()
    assert (out / "latest" / "guide" / "install" / "index.html").read_bytes() == (
        out / "v2" / "guide" / "install" / "index.html"
    ).read_bytes()
    assert "url=/v2/" in (out / "index.html").read_text()
    css = [p for p in (out / "_docgen").iterdir() if p.suffix == ".css"]
    assert len(css) == 1 and ".highlight" in css[0].read_text()


def test_sitemap_has_absolute_urls_of_indexable_pages(small_site, tmp_path):
    out = tmp_path / "out"
    _build(small_site, out)
    sitemap = (out / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert "https://docs.example.org/v2/guide/install/" in locs
    assert "https://docs.example.org/v1/" in locs
    assert not any("deploy" in loc for loc in locs), "noindex pages stay out of the sitemap"
    assert not any("/latest/" in loc for loc in locs)


def test_page_body_partial_toc_and_links(small_site, tmp_path):
    out = tmp_path / "out"
    result = _build(small_site, out)
    html = _read(out, "/v2/guide/install/")
    assert "Thank you for choosing Lumen today." in html
    assert 'href="#requirements"' in html and 'href="#steps"' in html
    home = _read(out, "/v2/")
    assert 'href="/v2/guide/install/"' in home and 'href="/v2/guide/deploy/"' in home
    assert result.errors == 0 and result.warnings == 0, [str(d) for d in result.diagnostics]


def test_only_referenced_images_are_copied_with_their_size(small_site, tmp_path):
    out = tmp_path / "out"
    result = _build(small_site, out)
    assert (out / "images" / "v2" / "screen.png").is_file()
    assert not (out / "images" / "v2" / "unused.png").exists()
    html = _read(out, "/v2/guide/install/")
    assert re.search(r'<img[^>]*width="320"[^>]*height="200"', html) or re.search(
        r'<img[^>]*height="200"[^>]*width="320"', html
    )
    assert result.images == 1


def test_sidebar_marks_the_current_page_and_breadcrumbs_follow_the_menu(small_site, tmp_path):
    out = tmp_path / "out"
    _build(small_site, out)
    html = _read(out, "/v2/guide/deploy/")
    sidebar = html.split('class="dg-sidebar"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/v2/guide/deploy/" aria-current="page">Deploy</a>' in sidebar
    assert sidebar.count('aria-current="page"') == 1
    assert "<details open>" in sidebar
    crumbs = html.split('class="dg-breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Guide" in crumbs and "Deploy" in crumbs


def test_version_switcher_keeps_the_page_or_goes_home(small_site, tmp_path):
    out = tmp_path / "out"
    _build(small_site, out)
    install = _read(out, "/v2/guide/install/").split('class="dg-versions"', 1)[1].split("</details>", 1)[0]
    assert 'href="/v1/guide/install/"' in install
    deploy = _read(out, "/v2/guide/deploy/").split('class="dg-versions"', 1)[1].split("</details>", 1)[0]
    assert 'href="/v1/"' in deploy, "no deploy page in v1: the switcher goes to v1's home"


def _count_template_renders(monkeypatch, log: Path) -> Callable[[], Counter]:
    """Count Theme.render calls by template, in this process and in forked workers (via a log file)."""
    original = Theme.render

    def counting(self, name, **context):
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(name + "\n")
        return original(self, name, **context)

    monkeypatch.setattr(Theme, "render", counting)
    return lambda: Counter(log.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("jobs", [1, 2])
def test_sidebar_is_rendered_once_per_branch_not_per_page(tmp_path, monkeypatch, write_tree, jobs):
    root = tmp_path / "many"
    write_tree(root, many_pages_files(per_version=30))
    counts = _count_template_renders(monkeypatch, tmp_path / "renders.log")
    result = _build(root, tmp_path / "out", jobs=jobs)
    assert result.pages == 62
    assert counts()["page.html"] == 62
    assert counts()["sidebar.html"] == 4  # per version: the top level (home), the section's branch


def test_parallel_build_writes_the_same_site(tmp_path, write_tree):
    root = tmp_path / "many"
    write_tree(root, many_pages_files(per_version=40))
    serial = _build(root, tmp_path / "serial", jobs=1)
    parallel = _build(root, tmp_path / "parallel", jobs=2)
    assert serial.pages == parallel.pages == 82
    files = sorted(p.relative_to(tmp_path / "serial") for p in (tmp_path / "serial").rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(tmp_path / "parallel") for p in (tmp_path / "parallel").rglob("*") if p.is_file()
    )
    for rel in files:
        assert (tmp_path / "serial" / rel).read_bytes() == (tmp_path / "parallel" / rel).read_bytes(), rel


@pytest.mark.parametrize("jobs, exception", [(1, KeyboardInterrupt), (1, RuntimeError), (2, RuntimeError)])
def test_interrupted_build_leaves_previous_output_intact(tmp_path, monkeypatch, write_tree, jobs, exception):
    root = tmp_path / "many"
    write_tree(root, many_pages_files(per_version=30))
    out = tmp_path / "out"
    _build(root, out, jobs=1)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "content" / "v1" / "index.md").write_text(page_source("Changed", "New text.\n"), encoding="utf-8")

    original = document_module.render_page
    calls = []

    def failing(site, page, **options):
        calls.append(page.url)
        if len(calls) == 7:
            raise exception("stopped midway")
        return original(site, page, **options)

    monkeypatch.setattr(document_module, "render_page", failing)
    with pytest.raises(exception):  # every page renders (tests/publish/test_incremental.py: cached pages)
        _build(root, out, jobs=jobs, incremental=False)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if TEMP_MARKER in p.name] == []


def test_exit_status_zero_when_clean(small_site, tmp_path):
    assert build_command(small_site, out_dir=tmp_path / "out") == 0


def test_exit_status_one_on_errors_and_content_still_renders(small_site, tmp_path):
    page = small_site / "content" / "v2" / "guide" / "deploy.md"
    page.write_text(
        page_source("Deploy", 'Before.\n\n{% partial file="/v2/nowhere.md" /%}\n\nAfter.\n'), encoding="utf-8"
    )
    out = tmp_path / "out"
    site = Site.load(load_config(small_site))
    result = build_site(site, out)
    [missing] = [d for d in result.diagnostics if d.rule == "partial-missing"]
    assert (missing.file, missing.line) == ("content/v2/guide/deploy.md", 9)
    assert "Before." in _read(out, "/v2/guide/deploy/") and "After." in _read(out, "/v2/guide/deploy/")
    assert build_command(small_site, out_dir=out) == 1


def test_strict_fails_on_warnings(small_site, tmp_path):
    page = small_site / "content" / "v2" / "guide" / "deploy.md"
    page.write_text("---\ntitle: Deploy\nTitle: again\n---\n\nText.\n", encoding="utf-8")
    with (small_site / "docgen.toml").open("a", encoding="utf-8") as config:
        config.write('\n[check]\nrules = { "page-invalid" = "warning" }\n')
    out = tmp_path / "out"
    assert build_command(small_site, out_dir=out) == 0
    assert build_command(small_site, out_dir=out, strict=True) == 1


def test_unknown_tag_is_reported_with_position_and_children_render(small_site, tmp_path):
    page = small_site / "content" / "v2" / "guide" / "deploy.md"
    page.write_text("---\ntitle: Deploy\n---\n\n{% mystery %}\nInside text.\n{% /mystery %}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _build(small_site, out)
    found = [d for d in result.diagnostics if d.rule == "markdoc/tag-undefined"]
    assert [(d.file, d.line, d.column) for d in found] == [("content/v2/guide/deploy.md", 5, 1)]
    assert "Inside text." in _read(out, "/v2/guide/deploy/")


def test_output_folder_may_not_replace_the_sources(small_site):
    from docgen.site import ConfigError

    with pytest.raises(ConfigError, match="output_dir"):
        build_command(small_site, out_dir=small_site)


def test_site_theme_folder_overrides_templates_and_static_files(small_site, tmp_path, write_tree):
    write_tree(
        small_site,
        {
            "theme/templates/toc.html": '<aside class="my-toc">{{ toc|length }} headings</aside>',
            "theme/static/extra.txt": "hello",
        },
    )
    out = tmp_path / "out"
    _build(small_site, out)
    assert '<aside class="my-toc">2 headings</aside>' in _read(out, "/v2/guide/install/")
    assert (out / "_docgen" / "extra.txt").read_text() == "hello"


def test_previous_and_next_follow_the_menu_order(small_site, tmp_path):
    out = tmp_path / "out"
    _build(small_site, out)
    links = _read(out, "/v2/guide/install/").split('class="dg-prevnext"', 1)[1].split("</nav>", 1)[0]
    assert re.search(r'class="dg-prev" href="/v2/"[^>]*><small>[^<]*</small>Welcome</a>', links)
    assert re.search(r'class="dg-next" href="/v2/guide/deploy/"[^>]*><small>[^<]*</small>Deploy</a>', links)


def test_a_build_does_not_keep_the_pages_parsed(small_site, tmp_path):
    """Memory stays flat with the site's size: each page's AST is dropped once its page is written."""
    site = Site.load(load_config(small_site))
    build_site(site, tmp_path / "out", jobs=1, incremental=False)
    kept = set(site._parse_cache._entries)
    assert not kept & {page.source for page in site.pages}
    assert any("partials" in path.parts for path in kept)  # partials are shared by pages: they stay
