"""The OpenMetadata corpus (read in place from ../shared) builds, and its pages render right."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from shared_data import OPENMETADATA_CONFIG as CONFIG
from shared_data import OPENMETADATA_DIR as CORPUS

from docgen.cli import main
from docgen.publish import SilentReporter, build_site
from docgen.site import Site, load_config
from docgen.site.cache import CACHE_DIR_ENV

pytestmark = pytest.mark.shared
OKTA_SOURCE = "content/v1.9.x/deployment/security/okta/index.md"


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    """One build of the corpus; output and image cache in tmp (../shared is never written)."""
    scratch = tmp_path_factory.mktemp("openmetadata")
    out = scratch / "site"
    site = Site.load(load_config(CORPUS, CONFIG))
    result = build_site(site, out, reporter=SilentReporter(), cache_dir=scratch / "cache")
    return site, result, out


@pytest.fixture(scope="module")
def collate_build(tmp_path_factory):
    """The same corpus built as the Collate edition (its collate-only pages and collateContent blocks)."""
    scratch = tmp_path_factory.mktemp("openmetadata-collate")
    config = load_config(CORPUS, CONFIG)
    site = Site.load(dataclasses.replace(config, edition="collate"))
    result = build_site(site, scratch / "site", reporter=SilentReporter(), cache_dir=scratch / "cache")
    return site, result, scratch / "site"


def _html(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


def _article(html: str) -> str:
    return re.split(r'<article class="dg-content"[^>]*>', html, maxsplit=1)[1].split("</article>", 1)[0]


def test_every_page_is_built(corpus_build):
    site, result, out = corpus_build
    assert result.pages == len(site.pages) > 300  # the oss edition leaves out the collate-only pages
    for page in site.pages:
        assert (out / page.url.strip("/") / "index.html").is_file(), page.url
    assert (out / "sitemap.xml").is_file() and (out / "404.html").is_file()
    assert (out / "latest" / "deployment" / "security" / "okta" / "index.html").is_file()


def test_okta_note_links_resolve_to_the_page_version(corpus_build):
    _, _, out = corpus_build
    article = _article(_html(out, "/v1.9.x/deployment/security/okta/"))
    note = article[: article.index("Create Server Credentials")]
    assert 'href="/v1.9.x/deployment/security/basic-auth/"' in note
    assert 'href="/v1.9.x/deployment/security/enable-jwt-tokens/"' in note


def test_okta_images_have_width_and_height(corpus_build):
    _, _, out = corpus_build
    article = _article(_html(out, "/v1.9.x/deployment/security/okta/"))
    images = re.findall(r"<img\b[^>]*>", article)
    names = ["create-oidc-app-integration", "click-applications", "create-app-integration"]
    for name in names:
        [tag] = [tag for tag in images if f"/okta/{name}.png" in tag]
        assert re.search(r'\bwidth="\d+"', tag) and re.search(r'\bheight="\d+"', tag), tag


def test_okta_links_to_both_flow_pages(corpus_build):
    _, _, out = corpus_build
    article = _article(_html(out, "/v1.9.x/deployment/security/okta/"))
    assert 'href="/v1.9.x/deployment/security/okta/implicit-flow/"' in article
    assert 'href="/v1.9.x/deployment/security/okta/auth-code-flow/"' in article


def test_okta_missing_partial_is_a_diagnostic_at_line_67_and_the_page_renders(corpus_build):
    _, result, out = corpus_build
    found = [d for d in result.diagnostics if d.file == OKTA_SOURCE and d.rule == "partial-missing"]
    assert [(d.line, d.column) for d in found] == [(67, 1)]
    assert "configure-ingestion.md" in found[0].message
    article = _article(_html(out, "/v1.9.x/deployment/security/okta/"))
    assert "Recommendation" in article and "Choose Your Authentication Flow" in article


def test_partials_with_variables_render_their_text(corpus_build):
    _, _, out = corpus_build
    atlas = _article(_html(out, "/v1.9.x/connectors/metadata/atlas/"))
    assert "Select Hive as the Service type" in atlas
    assert "Select Atlas as the Service type" in atlas
    assert "/images/v1.9/connectors/atlas/select-service.png" in atlas
    redshift = _article(_html(out, "/v1.9.x/connectors/database/redshift/yaml/"))
    assert "The Query Usage workflow will be using" in redshift
    assert "redshift-usage" in redshift


def test_headings_from_partials_are_in_the_toc(corpus_build):
    _, _, out = corpus_build
    html = _html(out, "/v1.9.x/connectors/database/redshift/yaml/")
    toc = html.split('class="dg-toc"', 1)[1].split("</aside>", 1)[0]
    assert "Query Usage" in toc


def test_diagnostics_by_rule_are_positioned(corpus_build):
    _, result, _ = corpus_build
    by_rule = Counter(d.rule for d in result.diagnostics)
    assert by_rule["partial-missing"] >= 1
    for diagnostic in result.diagnostics:
        assert diagnostic.file, diagnostic


def test_cli_builds_the_corpus_with_the_documented_command(tmp_path, monkeypatch):
    out = tmp_path / "om"
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))  # the CLI's cache goes to tmp, not beside the corpus
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--config", str(CONFIG), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1  # the corpus has authoring errors, such as the missing partial above
    assert "okta/index.md:67:1: error:" in result.output
    assert re.search(r"built \d+ pages, \d+ warnings?, \d+ errors?", result.output)


def test_the_corpus_image_faults_are_reported_where_they_are_referenced(corpus_build):
    """The oss build's image findings, by rule; a few checked by hand against the files.

    - unitycatalog/select-service.png: a PNG whose pixel data stops early (Pillow: "image file is truncated");
    - couchbase/service-connection.png: 0 bytes;
    - the add-announcement pages ask for announce7.png, the file is ANNOUNCE7.PNG;
    - databricks/Open-sql-warehouse.png: no such file (only select-sql-warehouse.png is there).
    The collate-only pages' faults (a JPEG named mention2.png, …) are not in this edition's build.
    """
    _site, result, _ = corpus_build
    found = [d for d in result.diagnostics if d.rule.startswith("image-")]
    assert Counter(d.rule for d in found) == {
        "image-missing": 7,
        "image-case-mismatch": 3,
        "image-undecodable": 1,
        "image-empty": 1,
    }
    at = {(d.file, d.line, d.column, d.rule, d.target) for d in found}
    # `src=$selectServicePath` in a partial: reported where the including page writes the path (as check does)
    pages = "content/v1.9.x/connectors/database"
    assert (
        f"{pages}/unity-catalog/index.md",
        166,
        25,
        "image-undecodable",
        "/images/v1.9/connectors/unitycatalog/select-service.png",
    ) in at
    assert (
        f"{pages}/couchbase/index.md",
        33,
        29,
        "image-empty",
        "/images/v1.9/connectors/couchbase/service-connection.png",
    ) in at
    announce = "/images/v1.9/how-to-guides/user-guide-for-data-stewards/announce7.png"
    for folder in ("data-collaboration", "user-guide-data-users"):
        assert (
            f"content/v1.9.x/how-to-guides/{folder}/add-announcement.md",
            36,
            6,
            "image-case-mismatch",
            announce,
        ) in at
    databricks = "/images/v1.9/connectors/databricks/Open-sql-warehouse.png"
    assert (
        "content/v1.9.x/connectors/database/databricks/troubleshooting.md",
        80,
        6,
        "image-missing",
        databricks,
    ) in at
    for d in found:  # every finding points at a line that holds the reference or the $variable standing for it
        line = (CORPUS / d.file).read_text(encoding="utf-8").split("\n")[d.line - 1]
        assert d.target in line or "{% image" in line, d


IMG_TAG = re.compile(r"<img\b[^>]*>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
VARIANT = re.compile(r"\.\d+w\.\w+$")


def _published_originals(out: Path, site: Site) -> set[str]:
    """URLs of the original image files the build copied (variants left out): the images some page showed."""
    root = out / site.config.images_url.strip("/")
    return {
        site.config.images_url + "/" + path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and not VARIANT.search(path.name)
    }


def _markdown_image_sources(site: Site) -> set[str]:
    """Sources of Markdown images (`![alt](src)`, not tags) in the pages and every partial file."""
    files = [page.source for page in site.pages] + sorted(
        path for path in site.config.partials_dir.rglob("*.md") if path.is_file()
    )
    return {
        node.attributes["src"]
        for path in files
        for node in site.parse_file(path).walk()
        if node.type == "image" and isinstance(node.attributes.get("src"), str)
    }


@pytest.mark.parametrize("edition", ["oss", "collate"])
def test_every_existing_image_on_every_built_page_has_its_width_and_height(corpus_build, collate_build, edition):
    """Issue 4, acceptance 3, on the built HTML of both editions: tags and Markdown images alike.

    Each `<img>` of each page whose file exists carries the file's own size. Coverage is
    checked from the other side too: every image the build published (it copies only
    images a page showed) was seen sized on some page, and so was every Markdown image.
    """
    site, result, out = corpus_build if edition == "oss" else collate_build
    assert result.pages == len(site.pages)
    sized: set[str] = set()
    wrong = []
    for page in site.pages:
        for tag in IMG_TAG.findall(_article(_html(out, page.url))):
            attributes = dict(ATTRIBUTE.findall(tag))
            src = attributes.get("src", "")
            path = site.config.images_dir / src.removeprefix(site.config.images_url + "/")
            if not src.startswith(site.config.images_url + "/") or not path.is_file() or path.stat().st_size == 0:
                continue  # missing, wrong-case and empty files have no size to give (the build reports them)
            with Image.open(path) as image:
                if (attributes.get("width"), attributes.get("height")) != (str(image.width), str(image.height)):
                    wrong.append((page.rel_path, src, attributes.get("width"), attributes.get("height")))
            sized.add(src)
    assert wrong == []
    published = {url for url in _published_originals(out, site) if (out / url.lstrip("/")).stat().st_size}
    assert published == sized and len(sized) > 400
    markdown = {
        src
        for src in _markdown_image_sources(site)
        if (site.config.images_dir / src.removeprefix("/images/")).is_file()
    }
    assert markdown <= sized
    assert markdown or edition == "oss"  # the corpus' Markdown images are on a collate-only page


# --------------------------------------------------------------------------- structure readers rely on


class _Structure(HTMLParser):
    """What a reader relies on in one built page: h1s, breadcrumbs, prev/next, figures, meta."""

    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.navs: set[str] = set()
        self.meta: set[str] = set()
        self.alternate = ""
        self.figures: list[list[str]] = []  # [img alt, caption text] per figure
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "h1":
            self.h1 += 1
        elif tag == "nav":
            self.navs.update(classes)
        elif tag == "meta":
            self.meta.add(attributes.get("property") or attributes.get("name") or "")
        elif tag == "link" and attributes.get("type") == "text/markdown":
            self.alternate = attributes.get("href") or ""
        elif tag == "figure":
            self.figures.append(["", ""])
        elif tag == "img" and self.figures:
            self.figures[-1][0] = attributes.get("alt") or ""
        elif tag == "figcaption":
            self._caption = []

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption" and self._caption is not None and self.figures:
            self.figures[-1][1] = "".join(self._caption).strip()
            self._caption = None


def _structure(out: Path, url: str) -> _Structure:
    parser = _Structure()
    parser.feed(_html(out, url))
    return parser


def test_every_corpus_page_has_exactly_one_h1(corpus_build):
    """87 pages had none (the connector name was a <p>) and 16 several; now each has one."""
    site, _, out = corpus_build
    counts = {page.url: _structure(out, page.url).h1 for page in site.pages}
    assert {url: n for url, n in counts.items() if n != 1} == {}
    assert len(counts) == len(site.pages) > 300


def test_pages_outside_the_menu_get_breadcrumbs_and_previous_next(corpus_build):
    site, _, out = corpus_build
    nav = site.navigation("v1.9.x")
    outside = [page for page in site.pages if nav.node_for(page) is None]
    assert len(outside) >= 30  # 36 in the corpus
    missing = [page.url for page in outside if not {"dg-breadcrumbs", "dg-prevnext"} <= _structure(out, page.url).navs]
    assert missing == []


def test_alt_text_is_not_shown_as_a_caption(corpus_build):
    """349 images showed their slug-like alt text ("okta-sso-step-3") as a caption; captions now come
    only from `caption` attributes (which the corpus sometimes sets to the alt text: that stays)."""
    site, _, out = corpus_build
    slug = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
    shown = [(page.url, caption) for page in site.pages for _, caption in _structure(out, page.url).figures]
    assert [item for item in shown if slug.match(item[1])] == []
    assert len(shown) > 300  # the real captions stay


def test_every_page_has_social_card_meta_and_a_markdown_rendition(corpus_build):
    site, _, out = corpus_build
    for page in site.pages:
        parsed = _structure(out, page.url)
        assert {"og:site_name", "og:title", "twitter:card", "twitter:title"} <= parsed.meta, page.url
        assert parsed.alternate == page.url + "index.md"
        markdown = (out / page.url.strip("/") / "index.md").read_text(encoding="utf-8")
        assert markdown.startswith("# ") or "\n# " in markdown, page.url
        assert not re.search(r"\{%|%\}", markdown), f"{page.url}: a Markdoc tag is left"


def test_llms_txt_lists_every_indexable_page_once(corpus_build):
    site, _, out = corpus_build
    text = (out / "v1.9.x" / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# OpenMetadata\n\n> ")
    links = re.findall(r"^- \[[^\]]+\]\(([^)]+)\)", text, re.M)
    wanted = [page.url + "index.md" for page in site.pages if not page.noindex]
    assert sorted(links) == sorted(wanted)
    assert (out / "llms.txt").read_text(encoding="utf-8") == text
