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
        r"built 1 page, 0 warnings, 0 errors, 0 images, search index [\d.]+ KB \(1 page\) \(1 rendered: 1 new\) in [\d.]+s",
        result.output,
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


def test_build_check_prints_each_finding_once_under_one_summary(tmp_path, monkeypatch):
    # A missing partial is found by the build and by the check; the broken link by the check only.
    _site(tmp_path / "docs", body='{% partial file="/v1/none.md" /%}\n\nSee [gone](/nowhere).\n')
    monkeypatch.chdir(tmp_path)
    result = _run("build", "docs", "--out", "docs/site", "--check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    partial = [line for line in lines if "[partial-missing]" in line]
    link = [line for line in lines if "[link-broken]" in line]
    assert len(partial) == 1 and len(link) == 1, result.output
    assert partial[0].startswith("docs/content/v1/index.md:5:18: error: partial /v1/none.md not found")
    summaries = [line for line in lines if line.startswith("built ") or "finding(s)" in line]
    assert summaries == [summaries[0]] and re.match(
        r"built 1 page, 0 warnings, 2 errors, 0 images(, search index .*)? in [\d.]+s → docs/site$", summaries[0]
    )
    assert str(tmp_path) not in result.output
