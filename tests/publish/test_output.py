"""Atomic output: the previous site survives any failed build; only docgen's own folders are replaced."""

import fcntl
import os
import time
from pathlib import Path

import pytest

from docgen.publish.output import (
    FRESH_STAGING_SECONDS,
    OUTPUT_MARKER,
    TEMP_MARKER,
    ForeignOutputError,
    atomic_directory,
    has_marker,
    remove_stale_staging,
)


def _leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if TEMP_MARKER in p.name]


def _previous_output(out: Path) -> Path:
    with atomic_directory(out) as staging:
        (staging / "old.html").write_text("old")
    return out


def test_success_replaces_previous_output(tmp_path):
    out = _previous_output(tmp_path / "site")
    with atomic_directory(out) as staging:
        (staging / "new.html").write_text("new")
    assert sorted(p.name for p in out.iterdir()) == sorted([OUTPUT_MARKER, "new.html"])
    assert has_marker(out)
    assert _leftovers(tmp_path) == []


def test_first_build_creates_output(tmp_path):
    out = tmp_path / "nested" / "site"
    with atomic_directory(out) as staging:
        (staging / "index.html").write_text("x")
    assert (out / "index.html").read_text() == "x"
    assert has_marker(out)


def test_an_empty_folder_may_be_replaced(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    with atomic_directory(out) as staging:
        (staging / "index.html").write_text("x")
    assert (out / "index.html").read_text() == "x"


@pytest.mark.parametrize("exception", [RuntimeError, KeyboardInterrupt])
def test_failure_keeps_previous_output(tmp_path, exception):
    out = _previous_output(tmp_path / "site")
    with pytest.raises(exception), atomic_directory(out) as staging:
        (staging / "half.html").write_text("half")
        raise exception()
    assert sorted(p.name for p in out.iterdir()) == sorted([OUTPUT_MARKER, "old.html"])
    assert _leftovers(tmp_path) == []


def test_output_path_that_is_a_file_is_refused(tmp_path):
    out = tmp_path / "site"
    out.write_text("not a folder")
    for force in (False, True):
        with pytest.raises((ForeignOutputError, NotADirectoryError)), atomic_directory(out, force=force) as staging:
            (staging / "a").write_text("a")
    assert out.read_text() == "not a folder"
    assert _leftovers(tmp_path) == []


def test_a_foreign_folder_is_refused_without_force_and_kept(tmp_path):
    out = tmp_path / "notes"
    out.mkdir()
    (out / "todo.txt").write_text("mine")
    with pytest.raises(ForeignOutputError, match="--force"), atomic_directory(out) as staging:
        (staging / "a").write_text("a")
    assert (out / "todo.txt").read_text() == "mine"
    with atomic_directory(out, force=True) as staging:
        (staging / "a").write_text("a")
    assert not (out / "todo.txt").exists() and has_marker(out)


def _leftover(parent: Path, name: str, suffix: str) -> Path:
    folder = parent / f"{name}{TEMP_MARKER}{suffix}"
    folder.mkdir()
    (folder / "index.html").write_text("half")
    return folder


def test_leftover_staging_folders_are_removed_by_the_next_build(tmp_path):
    out = _previous_output(tmp_path / "site")
    killed = _leftover(tmp_path, "site", "ab12cd34")
    retired = _leftover(tmp_path, "site", "old-zz99yy88")
    foreign = _leftover(tmp_path, "site", "mine-keep")  # not docgen's exact name pattern
    other = _leftover(tmp_path, "docs", "ab12cd34")  # another output's
    with atomic_directory(out) as staging:
        (staging / "new.html").write_text("new")
    assert not killed.exists() and not retired.exists()
    assert foreign.exists() and other.exists()


def test_a_live_builds_staging_folder_is_kept(tmp_path):
    live = _leftover(tmp_path, "site", "live0001")
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert remove_stale_staging(tmp_path / "site") == []
        assert live.exists()
    finally:
        os.close(fd)
    assert remove_stale_staging(tmp_path / "site") == [live]


def test_a_fresh_empty_staging_folder_is_kept_until_it_ages(tmp_path):
    fresh = tmp_path / f"site{TEMP_MARKER}fresh001"
    fresh.mkdir()
    assert remove_stale_staging(tmp_path / "site") == []
    old = time.time() - FRESH_STAGING_SECONDS - 5
    os.utime(fresh, (old, old))
    assert remove_stale_staging(tmp_path / "site") == [fresh]
