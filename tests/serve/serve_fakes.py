"""A tiny stand-in site for testing the engine's scheduling on its own.

Pages are ``<root>/pages/<name>.md`` at ``/<name>/``; a line ``include: x``
reads ``<root>/parts/x.md`` (transitively); a line ``title: T`` sets the
title; a line ``error: message`` makes the render report an error. Titles of
all pages form each page's "navigation", so a title change must reach
every page.
"""

from __future__ import annotations

from pathlib import Path

from docgen.diagnostics import Diagnostic, Severity
from docgen.serve.engine import Change, PageEdit, PageUpdate, Rendered


class FakeSession:
    def __init__(self, root: Path) -> None:
        self.site_root = root
        self.titles: dict[str, str] = {}
        self.renders: list[str] = []
        self.healthy = True
        self.theme_changes = 0
        self.chrome_renders: list[str] = []

    def load(self) -> list[Diagnostic]:
        self.titles = {f"/{p.stem}/": self._title(p) for p in sorted((self.site_root / "pages").glob("*.md"))}
        return []

    def _title(self, path: Path) -> str:
        for line in path.read_text().splitlines():
            if line.startswith("title: "):
                return line[7:]
        return path.stem

    def page_urls(self) -> list[str]:
        return sorted(self.titles)

    def page_output(self, url: str) -> str:
        return url.strip("/") + "/index.html"

    def page_source(self, url: str) -> Path | None:
        return self.site_root / "pages" / (url.strip("/") + ".md") if url in self.titles else None

    def version_urls(self, version: str | None) -> list[str]:
        return self.page_urls()

    def render(self, url: str, *, chrome_only: bool = False) -> Rendered:
        """Always a full render: the stand-in has no separate chrome; `chrome_renders` records the requests."""
        if chrome_only:
            self.chrome_renders.append(url)
        self.renders.append(url)
        source = self.page_source(url)
        assert source is not None
        text, deps, errors = self._expand(source, set())
        nav = " | ".join(self.titles[u] for u in self.page_urls())
        rel = source.relative_to(self.site_root).as_posix()
        diagnostics = [Diagnostic(rel, 1, 1, "fake/error", Severity.ERROR, message) for message in errors]
        return Rendered(f"<html><body><nav>{nav}</nav><main>{text}</main></body></html>".encode(), diagnostics, deps)

    def _expand(self, path: Path, seen: set[Path]) -> tuple[str, set[Path], list[str]]:
        out, deps, errors = [], set(), []
        for line in path.read_text().splitlines():
            if line.startswith("include: "):
                part = self.site_root / "parts" / (line[9:] + ".md")
                deps.add(part)
                if part.exists() and part not in seen:
                    text, more, errs = self._expand(part, seen | {part})
                    out.append(text)
                    deps |= more
                    errors += errs
            elif line.startswith("error: "):
                errors.append(line[7:])
            elif not line.startswith("title: "):
                out.append(line)
        return "\n".join(out), deps, errors

    def static_files(self) -> dict[str, bytes]:
        return {
            "style.css": (self.site_root / "style.css").read_bytes() if (self.site_root / "style.css").exists() else b""
        }

    def mounts(self) -> list[tuple[str, Path]]:
        return []

    def aliases(self) -> dict[str, str]:
        return {}

    def base_path(self) -> str:
        return ""

    def watch_roots(self) -> list[Path]:
        return [self.site_root]

    def classify(self, path: Path) -> tuple[Change, str | None]:
        rel = path.relative_to(self.site_root)
        if rel.parts[0] == "pages":
            return Change.PAGE, "v"
        if rel.parts[0] == "parts":
            return Change.INCLUDED, None
        if path.suffix == ".css":
            return Change.STYLESHEET, None
        if path.name == "config.toml":
            return Change.CONFIG, None
        if path.name == "menu.md":
            return Change.MENU, "v"
        return Change.IGNORED, None

    def update_page(self, path: Path) -> PageUpdate:
        url = f"/{path.stem}/"
        if not path.exists():
            return PageUpdate(PageEdit.NAVIGATION, set(), "v")
        if url not in self.titles or self._title(path) != self.titles[url]:
            return PageUpdate(PageEdit.NAVIGATION, {url}, "v")
        return PageUpdate(PageEdit.BODY, {url}, "v")

    def theme_changed(self) -> None:
        self.theme_changes += 1

    def health(self) -> list[Diagnostic]:
        if self.healthy:
            return []
        return [Diagnostic("pages", None, None, "fake/gone", Severity.ERROR, "content folder missing")]
