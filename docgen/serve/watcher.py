"""Watch the site's sources with watchdog and report the paths that changed.

Native observers (inotify, FSEvents, ReadDirectoryChangesW) are used when
they can start; when they cannot — inotify's watch limit reached, a network
file system, a container without inotify — docgen falls back to polling
rather than serving a site that silently never updates.

Only the changed *paths* are reported, not the event kinds: by the time a
debounced batch is processed, the file system is the truth (a file created
and deleted within one burst simply no longer exists).
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import (
    DirModifiedEvent,
    FileClosedNoWriteEvent,
    FileOpenedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

# watchdog's inotify backend warns when a watched folder is deleted and created again (a branch
# switch, a restored content folder) while it re-registers the folder; the watch keeps working,
# so the warning would only alarm authors in the serve terminal.
warnings.filterwarnings(
    "ignore", message="Callback with id", category=RuntimeWarning, module=r"watchdog\.observers\.inotify"
)

IGNORED_NAMES = frozenset({".git", ".hg", ".svn", "__pycache__", "node_modules", ".docgen-cache", ".DS_Store"})
"""Folders and files whose changes never affect the site (and some change constantly)."""

_IGNORED_EVENTS = (FileOpenedEvent, FileClosedNoWriteEvent, DirModifiedEvent)
"""Reads are not changes (docgen reading a page must not trigger its rebuild),
and a folder's "modified" event only echoes the file events inside it."""


def is_editor_noise(path: Path) -> bool:
    """Temporary files editors write while saving (vim's 4913 probe, swap and backup files)."""
    name = path.name
    return name.endswith(("~", ".swp", ".swx", ".swpx", ".tmp")) or name.startswith((".#", "#")) or name == "4913"


class _Forwarder(FileSystemEventHandler):
    """Forwards the interesting paths of each event to a callback."""

    def __init__(self, on_path: Callable[[Path], None], ignore: Callable[[Path], bool]) -> None:
        self._on_path = on_path
        self._ignore = ignore

    def on_any_event(self, event: FileSystemEvent) -> None:
        if isinstance(event, _IGNORED_EVENTS):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(raw if isinstance(raw, str) else raw.decode(errors="replace"))
            if not self._ignore(path):
                self._on_path(path)


class SourceWatcher:
    """Watches folders recursively (and single files' folders) for changes."""

    def __init__(
        self,
        on_path: Callable[[Path], None],
        *,
        ignore_under: Iterable[Path] = (),
        force_polling: bool = False,
        native_factory: Callable[[], BaseObserver] = Observer,
        poll_interval: float = 0.25,
    ) -> None:
        self._on_path = on_path
        self._ignore_under = [p.resolve() for p in ignore_under]
        self._force_polling = force_polling
        self._native_factory = native_factory
        self._poll_interval = poll_interval
        self.observer: BaseObserver | None = None
        self.polling = False

    def ignored(self, path: Path) -> bool:
        if any(part in IGNORED_NAMES for part in path.parts) or is_editor_noise(path):
            return True
        return any(path.is_relative_to(root) for root in self._ignore_under)

    def start(self, folders: Iterable[Path]) -> None:
        """Start watching; falls back to polling when the native observer fails."""
        roots = _outermost(folder.resolve() for folder in folders if folder.is_dir())
        if not self._force_polling:
            try:
                self.observer = self._start_observer(self._native_factory(), roots)
                return
            except (OSError, RuntimeError) as error:
                print(f"docgen: native file watching unavailable ({error}); polling instead", file=sys.stderr)
        self.polling = True
        self.observer = self._start_observer(PollingObserver(timeout=self._poll_interval), roots)

    def _start_observer(self, observer: BaseObserver, roots: list[Path]) -> BaseObserver:
        handler = _Forwarder(self._on_path, self.ignored)
        try:
            for root in roots:
                observer.schedule(handler, str(root), recursive=True)
            observer.start()
        except BaseException:
            _stop_quietly(observer)
            raise
        return observer

    def stop(self) -> None:
        if self.observer is not None:
            _stop_quietly(self.observer)
            self.observer = None


def _stop_quietly(observer: BaseObserver) -> None:
    try:
        observer.stop()
        if observer.is_alive():
            observer.join(timeout=5)
    except (OSError, RuntimeError):
        return


def _outermost(folders: Iterable[Path]) -> list[Path]:
    """Drop folders inside other folders of the list: one recursive watch covers them."""
    result: list[Path] = []
    for folder in sorted(set(folders), key=lambda p: len(p.parts)):
        if not any(folder.is_relative_to(kept) for kept in result):
            result.append(folder)
    return result
