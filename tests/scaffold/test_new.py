"""`docgen new DIR`: the starter site is complete, builds and checks with zero findings, and never overwrites."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from docgen.check import CheckOptions, check_site
from docgen.cli import main
from docgen.publish import build_site
from docgen.scaffold import new_site, starter_files
from docgen.site import Site, load_config


def test_the_starter_has_a_config_two_pages_a_menu_a_partial_an_image_and_a_custom_tag():
    assert set(starter_files()) == {
        ".gitignore",
        "docgen.toml",
        "images/logo.png",
        "pages/guides/first-steps.md",
        "pages/index.md",
        "pages/menu.md",
        "partials/checklist.md",
        "theme/templates/tags/callout.html",
    }
    assert starter_files()["images/logo.png"].startswith(b"\x89PNG")


def test_the_new_site_builds_and_checks_with_zero_findings(tmp_path: Path):
    target = tmp_path / "docs"
    new_site(target)
    site = Site.load(load_config(target))
    assert not site.config.versioned and site.diagnostics == []
    result = build_site(site, tmp_path / "out", jobs=1, cache_dir=tmp_path / "cache")
    assert result.diagnostics == [] and result.pages == 2 and result.images == 1
    first_steps = (tmp_path / "out" / "guides" / "first-steps" / "index.html").read_text()
    assert "docgen check</code> reports no errors" in first_steps  # the partial
    home = (tmp_path / "out" / "index.html").read_text()
    assert 'href="/"' in first_steps and '<aside class="callout callout-tip" role="note">' in home  # the custom tag
    assert check_site(Site.load(load_config(target)), CheckOptions(cache=False)) == []


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path):
    (tmp_path / "mine.md").write_text("# Mine\n")
    result = CliRunner().invoke(main, ["new", str(tmp_path)])
    assert result.exit_code == 2 and "is not an empty folder" in result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == ["mine.md"]
    assert (tmp_path / "mine.md").read_text() == "# Mine\n"


def test_new_on_the_command_line_writes_into_a_new_folder(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new", "docs"])
    assert result.exit_code == 0, result.output
    assert "wrote 8 files to docs/:" in result.output and "next: docgen serve docs" in result.output
    assert (tmp_path / "docs" / "pages" / "index.md").is_file()
