"""Page discovery, front matter, URLs, titles, editions and duplicate URLs."""

from __future__ import annotations

from site_helpers import OPENMETADATA_LAYOUT, page

from docgen.diagnostics import Severity
from docgen.site.pages import first_heading


def urls(site):
    return sorted(p.url for p in site.pages)


def test_project_layout_urls_from_paths_and_slugs(make_site):
    site = make_site(
        {
            "content/v1.9/index.md": page("Home"),
            "content/v1.9/guide/index.md": page("Guide"),
            "content/v1.9/guide/install.md": page("Install"),
            "content/v1.9/guide/custom.md": page("Custom", slug="/elsewhere/custom"),
            "content/v1.9/guide/pinned.md": page("Pinned", slug="/v1.9/pinned/"),
            "content/v1.9/menu.md": "---\nsite_menu: []\n---\n",
            "partials/v1.9/snippet.md": "Partial.\n",
        }
    )
    assert urls(site) == [
        "/v1.9/",
        "/v1.9/elsewhere/custom/",
        "/v1.9/guide/",
        "/v1.9/guide/install/",
        "/v1.9/pinned/",
    ]
    assert site.diagnostics == []


def test_openmetadata_layout_skips_partials_and_menus(make_site):
    site = make_site(
        {
            "content/v1.9.x/a.md": page("A", slug="/a"),
            "content/v1.9.x/menu.md": "---\nsite_menu: []\n---\n",
            "content/v1.9.x/collate-menu.md": "---\nsite_menu: []\n---\n",
            "content/partials/v1.9/snippet.md": "Partial.\n",
        },
        OPENMETADATA_LAYOUT,
    )
    assert urls(site) == ["/v1.9.x/a/"]
    assert [v.name for v in site.versions] == ["v1.9.x"]


def test_partials_dir_inside_a_version_folder_is_not_pages(make_site):
    site = make_site(
        {
            "content/v1/a.md": page("A"),
            "content/v1/_partials/x.md": "Partial.\n",
        },
        'partials_dir = "content/v1/_partials"\n',
    )
    assert urls(site) == ["/v1/a/"]


def test_front_matter_fields(make_site):
    site = make_site(
        {
            "content/v1/a.md": page("Alpha", slug="/a", description="About A", collate=False, noindex=True),
        }
    )
    (alpha,) = site.pages
    assert (alpha.title, alpha.description, alpha.noindex, alpha.collate_only) == ("Alpha", "About A", True, False)
    assert alpha.front_matter["slug"] == "/a"
    assert alpha.rel_path == "content/v1/a.md"
    assert alpha.content_path == "a.md"
    assert alpha.version == "v1"
    assert alpha.text.startswith("---\ntitle: Alpha")
    assert alpha.path_in_version == "/a/"


def test_title_falls_back_to_first_h1_then_file_name(make_site):
    site = make_site(
        {
            "content/v1/with-h1.md": "```\n# not this\n```\n\n# Real Title {% #real %}\n\n## Sub\n",
            "content/v1/getting-started.md": "No heading here.\n",
            "content/v1/tools/index.md": "Body.\n",
        }
    )
    titles = {p.content_path: p.title for p in site.pages}
    assert titles == {"with-h1.md": "Real Title", "getting-started.md": "Getting started", "tools/index.md": "Tools"}


def test_first_heading_skips_front_matter_lines():
    assert first_heading("---\n# comment\n---\n# Title\n", start_line=3) == "Title"


def test_malformed_yaml_is_a_positioned_diagnostic(make_site):
    site = make_site(
        {
            "content/v1/bad.md": "---\ntitle: Bad\nslug: [unclosed\n---\n# Heading\n",
            "content/v1/good.md": page("Good"),
        }
    )
    assert sorted(p.content_path for p in site.pages) == ["bad.md", "good.md"]
    (diagnostic,) = site.diagnostics
    assert diagnostic.file == "content/v1/bad.md"
    assert diagnostic.rule == "page-invalid" and diagnostic.severity == Severity.ERROR
    assert diagnostic.line in (3, 4) and diagnostic.column >= 1
    bad = next(p for p in site.pages if p.content_path == "bad.md")
    assert bad.title == "Heading" and bad.url == "/v1/bad/"


