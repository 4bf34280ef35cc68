"""Incremental builds: a persistent per-page cache, so a rebuild renders only what changed.

For every page the build stores one entry (``<cache>/pages/<page id>``) with the rendered
body, its diagnostics, its TOC and the facts that decide whether it is still right:

- the **environment**: docgen's version and a hash of its own source files (versions do not
  change on every commit), the site's whole parsed config and the config file's bytes
  (variables, base URL, edition, image settings …). Any change re-renders every page;
- the page's **source** bytes (front matter included);
- every **partial** it asked for, by the name it used: where that name leads now and the
  file's bytes (a partial that appears or disappears counts too);
- every **image** it showed: where its ``src`` leads now and the file's size and mtime
  (the body carries its width, height and responsive variants);
- every **link** it wrote: the URL the href resolves to now (pages added, removed or renamed
  elsewhere change where a link goes, and nothing else of other pages reaches a body).

A page whose facts all hold is not parsed again. Its document (the body in page.html) is
keyed separately on every value page.html sees — navigation, breadcrumbs, neighbours,
versions, title — plus the templates' bytes: when only those changed, the document is
re-assembled from the cached body (templates only). When nothing changed and the previous
output still holds the file this cache last wrote (same inode, size and mtime), the file is
hard-linked from the previous output into the staging folder instead of being written:
the atomic swap of docgen.publish.output is kept, a failed build still leaves the previous
output as it was.

An entry is a first line with the SHA-256 of the rest, then JSON. An entry that does not
parse or whose digest does not match is treated as absent: the page is rendered again and
the entry rewritten, never published from.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import docgen
from docgen import __version__
from docgen.diagnostics import Diagnostic, Severity
from docgen.render.markdown import MARKDOWN_FILE
from docgen.render.page import RenderedPage
from docgen.site import Page, Site
from docgen.site.cache import site_cache_dir, stable_repr
from docgen.site.links import ResolvedLink
from docgen.tags.context import Heading
from docgen.theme import Theme

#: Bump when the entry layout or what it means changes.
ENTRY_FORMAT = 1

#: Reasons (for `--explain`) a page's document was re-assembled from its cached body.
REASSEMBLED_TEMPLATE = "template changed → re-assembled"
REASSEMBLED_CHROME = "navigation or titles changed → re-assembled"
REASSEMBLED_OUTPUT = "previous output missing or changed → re-written"

#: Outcome kinds of one page in an incremental build.
RENDERED, REASSEMBLED, UNCHANGED = "rendered", "re-assembled", "unchanged"


def default_page_cache_dir(site_dir: Path) -> Path:
    """Where a site keeps its page cache: the ``pages`` folder of `site_cache_dir`."""
    return site_cache_dir(site_dir, "pages")


@cache
def code_fingerprint() -> str:
    """docgen's version plus a hash of its own package files (sources, templates, static files).

    The version alone would let a cache written by an older checkout of the same
    version be reused after the code changed; hashing the package is the honest key.
    """
    root = Path(docgen.__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def environment_key(site: Site) -> str:
    """What reaches every page's body: docgen's code and the site's config (parsed and as written)."""
    digest = hashlib.sha256(f"{ENTRY_FORMAT}\0{code_fingerprint()}\0{stable_repr(site.config)}".encode())
    config_file = site.config.config_file
    if config_file is not None and config_file.is_file():
        digest.update(config_file.read_bytes())
    # The site's own schema reaches bodies too: its Python modules (their digests are in
    # `config.schema.key`, part of the repr above) and the templates of its declarative tags.
    templates = site.config.site_dir / "theme" / "templates"
    for name in sorted(site.config.schema.tags):
        table = site.config.schema.tags[name]
        template = table.get("template") if isinstance(table, dict) else None
        path = templates / template if isinstance(template, str) else None
        digest.update(f"\0{name}\0{template}\0".encode())
        if path is not None and path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def templates_fingerprint(theme: Theme) -> str:
    """The bytes of every template the theme may use (built-in and the site's overrides)."""
    digest = hashlib.sha256()
    for folder in theme._search_dirs("templates"):
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                digest.update(str(path).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


# --------------------------------------------------------------------------- entries


@dataclass
class PageEntry:
    """What the cache holds for one page (see the module docstring)."""

    environment: str
    source: str
    partials: list[list[Any]]  # [name, resolved path or None, sha256 or None]
    images: list[list[Any]]  # [src, repr of the resolved asset, size, mtime_ns]
    links: list[list[str]]  # [href, written URL]
    body: str
    body_digest: str
    toc: list[list[Any]]  # [level, text, id]
    diagnostics: list[dict[str, Any]]
    image_requests: list[list[str]]  # [source file, path in the output]
    validated_partials: list[str] = field(default_factory=list)  # partials whose findings `diagnostics` has
    templates: str = ""
    document: str = ""  # key of the document written from this body
    output: list[int] = field(default_factory=list)  # [inode, size, mtime_ns] of that file
    markdown: str = ""  # the page's Markdown rendition (index.md), made with the body
    markdown_output: list[int] = field(default_factory=list)  # [inode, size, mtime_ns] of that index.md
    has_h1: bool = False  # the body has its own h1 (else the theme shows the title as one)

    def headings(self) -> list[Heading]:
        return [Heading(level, text, id) for level, text, id in self.toc]

    def diagnostic_list(self) -> list[Diagnostic]:
        return [_diagnostic(found) for found in self.diagnostics]


def _diagnostic(data: dict[str, Any]) -> Diagnostic:
    return Diagnostic(**{**data, "severity": Severity(data["severity"])})


def _diagnostic_data(found: Diagnostic) -> dict[str, Any]:
    return {
        "file": found.file,
        "line": found.line,
        "column": found.column,
        "rule": found.rule,
        "severity": int(found.severity),
        "message": found.message,
        "target": found.target,
        "end_line": found.end_line,
    }


class PageCache:
    """Entries on disk, one file per page, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, page: Page) -> Path:
        identity = f"{page.version}\0{page.rel_path}\0{page.url}".encode()
        name = hashlib.sha256(identity).hexdigest()
        return self.folder / name[:2] / name

    def load(self, page: Page) -> PageEntry | str | None:
        """The page's entry; None when there is none; "corrupt" when it cannot be trusted."""
        try:
            raw = self.path(page).read_bytes()
        except OSError:
            return None
        digest, _, payload = raw.partition(b"\n")
        if hashlib.sha256(payload).hexdigest().encode() != digest:
            return "corrupt"
        try:
            data = json.loads(payload)
            return PageEntry(**data)
        except (ValueError, TypeError):
            return "corrupt"

    def store(self, page: Page, entry: PageEntry) -> None:
        target = self.path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(entry.__dict__, ensure_ascii=False, separators=(",", ":")).encode()
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def prune(self, live: Iterable[Page]) -> None:
        """Delete entries of pages that no longer exist (removed, renamed), and stray temp files."""
        keep = {self.path(page) for page in live}
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path not in keep:
                path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- decisions


@dataclass
class Decision:
    """What to do with one page: render it, re-assemble its document, or keep the previous file."""

    kind: str
    reason: str = ""
    entry: PageEntry | None = None
    rendered: RenderedPage | None = None
    document_key: str = ""


class IncrementalBuild:
    """One build's view of the page cache: decides per page, records what was rendered."""

    def __init__(self, site: Site, theme: Theme, cache_folder: Path, previous_output: Path) -> None:
        self.site = site
        self.cache = PageCache(cache_folder)
        self.previous_output = Path(previous_output)
        self.environment = environment_key(site)
        self.templates = templates_fingerprint(theme)
        self._file_digests: dict[Path, str] = {}
        self._partial_paths: dict[tuple[str, str], Path | None] = {}
        self._images: dict[tuple[str, str], tuple[str, list[int]]] = {}

    # ----------------------------------------------------------------- body

    def decide(self, page: Page) -> Decision:
        """Whether `page`'s cached body still holds; the reason when it does not."""
        entry = self.cache.load(page)
        if entry is None:
            return Decision(RENDERED, "new")
        if isinstance(entry, str):
            return Decision(RENDERED, "cache entry unreadable")
        reason = self._stale_body(page, entry)
        if reason is not None:
            return Decision(RENDERED, reason)
        return Decision(REASSEMBLED, entry=entry, rendered=self._rendered(page, entry))

    def _stale_body(self, page: Page, entry: PageEntry) -> str | None:
        if entry.environment != self.environment:
            return "docgen or config changed"
        if entry.source != self.file_digest(page.source):
            return "source changed"
        for name, path, digest in entry.partials:
            now = self._partial_path(name, page.version)
            if (str(now) if now is not None else None) != path or (now is not None and self.file_digest(now) != digest):
                return f"partial {name} changed"
        for src, asset, size, mtime in entry.images:
            if self._image(src, page.version) != (asset, [size, mtime]):
                return f"image {src} changed"
        for href, url in entry.links:
            if _link_url(self.site, self.site.resolve_link(href, page.version, page)) != url:
                return f"link {href} leads elsewhere"
        return None

    def _partial_path(self, name: str, version: str) -> Path | None:
        """Where a partial name leads from a page of `version` (once per build: many pages share partials)."""
        key = (name, version)
        if key not in self._partial_paths:
            self._partial_paths[key] = self.site.partials(version).path_of(name)
        return self._partial_paths[key]

    def _image(self, src: str, version: str) -> tuple[str, list[int]]:
        """Where an image src leads from a page of `version`, and that file's size and mtime (once per build)."""
        key = (src, version)
        found = self._images.get(key)
        if found is None:
            image = self.site.resolve_image(src, version)
            found = self._images[key] = (repr(image), _stat_pair(image.path if image else None))
        return found

    def _rendered(self, page: Page, entry: PageEntry) -> RenderedPage:
        return RenderedPage(
            page=page,
            title=page.title,
            body=entry.body,
            toc=entry.headings(),
            diagnostics=entry.diagnostic_list(),
            has_h1=entry.has_h1,
            markdown=entry.markdown,
        )

    def file_digest(self, path: Path) -> str:
        """SHA-256 of a page or partial file, once per build per process."""
        found = self._file_digests.get(path)
        if found is None:
            try:
                found = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                found = "missing"
            self._file_digests[path] = found
        return found

    # ----------------------------------------------------------------- document

    def document_key(self, values: dict[str, Any], body_digest: str) -> str:
        """Identifies the document page.html makes of `values`: every value but the body and the
        sidebar by repr, those two by digest, plus the templates."""
        rest = sorted((name, value) for name, value in values.items() if name not in ("content", "sidebar"))
        sidebar = values.get("sidebar")
        sidebar_key = getattr(sidebar, "fingerprint", None) or hashlib.sha256(str(sidebar).encode()).hexdigest()
        text = f"{self.templates}\0{body_digest}\0{sidebar_key}\0{stable_repr(rest)}"
        return hashlib.sha256(text.encode()).hexdigest()

    def reuse_previous(self, decision: Decision, target: Path, staging_target: Path) -> bool:
        """Hard-link the previous output's file into staging when it is exactly what this cache wrote."""
        entry = decision.entry
        if entry is None or entry.document != decision.document_key or not entry.output:
            return False
        try:
            stat = target.stat()
        except OSError:
            return False
        if [stat.st_ino, stat.st_size, stat.st_mtime_ns] != entry.output:
            return False
        staging_target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(target, staging_target)
        except OSError:
            return False
        return True

    def reuse_markdown(self, entry: PageEntry, target: Path, staging_target: Path) -> bool:
        """Hard-link the previous output's index.md when it is exactly the file this cache last wrote."""
        if not entry.markdown_output or _identity(target) != entry.markdown_output:
            return False
        try:
            os.link(target, staging_target)
        except OSError:
            return False
        return True

    def reassembly_reason(self, decision: Decision) -> str:
        entry = decision.entry
        if entry is None or entry.document == decision.document_key:
            return REASSEMBLED_OUTPUT
        return REASSEMBLED_TEMPLATE if entry.templates != self.templates else REASSEMBLED_CHROME

    # ----------------------------------------------------------------- recording

    def record_rendered(
        self,
        rendered: RenderedPage,
        image_requests: Sequence[tuple[Path, str]],
        document_key: str,
        written: Path,
    ) -> None:
        """Store a freshly rendered page. A page that crashed the renderer is not cached."""
        if any(found.rule == "render-failed" for found in rendered.diagnostics):
            return
        page = rendered.page
        entry = PageEntry(
            environment=self.environment,
            source=self.file_digest(page.source),
            partials=[
                [record.file, str(record.path) if record.path else None, self.file_digest(record.path)]
                if record.path is not None
                else [record.file, None, None]
                for record in rendered.partials
            ],
            images=[
                [record.src, repr(record.asset), *_stat_pair(record.asset.path if record.asset else None)]
                for record in rendered.images
            ],
            links=[[record.href, _link_url(self.site, record.resolved)] for record in rendered.links],
            body=rendered.body,
            body_digest=body_digest(rendered.body),
            toc=[[heading.level, heading.text, heading.id] for heading in rendered.toc],
            diagnostics=[_diagnostic_data(found) for found in rendered.diagnostics],
            image_requests=[[str(source), rel] for source, rel in image_requests],
            validated_partials=[str(path) for path in rendered.validated_partials],
            markdown=rendered.markdown,
            has_h1=rendered.has_h1,
        )
        self._finish(page, entry, document_key, written)

    def record_document(self, page: Page, entry: PageEntry, document_key: str, written: Path) -> None:
        """After a re-assembly: the entry now describes the newly written document."""
        self._finish(page, entry, document_key, written)

    def _finish(self, page: Page, entry: PageEntry, document_key: str, written: Path) -> None:
        entry.templates = self.templates
        entry.document = document_key
        entry.output = _identity(written)
        entry.markdown_output = _identity(written.with_name(MARKDOWN_FILE))
        self.cache.store(page, entry)


def _identity(path: Path) -> list[int]:
    """[inode, size, mtime_ns] of a file this build wrote or kept; [] when it is not there."""
    try:
        stat = path.stat()
    except OSError:
        return []
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _stat_pair(path: Path | None) -> list[int]:
    if path is None:
        return [-1, -1]
    try:
        stat = path.stat()
    except OSError:
        return [-1, -1]
    return [stat.st_size, stat.st_mtime_ns]


def _link_url(site: Site, resolved: ResolvedLink) -> str:
    """What a resolved link decides about the page (the URL written; `_stale_body` recomputes it)."""
    return resolved.url if resolved.external else site.config.base_path + resolved.url
