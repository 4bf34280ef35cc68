"""What a changed path means (`SiteSession.classify`) and single-page re-reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from serve_sites import guide_source, make_site, write

from docgen.serve.engine import Change, PageEdit
from docgen.serve.session import SiteSession
from docgen.theme import BUILTIN_THEME


@pytest.fixture()
def session(tmp_path: Path):
    site = make_site(tmp_path / "site").resolve()
    write(site / "content" / "v1.0" / "menu.md", "---\nsite_menu:\n  - category: Guide\n    url: /guide\n---\n")
    session = SiteSession(site)
    session.load()
    return session


def test_classify(session: SiteSession) -> None:
    root = session.site_root
    content = root / "content" / "v1.0"
    expected = {
        root / "docgen.toml": Change.CONFIG,
        root / "theme" / "templates" / "page.html": Change.TEMPLATE,
        BUILTIN_THEME / "templates" / "page.html": Change.TEMPLATE,
        root / "theme" / "static" / "docgen.css": Change.STYLESHEET,
        root / "theme" / "static" / "logo.svg": Change.ASSET,
        content / "menu.md": Change.MENU,
        content / "guide.md": Change.PAGE,
        content / "brand-new.md": Change.PAGE,
        content: Change.STRUCTURE,
        root / "content" / "v1.0" / "notes.txt": Change.IGNORED,
        root / "partials" / "v1.0" / "shared.md": Change.INCLUDED,
        root / "images" / "v1.0" / "shot.png": Change.INCLUDED,
        root / "README.md": Change.IGNORED,
    }
    for path, kind in expected.items():
        assert session.classify(path)[0] is kind, path


def test_deleted_folder_of_pages_is_structure(session: SiteSession) -> None:
    gone = session.site_root / "content" / "v1.0" / "old-section"
    write(gone / "a.md", "# A\n")
    session.load()
    for child in gone.iterdir():
        child.unlink()
    gone.rmdir()
    assert session.classify(gone)[0] is Change.STRUCTURE


def test_body_edit_keeps_navigation(session: SiteSession) -> None:
    guide = session.site_root / "content" / "v1.0" / "guide.md"
    write(guide, guide_source("New words."))
    update = session.update_page(guide)
    assert update.kind is PageEdit.BODY and update.urls == {"/v1.0/guide/"}
    assert "New words." in session.render("/v1.0/guide/").html.decode()


def test_title_change_renews_navigation_without_reloading(session: SiteSession) -> None:
    content = session.site_root / "content" / "v1.0"
    (content / "menu.md").unlink()  # navigation from the folder tree: titles appear in every sidebar
    session.load()
    assert "Handbook" not in session.render("/v1.0/other/").html.decode()
    before = session.site
    page = before.page_for_url("/v1.0/guide/")
    write(content / "guide.md", guide_source("x").replace("title: Guide", "title: Handbook"))
    update = session.update_page(content / "guide.md")
    assert update.kind is PageEdit.TITLE and update.urls == {"/v1.0/guide/"}
    assert session.site is not before and session.site.page_for_url("/v1.0/guide/") is page
    assert "Handbook" in session.render("/v1.0/other/").html.decode()


def test_creation_deletion_and_rename_change_navigation(session: SiteSession) -> None:
    content = session.site_root / "content" / "v1.0"
    new = write(content / "new.md", "# New\n")
    assert session.update_page(new).kind is PageEdit.NAVIGATION
    renamed = content / "renamed.md"
    (content / "other.md").rename(renamed)
    assert session.update_page(content / "other.md").kind is PageEdit.NAVIGATION
    assert session.update_page(renamed).kind is PageEdit.NAVIGATION


def test_dependencies_include_missing_partials_at_their_spelled_path(session: SiteSession) -> None:
    guide = session.site_root / "content" / "v1.0" / "guide.md"
    write(guide, guide_source("x", '{% partial file="/v1.0/later.md" /%}'))
    session.update_page(guide)
    deps = session.render("/v1.0/guide/").dependencies
    partials = session.site_root / "partials" / "v1.0"
    assert {partials / "shared.md", partials / "later.md"} <= deps


def test_chrome_only_render_keeps_the_body_and_renews_the_navigation(session: SiteSession) -> None:
    content = session.site_root / "content" / "v1.0"
    (content / "menu.md").unlink()
    session.load()
    session.render("/v1.0/other/")
    write(content / "other.md", "---\ntitle: Other\n---\n\n# Other\n\nChanged on disk, not yet seen.\n")
    write(content / "guide.md", guide_source("x").replace("title: Guide", "title: Handbook"))
    session.update_page(content / "guide.md")
    html = session.render("/v1.0/other/", chrome_only=True).html.decode()
    assert "Handbook" in html and "Another page." in html and "Changed on disk" not in html
    assert "Changed on disk" in session.render("/v1.0/other/").html.decode()


def test_title_change_under_a_menu_keeps_the_navigation(session: SiteSession) -> None:
    content = session.site_root / "content" / "v1.0"
    before = session.site
    write(content / "guide.md", guide_source("x").replace("title: Guide", "title: Handbook"))
    assert session.update_page(content / "guide.md").kind is PageEdit.TITLE
    assert session.site is before  # the menu, not the titles, shapes this navigation
    assert "<title>Handbook" in session.render("/v1.0/guide/").html.decode()


def test_a_site_schema_module_is_config(tmp_path: Path) -> None:
    """Serve re-reads the config (and so imports the module again) when a schema module changes."""
    site = make_site(tmp_path / "site").resolve()
    write(site / "docgen.toml", 'title = "Serve test"\ntag_sets = ["openmetadata"]\nschema = ["schema.py"]\n')
    write(site / "schema.py", 'FUNCTIONS = {"shout": {"transform": lambda parameters, config: "HEY"}}\n')
    session = SiteSession(site)
    session.load()
    assert session.classify(site / "schema.py")[0] is Change.CONFIG
    assert session.classify(site / "other.py")[0] is Change.IGNORED
    assert "shout" in session.site.schema.functions
    write(site / "schema.py", 'FUNCTIONS = {"whisper": {"transform": lambda parameters, config: "hm"}}\n')
    session.load()
    assert "whisper" in session.site.schema.functions and "shout" not in session.site.schema.functions
