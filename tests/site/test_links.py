"""Link resolution: versionless, versioned, /latest/, relative, external, fragments, assets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from site_helpers import page

FILES = {
    "content/v1.8/guide/install.md": page("Install 1.8"),
    "content/v1.9.x/guide/index.md": page("Guide"),
    "content/v1.9.x/guide/install.md": page("Install"),
    "content/v1.9.x/guide/deep/tuning.md": page("Tuning"),
    "content/v1.9.x/okta.md": page("Okta", slug="/deployment/security/okta"),
    "images/v1.9/shot.png": b"\x89PNG",
}


@pytest.fixture
def site(make_site):
    return make_site(FILES)


def test_versionless_link_goes_to_the_linking_pages_version(site):
    link = site.resolve_link("/guide/install", "v1.9.x")
    assert (link.url, link.page.title, link.external, link.fragment) == (
        "/v1.9.x/guide/install/",
        "Install",
        False,
        None,
    )
    older = site.resolve_link("/guide/install", "v1.8")
    assert (older.url, older.page.title, older.version) == ("/v1.8/guide/install/", "Install 1.8", "v1.8")
    assert site.resolve_link("/guide/install", "1.9").page.title == "Install"  # a version key works too


def test_fragment_and_query_are_kept(site):
    link = site.resolve_link("/deployment/security/okta?tab=2#step-1", "v1.9.x")
    assert link.url == "/v1.9.x/deployment/security/okta/?tab=2#step-1"
    assert (link.page.title, link.fragment, link.query, link.path) == (
        "Okta",
        "step-1",
        "tab=2",
        "/v1.9.x/deployment/security/okta/",
    )


def test_versioned_links_resolve_as_written(site):
    assert site.resolve_link("/v1.8/guide/install/", "v1.9.x").page.title == "Install 1.8"
    same = site.resolve_link("/v1.9/guide/install", "v1.8")  # asset-style name of v1.9.x
    assert (same.url, same.page.title) == ("/v1.9.x/guide/install/", "Install")


def test_unknown_version_is_left_as_written_and_broken(site):
    link = site.resolve_link("/v3.0/guide/", "v1.9.x")
    assert (link.url, link.page, link.broken) == ("/v3.0/guide/", None, True)


def test_latest_resolves_to_default_version_and_keeps_latest_url(site):
    link = site.resolve_link("/latest/guide/install#x", "v1.8")
    assert (link.url, link.page.title, link.version) == ("/latest/guide/install/#x", "Install", "v1.9.x")


def test_relative_links(site):
    install = site.page_for_url("/v1.9.x/guide/install/")
    assert site.resolve_link("deep/tuning.md", "v1.9.x", install).page.title == "Tuning"
    assert site.resolve_link("./index.md#top", "v1.9.x", install).url == "/v1.9.x/guide/#top"
    tuning = site.page_for_url("/v1.9.x/guide/deep/tuning/")
    # Links without .md are relative to the page URL, as a browser would take them.
    up = site.resolve_link("../../install/", "v1.9.x", tuning)
    assert (up.url, up.page.title) == ("/v1.9.x/guide/install/", "Install")
    sibling_file = site.resolve_link("../install.md", "v1.9.x", tuning)
    assert sibling_file.page.title == "Install"  # .md links are relative to the source file
    broken = site.resolve_link("../nope", "v1.9.x", tuning)
    assert (broken.url, broken.page, broken.broken) == ("/v1.9.x/guide/deep/nope/", None, True)


def test_a_relative_md_link_is_never_retried_from_the_page_url(site):
    tuning = site.page_for_url("/v1.9.x/guide/deep/tuning/")
    # From the file content/v1.9.x/guide/deep/tuning.md, ../../install.md is content/v1.9.x/install.md: no page.
    # From the URL /v1.9.x/guide/deep/tuning/ it would be /v1.9.x/guide/install.md, which exists: one level off.
    off = site.resolve_link("../../install.md", "v1.9.x", tuning)
    assert (off.page, off.broken, off.url) == (None, True, "/v1.9.x/install/")
    outside = site.resolve_link("../../../../guide/install.md#x", "v1.9.x", tuning)
    assert (outside.page, outside.broken, outside.url) == (None, True, "../../../../guide/install.md#x")


def test_same_page_fragment(site):
    install = site.page_for_url("/v1.9.x/guide/install/")
    link = site.resolve_link("#options", "v1.9.x", install)
    assert (link.url, link.page, link.fragment, link.broken) == ("#options", install, "options", False)


@pytest.mark.parametrize(
    "href", ["https://example.org/a#b", "mailto:x@example.org", "//cdn.example.org/x.js", "tel:123"]
)
def test_external_links_pass_through(site, href):
    link = site.resolve_link(href, "v1.9.x")
    assert (link.url, link.external, link.page, link.broken) == (href, True, None, False)


def test_markdown_file_links_by_path(site):
    assert site.resolve_link("/guide/install.md", "v1.9.x").page.title == "Install"
    assert site.resolve_link("/guide/index.md", "v1.9.x").url == "/v1.9.x/guide/"


def test_links_into_the_images_url_space_resolve_to_files(site):
    link = site.resolve_link("/images/v1.9/shot.png", "v1.9.x")
    assert (link.url, link.asset.found, link.broken, link.page) == ("/images/v1.9/shot.png", True, False, None)
    assert site.resolve_link("/images/v1.9/none.png", "v1.9.x").broken


def test_missing_page_is_broken_and_canonical(site):
    link = site.resolve_link("/guide/missing", "v1.9.x")
    assert (link.url, link.page, link.broken) == ("/v1.9.x/guide/missing/", None, True)


def test_openmetadata_okta_links(openmetadata_site):
    site = openmetadata_site
    okta = site.page_for_url("/v1.9.x/deployment/security/okta/")
    implicit = site.resolve_link("/deployment/security/okta/implicit-flow", okta.version, okta)
    auth_code = site.resolve_link("/deployment/security/okta/auth-code-flow", okta.version, okta)
    assert auth_code.url == "/v1.9.x/deployment/security/okta/auth-code-flow/"
    assert auth_code.page.rel_path == "content/v1.9.x/deployment/security/okta/auth-code-flow.md"
    # the corpus is a subset: implicit-flow and basic-auth are not in it
    assert implicit.url == "/v1.9.x/deployment/security/okta/implicit-flow/" and implicit.broken
    basic = site.resolve_link("/deployment/security/basic-auth", okta.version, okta)
    assert basic.url == "/v1.9.x/deployment/security/basic-auth/" and basic.broken
    jwt = site.resolve_link("/deployment/security/enable-jwt-tokens", okta.version, okta)
    assert jwt.url == "/v1.9.x/deployment/security/enable-jwt-tokens/"
    assert jwt.page.content_path == "deployment/security/enable-jwt-tokens.md"


segment = st.text(alphabet="abcxyz-_.019", min_size=1, max_size=6).filter(lambda s: s not in (".", ".."))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(segment, max_size=4), slash=st.booleans(), fragment=st.sampled_from(["", "#a", "?q=1#b"]))
def test_canonical_url_is_idempotent_and_versioned(site, parts, slash, fragment):
    url = "/" + "/".join(["latest", *parts]) + ("/" if slash else "") + fragment
    canonical = site.canonical_url(url)
    assert site.canonical_url(canonical) == canonical
    assert canonical.startswith("/v1.9.x/") and canonical.endswith("/")
    assert "#" not in canonical and "?" not in canonical
