"""Pages: discovery under ``content/<version>/`` and their URLs.

A page's URL is ``/<version>/<slug>/``. The slug comes from front matter
(OpenMetadata writes versionless slugs such as ``/deployment/security/okta``)
or, without one, from the file path; ``index.md`` stands for its folder.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from docgen.diagnostics import Diagnostic
from docgen.rules import diagnostic
from docgen.site.config import SiteConfig, relative_posix
from docgen.site.files import is_refused
from docgen.site.frontmatter import read_front_matter
from docgen.site.source import read_source
from docgen.site.urls import page_url, version_prefix
from docgen.site.versions import Version, version_key

MENU_FILES = ("menu.md", "collate-menu.md")
# Front matter keys docgen understands, with the type each must have.
KNOWN_KEYS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "description": str,
    "slug": str,
    "collate": bool,
    "noindex": bool,
    "nofollow": bool,
}
_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_H1_RE = re.compile(r"^\s{0,3}#\s+(.*?)\s*#*\s*$")
_ANNOTATION_RE = re.compile(r"\{%.*?%\}")
# A folder name longer than this may not be writable (255 bytes on most file systems, less on some).
MAX_SLUG_SEGMENT = 200


@dataclass(eq=False)
class Page:
    """One source page. Identity-compared: two Page objects are two files."""

    source: Path
    rel_path: str  # relative to the site root, POSIX separators: what diagnostics print
    version: str  # version name as in URLs, e.g. "v1.9.x"
    url: str  # "/v1.9.x/deployment/security/okta/"
    front_matter: dict
    title: str
    content_path: str = ""  # relative to the version folder, e.g. "deployment/security/okta/index.md"
    body_line: int = 0  # 0-based first line after the front matter
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The whole file as decoded (front matter included, so parse positions are file positions).

        Read again when asked, not kept: a page object lives as long as the site model, and
        holding every page's text made it grow by the size of the content (40 MB at 10,000 pages).
        """
        return read_source(self.source).text

    @property
    def description(self) -> str:
        value = self.front_matter.get("description")
        return value if isinstance(value, str) else ""

    @property
    def image(self) -> str:
        """The front matter's `image:` (the page's social card image: a URL or a site path), or ""."""
        value = self.front_matter.get("image")
        return value.strip() if isinstance(value, str) else ""

    @property
    def collate_only(self) -> bool:
        """True for ``collate: true`` pages, which exist only in the Collate edition."""
        return self.front_matter.get("collate") is True

    @property
    def noindex(self) -> bool:
        return self.front_matter.get("noindex") is True

    @property
    def path_in_version(self) -> str:
        """The URL without the version prefix, e.g. ``/deployment/security/okta/`` (for version switching)."""
        return self.url[len(version_prefix(self.version)) :]

    def __repr__(self) -> str:
        return f"Page({self.rel_path!r} -> {self.url!r})"


def discover_pages(
    config: SiteConfig, version: Version, refused: frozenset[Path] = frozenset()
) -> tuple[list[Page], list[Diagnostic]]:
    """Every page of one version, in file-path order, with front matter problems; `refused` are symlinks
    leading out of the site (docgen.site.symlinks), whose pages are not read."""
    root = config.version_folder(version.name)
    skipped = {config.partials_dir, config.images_dir, config.output_dir}
    pages: list[Page] = []
    diagnostics: list[Diagnostic] = []
    for source in _markdown_files(root, skipped):
        content_path = source.relative_to(root).as_posix()
        if content_path in MENU_FILES or is_refused(source, refused):
            continue
        try:
            page, found = load_page(config, version, source)
        except PageTooLarge as error:
            diagnostics.append(diagnostic("page-too-large", config.rel_path(source), None, None, str(error)))
            continue
        except OSError as error:
            diagnostics.append(
                diagnostic(
                    "page-invalid",
                    config.rel_path(source),
                    None,
                    None,
                    f"cannot read page: {error.strerror or error}",
                )
            )
            continue
        pages.append(page)
        diagnostics.extend(found)
    return pages, diagnostics


