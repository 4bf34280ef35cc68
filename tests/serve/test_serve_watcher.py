"""The watcher with real file events, and its fallback to polling."""

from __future__ import annotations

import queue
from pathlib import Path

from docgen.serve.watcher import SourceWatcher, is_editor_noise


def collect(watcher_kwargs: dict, root: Path, action) -> set[Path]:
    seen: queue.Queue[Path] = queue.Queue()
    watcher = SourceWatcher(seen.put, **watcher_kwargs)
    watcher.start([root])
    try:
        action()
        found: set[Path] = set()
        try:
            while True:
                found.add(seen.get(timeout=1.5))
        except queue.Empty:
            return found
    finally:
        watcher.stop()


def test_native_events_report_changed_paths(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "a.md"
    found = collect({}, tmp_path, lambda: page.write_text("hello"))
    assert page.resolve() in found


def test_reads_and_ignored_folders_are_not_changes(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / "out").mkdir()

    def act() -> None:
        page.read_text()
        (tmp_path / ".git" / "index").write_text("x")
        (tmp_path / "out" / "index.html").write_text("x")
        (tmp_path / "a.md.swp").write_text("x")

    assert collect({"ignore_under": [tmp_path / "out"]}, tmp_path, act) == set()


def test_rename_reports_both_paths(tmp_path: Path) -> None:
    old = tmp_path / "old.md"
    old.write_text("x")
    found = collect({}, tmp_path, lambda: old.rename(tmp_path / "new.md"))
    assert {old.resolve(), (tmp_path / "new.md").resolve()} <= found


def test_falls_back_to_polling_when_native_watching_fails(tmp_path: Path, capsys) -> None:
    def broken_native():
        raise OSError(28, "inotify watch limit reached")

    page = tmp_path / "a.md"
    found = collect(
        {"native_factory": broken_native, "poll_interval": 0.1}, tmp_path, lambda: page.write_text("polled")
    )
    assert page.resolve() in found
    assert "polling instead" in capsys.readouterr().err


def test_editor_noise() -> None:
    assert is_editor_noise(Path("a.md~")) and is_editor_noise(Path(".#a.md")) and is_editor_noise(Path("4913"))
    assert not is_editor_noise(Path("a.md"))