def test_front_matter_that_is_not_a_mapping(make_site):
    site = make_site({"content/v1/list.md": "---\n- a\n- b\n---\nText\n"})
    (diagnostic,) = site.diagnostics
    assert (diagnostic.file, diagnostic.line, diagnostic.rule) == ("content/v1/list.md", 2, "page-invalid")


def test_wrong_types_and_near_miss_keys_are_page_invalid_errors(make_site):
    """The key is ignored, so the page is published unlike its author meant: an error (docgen.rules)."""
    site = make_site({"content/v1/a.md": "---\ntitle: A\ncollate: yes please\nCollate: true\nauthor: me\n---\n"})
    found = sorted((d.line, d.severity) for d in site.diagnostics)
    assert found == [(3, Severity.ERROR), (4, Severity.ERROR)]
    assert {d.rule for d in site.diagnostics} == {"page-invalid"}
    assert "'collate' must be a bool" in site.diagnostics[0].message
    assert "'Collate' is not 'collate'" in site.diagnostics[1].message
    (alpha,) = site.pages
    assert "collate" not in alpha.front_matter and alpha.front_matter["author"] == "me"
    assert not alpha.collate_only


def test_duplicate_url_names_both_files(make_site):
    site = make_site(
        {
            "content/v1/a.md": page("A", slug="/same"),
            "content/v1/b.md": page("B", slug="/same/"),
        }
    )
    assert urls(site) == ["/v1/same/"]
    (diagnostic,) = site.diagnostics
    assert diagnostic.rule == "url-duplicate" and diagnostic.severity == Severity.ERROR
    assert diagnostic.file == "content/v1/b.md" and diagnostic.line == 3
    assert "content/v1/a.md" in diagnostic.message and diagnostic.target == "content/v1/a.md"


def test_collate_pages_only_in_collate_edition(make_site, tmp_path):
    files = {"content/v1/open.md": page("Open"), "content/v1/paid.md": page("Paid", collate=True)}
    oss = make_site(files)
    assert urls(oss) == ["/v1/open/"]
    assert [p.url for p in oss.excluded_pages] == ["/v1/paid/"]
    assert oss.excluded_page_for_url("/v1/paid") is oss.excluded_pages[0]
    collate = make_site(files, 'edition = "collate"\n')
    assert urls(collate) == ["/v1/open/", "/v1/paid/"]


def test_page_lookups(make_site):
    site = make_site(
        {
            "content/v1.8/a/index.md": page("A8"),
            "content/v1.9.x/a/index.md": page("A9"),
            "content/v1.9.x/b.md": page("B9"),
        }
    )
    a9 = site.page_for_url("/v1.9.x/a/")
    assert a9.title == "A9"
    assert site.page_for_url("/v1.9/a") is a9
    assert site.page_for_url("/latest/a/#top") is a9
    assert site.page_for_url("/v1.8/a/").title == "A8"
    assert site.page_for_source(a9.source) is a9
    assert site.page_for_content_path("v1.9", "a/index.md") is a9
    assert site.page_for_content_path("v1.9", "a.md") is a9
    assert site.page_in_version(a9, "v1.8").title == "A8"
    assert site.page_in_version(site.page_for_url("/v1.9.x/b/"), "v1.8") is None
    assert [p.title for p in site.pages_for("1.9")] == ["A9", "B9"]
    assert site.default_version.name == "v1.9.x"