def outside_versions(config: SiteConfig) -> list[Diagnostic]:
    """Markdown in a versioned content folder but in no version folder: one finding per file or folder.

    Such a file is not a page (a versioned site's pages live in version folders), and silence
    would leave its author wondering why it is missing from the site.
    """
    if not config.versioned or not config.content_dir.is_dir():
        return []
    folders = {config.version_folder(version.name) for version in config.versions}
    skipped = {config.partials_dir, config.images_dir, config.output_dir, *folders}
    problems = []
    for entry in sorted(config.content_dir.iterdir()):
        if entry.name.startswith(".") or entry in skipped or version_key(entry.name) is not None:
            continue
        if entry.is_dir():
            count = len(_markdown_files(entry, skipped))
            what = f"folder with {count} Markdown file{'s' if count != 1 else ''}" if count else ""
        else:
            what = "Markdown file" if entry.suffix == ".md" and entry.name not in MENU_FILES else ""
        if what:
            problems.append(
                diagnostic(
                    "page-outside-version",
                    config.rel_path(entry),
                    None,
                    None,
                    f"{what} outside the version folders ({', '.join(v.name for v in config.versions)}) "
                    "is not published; move it into a version folder, or set versions = false "
                    "if the site has no versions",
                )
            )
    return problems


def _markdown_files(root: Path, skipped: set[Path]) -> list[Path]:
    """`*.md` under `root`, sorted, skipping hidden entries and the configured asset folders.

    Folders are identified by (device, inode), so a symlink pointing back up
    the tree cannot make discovery loop, and no path needs resolving.
    """
    seen = {_identity(path) for path in skipped if path.exists()}
    found: list[Path] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        seen.add(_identity(folder))
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir():
                    if _identity(Path(entry.path)) not in seen:
                        pending.append(Path(entry.path))
                elif entry.name.endswith(".md") and entry.is_file():
                    found.append(Path(entry.path))
    return sorted(found, key=lambda path: path.parts)


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino


def load_page(config: SiteConfig, version: Version, source: Path) -> tuple[Page, list[Diagnostic]]:
    """Read one page file; returns the page and the diagnostics about its bytes (invalid UTF-8, NUL)
    and its front matter. OSError propagates: discovery and serve each say the page is unreadable."""
    rel_path = config.rel_path(source)
    content_path = relative_posix(source, config.version_folder(version.name)) or source.name
    size_warning = page_size_problem(config, source, rel_path)
    decoded = read_source(source)
    page, found = _make_page(
        config, version, source, rel_path, content_path, decoded.text, decoded.diagnostics(rel_path)
    )
    return page, ([size_warning, *found] if size_warning is not None else found)


class PageTooLarge(OSError):
    """A page file over `[limits] max_page_bytes`: it is not read at all (`page-too-large`)."""


def page_size_problem(config: SiteConfig, source: Path, rel_path: str) -> Diagnostic | None:
    """A `page-large` warning above `page_warning_bytes`; raises PageTooLarge above `max_page_bytes`.

    Checked from the file's size before reading it: a 50 MB page took 133 s and 5.6 GB to render.
    """
    size = source.stat().st_size
    limits = config.limits
    if size > limits.max_page_bytes:
        raise PageTooLarge(
            f"page is {size:,} bytes, over [limits] max_page_bytes = {limits.max_page_bytes:,}: not read or published"
        )
    if size > limits.page_warning_bytes:
        message = (
            f"page is {size:,} bytes, over [limits] page_warning_bytes = {limits.page_warning_bytes:,}: "
            "consider splitting it (it is slow to build and to read)"
        )
        return diagnostic("page-large", rel_path, None, None, message)
    return None


def _make_page(
    config: SiteConfig,
    version: Version,
    source: Path,
    rel_path: str,
    content_path: str,
    text: str,
    diagnostics: list[Diagnostic],
) -> tuple[Page, list[Diagnostic]]:
    front = read_front_matter(text, rel_path)
    diagnostics.extend(front.diagnostics)
    diagnostics.extend(_front_matter_problems(front.data, front.key_lines, rel_path))
    data = _usable_front_matter(front.data)
    slug = data.get("slug")
    if slug is not None and slug_problem(slug) is not None:
        fallback = url_from_path(version, content_path)
        diagnostics.append(
            diagnostic(
                "page-invalid",
                rel_path,
                front.key_lines.get("slug"),
                1,
                f"front matter 'slug' {slug!r} {slug_problem(slug)}; the page keeps the URL of its file, {fallback}",
            )
        )
        data = {key: value for key, value in data.items() if key != "slug"}
        slug = None
    url = url_from_slug(version, slug) if slug is not None else url_from_path(version, content_path)
    title = data.get("title") or first_heading(text, front.body_line) or _title_from_path(content_path)
    page = Page(
        source=source,
        rel_path=rel_path,
        version=version.name,
        url=url,
        front_matter=data,
        title=title,
        content_path=content_path,
        body_line=front.body_line,
        key_lines=front.key_lines,
    )
    return page, diagnostics


