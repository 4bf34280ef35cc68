"""The OpenMetadata corpus (read in place from ../shared) builds, and its pages render right."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.build import SilentReporter, build_site
from docgen.cli import main
from docgen.site import Site, load_config

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus" / "openmetadata"
CONFIG = REPO / "tests" / "corpus" / "openmetadata.toml"
OKTA_SOURCE = "content/v1.9.x/deployment/security/okta/index.md"


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("openmetadata") / "site"
    site = Site.load(load_config(CORPUS, CONFIG))
    result = build_site(site, out, reporter=SilentReporter())
    return site, result, out


def _html(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html.split('<article class="dg-content">', 1)[1].split("</article>", 1)[0]


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


def test_cli_builds_the_corpus_with_the_documented_command(tmp_path):
    out = tmp_path / "om"
    result = CliRunner().invoke(main, ["build", str(CORPUS), "--config", str(CONFIG), "--out", str(out)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1  # the corpus has authoring errors, such as the missing partial above
    assert "okta/index.md:67:1: error:" in result.output
    assert re.search(r"built \d+ pages, \d+ warnings?, \d+ errors?", result.output)
