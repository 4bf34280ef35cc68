"""PageContext: the RenderContext of one page, its records and its findings."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from site_helpers import OPENMETADATA_LAYOUT, page

from docgen.diagnostics import Severity
from docgen.site.context import PageContext
from docgen.tags.context import ImageRef, RenderContext


def node_at(file: str | None, line: int, character: int = 0):
    """A stand-in for a Markdoc node: only `location` and `lines` matter to the context."""
    location = {"file": file, "start": {"line": line, "character": character}} if file else {}
    return SimpleNamespace(location=location, lines=[line, line + 1])


def files(png):
    return {
        "content/v1.9.x/guide/okta.md": page("Okta", slug="/deployment/security/okta"),
        "content/v1.9.x/deployment/security/basic-auth.md": page("Basic"),
        "content/v1.9.x/paid.md": page("Paid", collate=True),
        "content/v1.8.x/deployment/security/basic-auth.md": page("Basic 1.8"),
        "content/partials/v1.9/setup.md": "## Setup\n",
        "public/images/v1.9/okta/login.png": png(40, 30),
        "public/images/v1.9/okta/Upper.png": png(10, 10),
    }


@pytest.fixture
def site(make_site, png_bytes):
    return make_site(files(png_bytes), OPENMETADATA_LAYOUT + 'base_url = "https://docs.example.org/om/"\n')


@pytest.fixture
def context(site):
    return PageContext(site, site.page_for_url("/v1.9.x/deployment/security/okta/"))


def test_implements_render_context(context):
    assert isinstance(context, RenderContext)
    assert (context.edition, context.version) == ("oss", "v1.9.x")


def test_resolve_link_records_and_applies_base_path(context):
    node = node_at("content/v1.9.x/guide/okta.md", 14, 4)
    assert (
        context.resolve_link("/deployment/security/basic-auth#top", node)
        == "/om/v1.9.x/deployment/security/basic-auth/#top"
    )
    assert context.resolve_link("https://okta.com", node) == "https://okta.com"
    assert context.resolve_link("#local", node) == "#local"
    first = context.links[0]
    assert first.resolved.page.title == "Basic" and first.position.line == 15 and first.position.column == 5
    assert [r.resolved.broken for r in context.links] == [False, False, False]


def test_links_in_a_partial_resolve_in_the_including_pages_version(site):
    older = PageContext(site, site.page_for_url("/v1.8.x/deployment/security/basic-auth/"))
    in_partial = node_at("content/partials/v1.9/setup.md", 0)
    assert (
        older.resolve_link("/deployment/security/basic-auth", in_partial)
        == "/om/v1.8.x/deployment/security/basic-auth/"
    )
    assert older.links[0].position.file == "content/partials/v1.9/setup.md"


def test_image_sizes_and_urls(context):
    node = node_at("content/v1.9.x/guide/okta.md", 20)
    ref = context.image("/images/v1.9/okta/login.png", node)
    assert ref == ImageRef(url="/om/images/v1.9/okta/login.png", width=40, height=30)
    assert context.image("https://img.shields.io/x.svg", node) is None
    assert context.image("/images/v1.9/okta/missing.png", node) is None
    assert [r.src for r in context.images] == [
        "/images/v1.9/okta/login.png",
        "https://img.shields.io/x.svg",
        "/images/v1.9/okta/missing.png",
    ]
    assert context.images[0].asset.rel == "v1.9/okta/login.png"


def test_image_publisher_receives_source_and_output_path(site):
    published = []

    def publish(source, rel):
        published.append((source.name, rel))
        return ImageRef(url="/" + rel, width=1, height=1)

    context = PageContext(site, site.pages[0], image_publisher=publish)
    context.image("/images/v1.9/okta/login.png", node_at(None, 0))
    assert published == [("login.png", "images/v1.9/okta/login.png")]


def test_heading_ids_unique_and_explicit_wins(context):
    assert context.heading_id("Setup", None) == "setup"
    assert context.heading_id("Setup", None) == "setup-1"
    assert context.heading_id("Anything", "custom") == "custom"
    context.add_heading(2, "Setup", "setup")
    assert [(h.level, h.text, h.id) for h in context.headings] == [(2, "Setup", "setup")]


def test_report_positions_in_page_or_partial(context):
    context.report(node_at("content/partials/v1.9/setup.md", 0, 2), "partial-variable-undefined", "error", "boom", "x")
    context.report(node_at(None, 66), "markdoc/attribute-undefined", "warning", "odd")
    first, second = context.diagnostics
    assert (first.file, first.line, first.column, first.severity, first.target) == (
        "content/partials/v1.9/setup.md",
        1,
        3,
        Severity.ERROR,
        "x",
    )
    assert (second.file, second.line, second.severity) == ("content/v1.9.x/guide/okta.md", 67, Severity.WARNING)


def test_next_image_index_counts_from_zero(context):
    assert [context.next_image_index() for _ in range(3)] == [0, 1, 2]


def test_partials_mapping_records_lookups(context, site):
    partials = context.partials
    assert "/v1.9/setup.md" in partials
    assert partials.get("/v1.9/absent.md") is None
    records = context.partial_records
    assert records["/v1.9/setup.md"].path == site.config.partials_dir / "v1.9" / "setup.md"
    assert records["/v1.9/absent.md"].path is None
    assert "/v1.9/setup.md" in list(partials)


def test_markdoc_config_carries_context_and_partials(context):
    config = context.markdoc_config({"x": 1})
    assert config["docgen"] is context and config["partials"] is context.partials
    assert config["variables"] == {"x": 1, "markdoc": {"frontmatter": context.page.front_matter}}
    assert "note" in config["tags"]  # the fixture enables the OpenMetadata tag set


def render(site, context):
    """Parse, transform and render the context's page the way a build does."""
    from docgen import markdoc

    ast = site.parse_page(context.page)
    return markdoc.render_html(markdoc.transform(ast, context.markdoc_config()))