def _front_matter_problems(data: dict, key_lines: dict[str, int], rel_path: str) -> list[Diagnostic]:
    """Wrong types for known keys, and near-miss spellings such as ``Collate:``."""
    problems = []
    lowered = {key.lower(): key for key in KNOWN_KEYS}
    for key, value in data.items():
        line = key_lines.get(str(key))
        if key in KNOWN_KEYS:
            kind = KNOWN_KEYS[key]
            if not isinstance(value, kind):
                expected = kind.__name__ if isinstance(kind, type) else "value"
                problems.append(
                    diagnostic(
                        "page-invalid",
                        rel_path,
                        line,
                        1,
                        f"front matter '{key}' must be a {expected}, got {value!r}; ignored",
                    )
                )
        elif str(key).lower() in lowered:
            problems.append(
                diagnostic(
                    "page-invalid",
                    rel_path,
                    line,
                    1,
                    f"front matter key '{key}' is not '{lowered[str(key).lower()]}' (keys are case-sensitive); ignored",
                )
            )
    return problems


def _usable_front_matter(data: dict) -> dict:
    """Drop known keys whose value has the wrong type, so engines can trust the rest."""
    return {key: value for key, value in data.items() if key not in KNOWN_KEYS or isinstance(value, KNOWN_KEYS[key])}


def slug_problem(slug: str) -> str | None:
    """Why a front matter slug cannot name a folder inside the output, or None when it can.

    A browser resolves ``..`` and ``%2e%2e`` segments before asking for a page, and a backslash
    or a control character cannot be part of a portable folder name.
    """
    for part in slug.strip().split("/"):
        decoded = unquote(part)
        if decoded in (".", ".."):
            return f"has a {part!r} segment"
        if "\\" in decoded or "/" in decoded:
            return "has a backslash or an encoded slash"
        if any(ord(character) < 0x20 or ord(character) == 0x7F for character in decoded):
            return "has a control character"
        if len(part.encode("utf-8")) > MAX_SLUG_SEGMENT:
            return f"has a segment longer than {MAX_SLUG_SEGMENT} bytes"
    return None


def url_from_slug(version: Version, slug: str) -> str:
    """``/deployment/x`` (or ``/v1.9.x/deployment/x``) in version v1.9.x → ``/v1.9.x/deployment/x/``."""
    parts = [part for part in slug.strip().split("/") if part]
    if parts and version.versioned and version_key(parts[0]) == version.key:
        parts = parts[1:]
    return page_url(version.name, parts)


def url_from_path(version: Version, content_path: str) -> str:
    """``deployment/x.md`` → ``/v/deployment/x/``; ``deployment/index.md`` → ``/v/deployment/``."""
    return page_url(version.name, content_path.split("/"))


def first_heading(text: str, start_line: int = 0) -> str | None:
    """Text of the first ATX h1 outside code fences, with Markdoc annotations removed."""
    fence: str | None = None
    for line in text.split("\n")[start_line:]:
        opener = _FENCE_RE.match(line)
        if opener:
            marker = opener.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None:
            match = _H1_RE.match(line)
            if match:
                title = _ANNOTATION_RE.sub("", match.group(1)).strip()
                if title:
                    return title
    return None


def _title_from_path(content_path: str) -> str:
    parts = content_path.removesuffix(".md").split("/")
    return title_from_name(parts[-2] if parts[-1] == "index" and len(parts) > 1 else parts[-1])


def title_from_name(name: str) -> str:
    """``ingestion-modes`` → ``Ingestion modes``: a readable title from a file or folder name."""
    return name.replace("-", " ").replace("_", " ").strip().capitalize() or "Home"


def without_duplicate_urls(pages: list[Page], diagnostics: list[Diagnostic]) -> list[Page]:
    """Keep the first page of each URL; report later ones (rule ``url-duplicate``) naming both files."""
    kept: dict[str, Page] = {}
    for page in pages:
        first = kept.get(page.url)
        if first is None:
            kept[page.url] = page
            continue
        diagnostics.append(
            diagnostic(
                "url-duplicate",
                page.rel_path,
                page.key_lines.get("slug", 1),
                1,
                f"URL {page.url} is also the URL of {first.rel_path}; this page is left out",
                target=first.rel_path,
            )
        )
    return list(kept.values())
