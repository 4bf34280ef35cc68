"""`docgen check` on the command line: formats, exit statuses 0/1/2, --strict, config errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main

SEEDED = Path(__file__).resolve().parent / "site"


def _site(tmp_path: Path, page: str, config: str = "") -> Path:
    (tmp_path / "content" / "v1.0").mkdir(parents=True)
    (tmp_path / "content" / "v1.0" / "index.md").write_text(page, encoding="utf-8")
    if config:
        (tmp_path / "docgen.toml").write_text(config, encoding="utf-8")
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(main, ["check", *args], catch_exceptions=False)


def test_clean_site_exits_0(tmp_path):
    site = _site(tmp_path, "---\ntitle: Home\n---\n\n# Home\n\nSee [this section](#home).\n")
    result = _run(str(site))
    assert result.exit_code == 0, result.output
    assert "0 finding(s)" in result.output


def test_errors_exit_1_in_every_format():
    for name in ("text", "json", "github", "sarif", "junit"):
        result = _run(str(SEEDED), "--format", name)
        assert result.exit_code == 1, (name, result.output[-500:])
        assert result.output.strip()


def test_warnings_fail_only_under_strict(tmp_path):
    # An unused image is a warning when configured so; nothing else is wrong with this site.
    site = _site(tmp_path, "---\ntitle: Home\n---\n\n# Home\n", '[check]\nrules = { image-unused = "warning" }\n')
    (site / "images" / "v1.0").mkdir(parents=True)
    shutil.copy(SEEDED / "images" / "v2.0" / "ok.png", site / "images" / "v1.0" / "spare.png")
    assert _run(str(site)).exit_code == 0
    strict = _run(str(site), "--strict", "--format", "json")
    assert strict.exit_code == 1
    assert [f["rule"] for f in json.loads(strict.output)["findings"]] == ["image-unused"]


def test_rule_switched_off_in_config_is_not_reported(tmp_path):
    site = _site(tmp_path, "---\ntitle: Home\n---\n\n[gone](/nowhere)\n", '[check]\nrules = { link-broken = "off" }\n')
    assert _run(str(site)).exit_code == 0


def test_usage_and_config_errors_exit_2(tmp_path):
    site = _site(tmp_path, "# Home\n", '[check]\nrules = { no-such-rule = "error" }\n')
    result = CliRunner().invoke(main, ["check", str(site)])
    assert result.exit_code == 2 and "no-such-rule" in result.output
    assert CliRunner().invoke(main, ["check", str(SEEDED), "--format", "yaml"]).exit_code == 2
    assert CliRunner().invoke(main, ["check", str(tmp_path / "missing")]).exit_code == 2


def _docs_repository(tmp_path: Path) -> Path:
    """A repository whose site lives in docs/: one broken link, one missing image."""
    repo = tmp_path / "repo"
    page = "---\ntitle: Home\n---\n\n# Home\n\nSee [gone](/nowhere).\n\n![shot](/images/v1.0/none.png)\n"
    _site(repo / "docs", page)
    return repo


def test_every_format_names_files_from_the_working_directory_when_the_site_is_a_subfolder(tmp_path, monkeypatch):
    repo = _docs_repository(tmp_path)
    monkeypatch.chdir(repo)
    outputs = {name: _run("docs", "--format", name) for name in ("text", "json", "github", "sarif", "junit")}
    assert all(result.exit_code == 1 for result in outputs.values())
    for name, result in outputs.items():
        assert str(tmp_path) not in result.output, name  # no absolute folder of this machine anywhere
    assert outputs["text"].output.startswith("docs/content/v1.0/index.md:7:")
    assert "> 7 | See [gone](/nowhere)." in outputs["text"].output  # the code frame found the file from cwd
    files = {finding["file"] for finding in json.loads(outputs["json"].output)["findings"]}
    assert files == {"docs/content/v1.0/index.md"}
    github = outputs["github"].output.splitlines()
    assert github[0].startswith("::error file=docs/content/v1.0/index.md,line=7,col=")
    sarif = json.loads(outputs["sarif"].output)["runs"][0]
    assert set(sarif["originalUriBaseIds"]) == {"%SRCROOT%"} and "uri" not in sarif["originalUriBaseIds"]["%SRCROOT%"]
    location = sarif["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "docs/content/v1.0/index.md", "uriBaseId": "%SRCROOT%"}
    assert 'file="docs/content/v1.0/index.md"' in outputs["junit"].output


def test_the_image_missing_message_names_no_absolute_folder(tmp_path, monkeypatch):
    repo = _docs_repository(tmp_path)
    monkeypatch.chdir(repo)
    findings = json.loads(_run("docs", "--format", "json").output)["findings"]
    image = next(f for f in findings if f["rule"] == "image-missing")
    assert image["message"] == "image not found: /images/v1.0/none.png (looked for v1.0/none.png in the images folder)"