def test_partial_is_parsed_once_and_positions_name_the_partial(make_site, tmp_path):
    site = make_site(
        {
            "content/v1/a.md": page("A", body='{% partial file="/v1/bit.md" variables={who: "B"} /%}\n'),
            "content/v1/b.md": page("B"),
            "partials/v1/bit.md": "## Hello {% $who %}\n\nSee [B](/b).\n",
        }
    )
    partials = site.partials("v1")
    first = partials["/v1/bit.md"]
    assert partials["/v1/bit.md"] is first
    assert {n.location.get("file") for n in first.walk() if n.location} == {"partials/v1/bit.md"}
    context = PageContext(site, site.page_for_url("/v1/a/"))
    html = render(site, context)
    assert "Hello B" in html and 'href="/v1/b/"' in html
    assert [(h.text, h.id) for h in context.headings] == [("Hello B", "hello-b")]
    assert context.links[0].position.file == "partials/v1/bit.md"
    bit = tmp_path / "partials" / "v1" / "bit.md"
    bit.write_text("Changed text, longer than before.\n")
    assert partials["/v1/bit.md"] is not first  # re-parsed after the edit


def test_openmetadata_okta_page_renders_through_the_context(openmetadata_site):
    site = openmetadata_site
    okta = site.page_for_url("/v1.9.x/deployment/security/okta/")
    context = PageContext(site, okta)
    html = render(site, context)
    assert 'href="/v1.9.x/deployment/security/basic-auth/"' in html
    assert 'href="/v1.9.x/deployment/security/enable-jwt-tokens/"' in html
    assert 'href="/v1.9.x/deployment/security/okta/auth-code-flow/"' in html
    sized = [record.ref for record in context.images]
    assert len(sized) == 3 and all(ref.width and ref.height for ref in sized)
    assert context.partial_records["/v1.9/deployment/configure-ingestion.md"].path is None
    missing = [d for d in context.diagnostics if d.rule == "partial-missing"]
    assert [(d.file, d.line) for d in missing] == [("content/v1.9.x/deployment/security/okta/index.md", 67)]
    assert [h.id for h in context.headings][:3] == [
        "okta-sso",  # the page's h1 (every heading is collected; the TOC keeps levels 2 and 3)
        "create-server-credentials",
        "step-1-create-an-okta-account",
    ]


def test_openmetadata_partial_with_variables_and_headings(openmetadata_site):
    site = openmetadata_site
    redshift = site.page_for_url("/v1.9.x/connectors/database/redshift/yaml/")
    context = PageContext(site, redshift)
    html = render(site, context)
    assert "redshift-usage" in html  # {% $connector %}-usage inside the query-usage partial
    assert context.partial_records["/v1.9/connectors/yaml/query-usage.md"].path is not None
    ids = [h.id for h in context.headings]
    assert "query-usage" in ids and len(ids) == len(set(ids))
    assert "1.-define-the-yaml-config-1" in ids  # the partial repeats a heading of the page


def test_configured_delimiters_reach_the_parser(make_site):
    site = make_site(
        {
            "content/v1/a.md": page("A", body='<% partial file="/v1/bit.md" /%>\n'),
            "partials/v1/bit.md": "Included <% $who %>.\n",
        },
        'delimiters = ["<%", "%>"]\n',
    )
    context = PageContext(site, site.page_for_url("/v1/a/"))
    html = render(site, context)
    assert "Included" in html and "<%" not in html
    assert list(context.partial_records) == ["/v1/bit.md"]