def test_openmetadata_corpus_pages(openmetadata_site):
    site = openmetadata_site
    assert [v.name for v in site.versions] == ["v1.9.x"]
    assert len(site.pages) + len(site.excluded_pages) == 359  # 361 .md files minus menu.md and collate-menu.md
    assert all(p.collate_only for p in site.excluded_pages) and len(site.excluded_pages) == 34
    assert not any(p.content_path.endswith("menu.md") for p in site.pages)
    okta = site.page_for_url("/v1.9.x/deployment/security/okta/")
    assert okta.rel_path == "content/v1.9.x/deployment/security/okta/index.md"
    assert okta.title.startswith("Okta SSO")
    # slugs differ from file paths; the slug decides
    supported = site.page_for_url("/v1.9.x/releases/supported/")
    assert supported.content_path == "releases/releases/supported.md"
    assert not [d for d in site.diagnostics if d.rule == "url-duplicate"]
    near_misses = [d for d in site.diagnostics if d.rule == "page-invalid" and "case-sensitive" in d.message]
    assert len(near_misses) == 6  # five `Collate:` and one `Description:`


def test_invalid_utf8_in_a_page_is_a_positioned_finding_not_a_crash(make_site, tmp_path):
    bad = tmp_path / "content" / "v1" / "bad.md"
    bad.parent.mkdir(parents=True)
    bad.write_bytes(b"---\ntitle: Caf\xe9\n---\n\nText\x00.\n")
    site = make_site({"content/v1/good.md": page("Good")})
    assert sorted(p.content_path for p in site.pages) == ["bad.md", "good.md"]
    found = [(d.file, d.line, d.column, d.rule) for d in site.diagnostics]
    assert found == [("content/v1/bad.md", 2, 11, "encoding-invalid"), ("content/v1/bad.md", 5, 5, "nul-byte")]
    assert "byte offset 14" in site.diagnostics[0].message and "byte offset 25" in site.diagnostics[1].message
    bad_page = next(p for p in site.pages if p.content_path == "bad.md")
    assert bad_page.title == "Caf\ufffd" and bad_page.text.endswith("Text\ufffd.\n")


def test_every_corpus_page_is_found_by_its_own_url_forms(openmetadata_site):
    site = openmetadata_site
    for each in site.pages:
        assert site.page_for_url(each.url) is each
        assert site.page_for_url(each.url.rstrip("/") + "#x") is each
        assert site.page_for_url("/latest" + each.path_in_version) is each
        assert site.resolve_link(each.path_in_version, "v1.9.x").page is each
        assert site.page_for_source(each.source) is each


def test_openmetadata_collate_edition(openmetadata_dir, openmetadata_config):
    import dataclasses

    from docgen.site import Site, load_config

    config = dataclasses.replace(load_config(openmetadata_dir, openmetadata_config), edition="collate")
    site = Site.load(config)
    assert len(site.pages) == 359 and site.excluded_pages == []
    nav = site.navigation("v1.9.x")
    assert nav.source == "content/v1.9.x/collate-menu.md" and len(nav.entries) == 1062


def test_symlink_loop_does_not_recurse_forever(make_site, tmp_path):
    (tmp_path / "content" / "v1" / "guide").mkdir(parents=True)
    (tmp_path / "content" / "v1" / "guide" / "loop").symlink_to(tmp_path / "content" / "v1")
    site = make_site({"content/v1/guide/a.md": page("A")})
    assert urls(site) == ["/v1/guide/a/"]


def test_slugs_that_leave_the_site_are_findings_and_the_page_keeps_its_path_url(make_site):
    """Found by fuzzing: `slug: ../..` or a backslash made the whole build stop with a traceback."""
    slugs = ["../..", "'%2e%2e/x'", "a\\b", "'a%5Cb'", '"a\\0b"', "x" * 300]
    files = {f"content/v1/s{n}.md": f"---\ntitle: S\nslug: {slug}\n---\n" for n, slug in enumerate(slugs)}
    site = make_site({**files, "content/v1/ok.md": page("Ok", slug="/fine/here")})
    assert sorted(page.url for page in site.pages) == ["/v1/fine/here/", *(f"/v1/s{n}/" for n in range(len(slugs)))]
    found = [(d.file, d.line, d.rule, d.severity) for d in site.diagnostics]
    assert found == [(f"content/v1/s{n}.md", 3, "page-invalid", Severity.ERROR) for n in range(len(slugs))]
    assert all("keeps the URL of its file" in d.message for d in site.diagnostics)
