"""Atomic output: the previous site survives any failed build."""

from pathlib import Path

import pytest

from docgen.publish.output import TEMP_MARKER, atomic_directory


def _leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if TEMP_MARKER in p.name]


def test_success_replaces_previous_output(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("old")
    with atomic_directory(out) as staging:
        (staging / "new.html").write_text("new")
    assert sorted(p.name for p in out.iterdir()) == ["new.html"]
    assert _leftovers(tmp_path) == []


def test_first_build_creates_output(tmp_path):
    out = tmp_path / "nested" / "site"
    with atomic_directory(out) as staging:
        (staging / "index.html").write_text("x")
    assert (out / "index.html").read_text() == "x"


@pytest.mark.parametrize("exception", [RuntimeError, KeyboardInterrupt])
def test_failure_keeps_previous_output(tmp_path, exception):
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.html").write_text("old")
    with pytest.raises(exception), atomic_directory(out) as staging:
        (staging / "half.html").write_text("half")
        raise exception()
    assert [p.name for p in out.iterdir()] == ["old.html"]
    assert _leftovers(tmp_path) == []


def test_output_path_that_is_a_file_is_refused(tmp_path):
    out = tmp_path / "site"
    out.write_text("not a folder")
    with pytest.raises(NotADirectoryError), atomic_directory(out) as staging:
        (staging / "a").write_text("a")
    assert out.read_text() == "not a folder"
    assert _leftovers(tmp_path) == []
