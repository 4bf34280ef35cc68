"""What a build tells the person who runs it: progress, diagnostics, one summary.

On a terminal a Rich progress bar shows pages as they render; in CI (no
terminal) nothing is printed until the end, then one summary line, so logs stay
short and greppable. Diagnostics are printed the way compilers print them,
`file:line:col: severity: message [rule]`, so editors can jump to them.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from docgen.diagnostics import Diagnostic, Severity, display_path, from_cwd

if TYPE_CHECKING:  # rich is imported when a progress bar is shown, not at every start-up
    from rich.progress import Progress, TaskID


@dataclass
class BuildResult:
    """Everything a caller (CLI, serve, tests) needs to know about one build."""

    out_dir: Path
    pages: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    images: int = 0
    image_bytes_in: int | None = None
    image_bytes_out: int | None = None
    strict: bool = False
    images_processed: int = 0  # resized in this build (the rest came from .docgen-cache or were copied)
    image_cache_hits: int = 0
    incremental: bool = False  # the page cache was used (docgen.publish.incremental)
    page_reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (url, kind, reason) per page
    site_dir: Path | None = None  # what the diagnostics' files are relative to (None: printed as they are)
    search_pages: int = 0  # pages in the search index (0 when it could not be built)
    search_bytes: int = 0  # size of the Pagefind bundle on disk

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def failed(self) -> bool:
        """Errors fail a build; under --strict warnings do too."""
        return self.errors > 0 or (self.strict and self.warnings > 0)

    def summary(self) -> str:
        """The one line printed at the end of every build."""
        parts = [_count(self.pages, "page"), _count(self.warnings, "warning"), _count(self.errors, "error")]
        images = _count(self.images, "image")
        if self.images and self.image_bytes_in is not None and self.image_bytes_out is not None:
            work = (
                f"{self.images_processed} resized, {self.image_cache_hits} from cache, "
                if self.images_processed or self.image_cache_hits
                else ""
            )
            images += f" ({work}{_size(self.image_bytes_in)} in, {_size(self.image_bytes_out)} out)"
        parts.append(images)
        if self.search_pages:
            parts.append(f"search index {_size(self.search_bytes)} ({_count(self.search_pages, 'page')})")
        work = f" ({self.page_work()})" if self.incremental else ""
        return f"built {', '.join(parts)}{work} in {self.seconds:.2f}s → {display_path(self.out_dir)}"

    def page_work(self) -> str:
        """How many pages were rendered, re-assembled or kept, and the commonest reasons:
        "3 rendered: 2 source changed, 1 new; 997 unchanged"."""
        pieces = []
        for kind in ("rendered", "re-assembled", "unchanged"):
            reasons = Counter(reason for _, done, reason in self.page_reasons if done == kind)
            count = sum(reasons.values())
            if not count:
                continue
            why = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common(3) if reason)
            more = ", …" if len(reasons) > 3 else ""
            pieces.append(f"{count} {kind}" + (f": {why}{more}" if why else ""))
        return "; ".join(pieces) or "no pages"

    def explanation(self) -> list[str]:
        """`--explain`: one line per page that was rendered or re-assembled, page → reason."""
        return [f"{url} → {kind}: {reason}" for url, kind, reason in self.page_reasons if kind != "unchanged"]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _size(count: int) -> str:
    """Human byte counts: 1.2 MB reads faster than 1234567."""
    value = float(count)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


class Reporter(Protocol):
    """How build_site talks to its caller; serve and tests pass their own."""

    def start(self, total_pages: int) -> None: ...
    def page_done(self, url: str) -> None: ...
    def finish(self, result: BuildResult) -> None: ...
    def abort(self, error: BaseException) -> None: ...


class HeldReporter:
    """Shows another reporter's progress but keeps the final report back.

    `docgen build --check` prints one report: the build's diagnostics and the
    check's findings together, under one summary, once the check has run.
    """

    def __init__(self, shown: Reporter) -> None:
        self.shown = shown

    def start(self, total_pages: int) -> None:
        self.shown.start(total_pages)

    def page_done(self, url: str) -> None:
        self.shown.page_done(url)

    def finish(self, result: BuildResult) -> None:
        pass  # the caller finishes `shown` with the merged result

    def abort(self, error: BaseException) -> None:
        self.shown.abort(error)


class SilentReporter:
    """For library use and tests: the BuildResult carries everything."""

    def start(self, total_pages: int) -> None:
        pass

    def page_done(self, url: str) -> None:
        pass

    def finish(self, result: BuildResult) -> None:
        pass

    def abort(self, error: BaseException) -> None:
        pass


class ConsoleReporter:
    """Progress bar on a terminal, diagnostics and one summary line everywhere."""

    def __init__(self, stream: IO[str] | None = None, *, progress: bool | None = None, explain: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.explain = explain
        self.progress_enabled = self.stream.isatty() if progress is None else progress
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def start(self, total_pages: int) -> None:
        if not self.progress_enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        progress = Progress(
            TextColumn("building"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=self.stream),
            transient=True,
        )
        progress.start()
        self._task = progress.add_task("pages", total=total_pages)
        self._progress = progress

    def page_done(self, url: str) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def finish(self, result: BuildResult) -> None:
        self._stop_progress()
        shown = from_cwd(result.diagnostics, result.site_dir) if result.site_dir else result.diagnostics
        for diagnostic in sorted(shown, key=_diagnostic_order):
            print(diagnostic, file=self.stream)
        if self.explain:
            for line in result.explanation():
                print(line, file=self.stream)
        print(result.summary(), file=self.stream)

    def abort(self, error: BaseException) -> None:
        """The build stopped: say so, and that the previous output was kept."""
        self._stop_progress()
        reason = "interrupted" if isinstance(error, KeyboardInterrupt) else f"failed: {type(error).__name__}: {error}"
        print(f"build {reason}; the previous output was left as it was", file=self.stream)

    def _stop_progress(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _diagnostic_order(diagnostic: Diagnostic) -> tuple:
    """File, then position, so the output reads top to bottom like the sources."""
    return (diagnostic.file or "", diagnostic.line or 0, diagnostic.column or 0, diagnostic.rule)
