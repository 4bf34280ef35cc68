"""The `docgen` command line: exit statuses and messages of `docgen build`."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main

REPO = Path(__file__).resolve().parents[1]


def _site(root: Path, config: str = "", body: str = "Hello.\n") -> Path:
    (root / "content" / "v1").mkdir(parents=True)
    (root / "content" / "v1" / "index.md").write_text(f"---\ntitle: Home\n---\n\n{body}", encoding="utf-8")
    (root / "docgen.toml").write_text(config, encoding="utf-8")
    return root


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_clean_build_exits_zero_with_a_summary_line(tmp_path):
    site = _site(tmp_path / "s")
    result = _run("build", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert re.search(
        r"built 1 page, 0 warnings, 0 errors, 0 images, search index [\d.]+ KB \(1 page\) in [\d.]+s", result.output
    )
    assert (tmp_path / "out" / "v1" / "index.html").is_file()


def test_content_errors_exit_one_with_positioned_diagnostics(tmp_path):
    site = _site(tmp_path / "s", body='{% partial file="/v1/none.md" /%}\n')
    result = _run("build", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "content/v1/index.md:5:1: error: " in result.output
    assert "[partial-missing]" in result.output


def test_unknown_config_key_exits_two_naming_the_key(tmp_path):
    site = _site(tmp_path / "s", config='titel = "typo"\n')
    result = _run("build", str(site), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "titel" in result.output
    assert "Traceback" not in result.output


def test_missing_site_dir_exits_two(tmp_path):
    result = _run("build", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "nowhere" in result.output


def test_bad_usage_exits_two(tmp_path):
    assert _run("build", "--jobs", "0").exit_code == 2
    assert _run("build", "--no-such-option").exit_code == 2


def test_build_in_the_repo_root_builds_the_example_site_without_warnings(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    out = tmp_path / "site"
    result = _run("build", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert re.search(r"built \d+ pages, 0 warnings, 0 errors", result.output), result.output
    assert (out / "sitemap.xml").is_file() and (out / "404.html").is_file()
    assert (out / "latest" / "index.html").is_file()
    pages = list(out.glob("v1.*/**/index.html"))
    assert len(pages) >= 20


def test_build_check_also_fails_on_what_check_finds(tmp_path):
    site = _site(tmp_path / "s", body="See [the missing page](/nowhere).\n")
    out = tmp_path / "out"
    assert _run("build", str(site), "--out", str(out)).exit_code == 0
    checked = _run("build", str(site), "--out", str(out), "--check")
    assert checked.exit_code == 1
    assert "link-broken" in checked.output
