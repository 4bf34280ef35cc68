"""`docgen build --out` at a dangerous place exits 2 and loses nothing; a build killed at any moment leaves
either the complete previous output or the complete new one, and the next build removes its leftovers."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.publish.output import OUTPUT_MARKER, TEMP_MARKER


def _fingerprint(root: Path) -> dict[str, str]:
    """Every path under `root` (links as their target text, files as a hash), so any loss shows."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                found[rel] = "dir"
    return found


def _site(root: Path) -> Path:
    site = root / "home" / "docs"
    files = {
        "docgen.toml": 'title = "T"\n',
        "content/v1/index.md": "---\ntitle: Home\n---\n\n# Home\n",
        "content/v1/guide.md": "---\ntitle: Guide\n---\n\n# Guide\n",
        "partials/v1/p.md": "part\n",
        "images/v1/keep.txt": "image folder\n",
        "theme/templates/README": "my theme\n",
        ".git/HEAD": "ref: refs/heads/main\n",
    }
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    (root / "home" / "notes").mkdir()
    (root / "home" / "notes" / "todo.txt").write_text("my notes\n")
    (root / "home" / "plain-file").write_text("not a folder\n")
    (root / "home" / "link-to-site").symlink_to(site)
    (root / "home" / "conf").mkdir()
    (root / "home" / "conf" / "alt.toml").write_text('title = "Alt"\n')
    return site


DANGEROUS = {
    "inside content": ("docs/content/v1", ()),
    "content itself": ("docs/content", ()),
    "inside partials": ("docs/partials/v1", ()),
    "images": ("docs/images", ()),
    "theme": ("docs/theme", ()),
    ".git": ("docs/.git", ()),
    "inside .git": ("docs/.git/out", ()),
    "the site folder": ("docs", ()),
    "above the site": (".", ()),
    "a non-empty foreign folder": ("notes", ()),
    "a file": ("plain-file", ()),
    "a file, even with --force": ("plain-file", ("--force",)),
    "a symlink to the site": ("link-to-site", ()),
    "inside a symlink to the site's content": ("link-to-site/content/x", ()),
    "the config file's folder": ("conf", ("--config", "conf/alt.toml")),
    "inside the site, with --force": ("docs/content", ("--force",)),
}


@pytest.mark.parametrize("case", sorted(DANGEROUS))
def test_out_at_a_dangerous_place_exits_2_and_keeps_every_file(tmp_path, case, monkeypatch):
    site = _site(tmp_path)
    home = tmp_path / "home"
    out, extra = DANGEROUS[case]
    monkeypatch.chdir(home)
    before = _fingerprint(home)
    args = ["build", str(site), "--out", str(home / out), *extra]
    args = [str(home / a) if a.endswith(".toml") else a for a in args]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "refuses" in result.output or "not a folder" in result.output, result.output
    assert _fingerprint(home) == before


def test_force_replaces_a_foreign_folder_and_a_marked_folder_needs_no_force(tmp_path):
    site = _site(tmp_path)
    notes = tmp_path / "home" / "notes"
    assert CliRunner().invoke(main, ["build", str(site), "--out", str(notes), "--force"]).exit_code == 0
    assert (notes / OUTPUT_MARKER).is_file() and not (notes / "todo.txt").exists()
    assert CliRunner().invoke(main, ["build", str(site), "--out", str(notes)]).exit_code == 0


def test_a_file_where_the_cache_folder_should_be_is_a_warning_not_a_traceback(tmp_path, monkeypatch):
    site = _site(tmp_path)
    blocker = tmp_path / "cache-file"
    blocker.write_text("x")
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(blocker))
    result = CliRunner().invoke(main, ["build", str(site), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "cache-unusable" in result.output
    assert (tmp_path / "out" / "v1" / "index.html").is_file()


# --------------------------------------------------------------------------- SIGKILL at random moments


def _write_version(site: Path, number: int) -> None:
    """A site whose every page says which build made it (so old and new outputs differ)."""
    for index in range(60):
        page = site / "content" / "v1" / f"p{index}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\ntitle: Page {index}\n---\n\n# Page {index}\n\nBuild {number}.\n" + "text\n" * 50)


def _build(site: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "docgen", "build", str(site), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _complete_build(site: Path, out: Path) -> dict[str, str]:
    assert _build(site, out).wait() in (0, 1)
    return _fingerprint(out)


def _builds_writing(out: Path) -> list[int]:
    """Processes (the killed build's workers) whose command line names `out`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if str(out).encode() in command and os.getpid() != int(entry.name):
                found.append(int(entry.name))
    return found


def _wait_for_workers_to_end(out: Path, patience: float = 120.0) -> None:
    """A killed build's forked workers must notice and exit (they used to wait forever on their pipes)."""
    deadline = time.monotonic() + patience
    while _builds_writing(out) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _builds_writing(out) == [], "workers of a killed build are still running"


def test_a_build_killed_at_random_moments_leaves_old_or_new_output_and_no_leftovers(tmp_path):
    site = tmp_path / "site"
    (site / "docgen.toml").parent.mkdir(parents=True)
    (site / "docgen.toml").write_text('title = "K"\n')
    out = tmp_path / "out"
    _write_version(site, 0)
    started = time.monotonic()
    previous = _complete_build(site, out)
    duration = time.monotonic() - started
    rng = random.Random(10)
    for attempt in range(1, 6):
        _write_version(site, attempt)
        expected_new = _complete_build(site, tmp_path / f"reference-{attempt}")
        process = _build(site, out)
        time.sleep(rng.uniform(0.1, 1.1) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        _wait_for_workers_to_end(out)
        now = _fingerprint(out)
        assert now in (previous, expected_new), f"attempt {attempt}: a mix of outputs"
        previous = now
    final = _complete_build(site, out)
    assert final == expected_new
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith("out" + TEMP_MARKER) and any(p.iterdir())]
    assert leftovers == []
