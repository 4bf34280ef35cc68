"""Partial and image lookup: version folder spellings, inheritance, exact case."""

from __future__ import annotations

from site_helpers import OPENMETADATA_LAYOUT, page


def test_partial_in_the_project_layout(make_site, tmp_path):
    site = make_site(
        {
            "content/v1.9/a.md": page("A"),
            "partials/v1.9/setup/install.md": "Install.\n",
        }
    )
    found = site.resolve_partial("/v1.9/setup/install.md", "v1.9")
    assert found.path == tmp_path / "partials" / "v1.9" / "setup" / "install.md"
    assert (found.rel, found.version_key, found.inherited_from) == ("v1.9/setup/install.md", "1.9", None)
    assert site.resolve_partial("setup/install.md", "v1.9").path == found.path  # versionless: the page's version
    missing = site.resolve_partial("/v1.9/setup/nope.md", "v1.9")
    assert (missing.found, missing.path, missing.wanted) == (False, None, tmp_path / "partials/v1.9/setup/nope.md")


def test_page_folder_v19x_and_asset_folder_v19_are_one_version(make_site, tmp_path):
    site = make_site(
        {
            "content/v1.9.x/a.md": page("A"),
            "content/partials/v1.9/x.md": "X\n",
            "public/images/v1.9/x.png": b"png",
        },
        OPENMETADATA_LAYOUT,
    )
    assert site.resolve_partial("/v1.9/x.md", "v1.9.x").path == tmp_path / "content/partials/v1.9/x.md"
    assert site.resolve_partial("/v1.9.x/x.md", "v1.9.x").path == tmp_path / "content/partials/v1.9/x.md"
    assert site.resolve_partial("x.md", "v1.9.x").path == tmp_path / "content/partials/v1.9/x.md"
    assert site.resolve_image("/images/v1.9/x.png").path == tmp_path / "public/images/v1.9/x.png"


def test_inheritance_falls_back_to_the_older_version(make_site, tmp_path):
    site = make_site(
        {
            "content/v1.8/a.md": page("A"),
            "content/v1.9/a.md": page("A"),
            "partials/v1.8/shared.md": "old\n",
            "partials/v1.8/changed.md": "old\n",
            "partials/v1.9/changed.md": "new\n",
            "images/v1.8/logo.png": b"png",
        },
        '[versions."v1.9"]\ninherits = "v1.8"\n',
    )
    shared = site.resolve_partial("/v1.9/shared.md", "v1.9")
    assert shared.path == tmp_path / "partials/v1.8/shared.md" and shared.inherited_from == "1.8"
    assert site.resolve_partial("/v1.9/changed.md", "v1.9").path == tmp_path / "partials/v1.9/changed.md"
    logo = site.resolve_image("/images/v1.9/logo.png")
    assert logo.rel == "v1.8/logo.png" and site.image_url(logo) == "/images/v1.8/logo.png"
    assert not site.resolve_partial("/v1.8/none.md", "v1.8").found


def test_no_inheritance_without_config(make_site):
    site = make_site({"content/v1.8/a.md": page("A"), "content/v1.9/a.md": page("A"), "partials/v1.8/shared.md": "x"})
    assert not site.resolve_partial("/v1.9/shared.md", "v1.9").found


def test_image_lookup_is_case_sensitive_and_names_the_candidate(make_site, tmp_path):
    site = make_site({"content/v1/a.md": page("A"), "images/v1/Shots/Login.PNG": b"png"})
    exact = site.resolve_image("/images/v1/Shots/Login.PNG")
    assert exact.found and exact.case_mismatch is None
    wrong = site.resolve_image("/images/v1/shots/login.png")
    assert not wrong.found
    assert wrong.case_mismatch == tmp_path / "images/v1/Shots/Login.PNG"
    assert wrong.wanted == tmp_path / "images/v1/shots/login.png"
    assert site.resolve_image("/images/v1/none.png").case_mismatch is None


def test_references_outside_the_asset_roots(make_site):
    site = make_site({"content/v1/a.md": page("A"), "images/v1/x.png": b"png"})
    assert site.resolve_image("https://img.shields.io/badge.svg") is None
    assert site.resolve_image("/static/x.png") is None
    assert not site.resolve_image("/images/v1/../../docgen.toml").found
    assert not site.resolve_partial("/../docgen.toml", "v1").found


def test_custom_images_url(make_site, tmp_path):
    site = make_site(
        {"content/v1/a.md": page("A"), "assets/img/v1/x.png": b"png"},
        'images_dir = "assets/img"\nimages_url = "/static/img"\n',
    )
    found = site.resolve_image("/static/img/v1/x.png")
    assert found.path == tmp_path / "assets/img/v1/x.png" and site.image_url(found) == "/static/img/v1/x.png"
    assert site.resolve_image("/images/v1/x.png") is None


def test_openmetadata_partials(openmetadata_site):
    site = openmetadata_site
    assert not site.resolve_partial("/v1.9/deployment/configure-ingestion.md", "v1.9.x").found
    found = site.resolve_partial("/v1.9/connectors/test-connection.md", "v1.9.x")
    assert found.path.is_file() and found.rel == "v1.9/connectors/test-connection.md"


def test_openmetadata_image_case_mismatch(openmetadata_site):
    site = openmetadata_site
    okta = site.resolve_image("/images/v1.9/deployment/security/okta/click-applications.png")
    assert okta.found
    wrong = site.resolve_image("/images/v1.9/how-to-guides/user-guide-for-data-stewards/announce7.png")
    assert not wrong.found
    assert wrong.case_mismatch.name == "ANNOUNCE7.PNG"


def test_versionless_image_falls_back_to_the_pages_version(make_site, tmp_path):
    site = make_site(
        {
            "content/v1/a.md": page("A"),
            "content/v2/a.md": page("A"),
            "images/logo.png": b"png",
            "images/v1/shot.png": b"png",
        },
        '[versions."v2"]\ninherits = "v1"\n',
    )
    assert site.resolve_image("/images/logo.png", "v2").path == tmp_path / "images/logo.png"
    shot = site.resolve_image("/images/shot.png", "v2")
    assert shot.path == tmp_path / "images/v1/shot.png" and shot.inherited_from == "1"
    assert not site.resolve_image("/images/shot.png").found
    missing = site.resolve_image("/images/none.png", "v2")
    assert not missing.found and missing.wanted == tmp_path / "images/none.png"
