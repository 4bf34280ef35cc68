"""`PageContext`: the site as seen by the tag transforms while one page renders.

It implements docgen.tags' `RenderContext` protocol. One context per page
render means a partial's links resolve in the *including* page's version
without any bookkeeping, heading ids are unique across the page and its
partials, and everything the page referenced — links, images, partials — is
recorded in one place for the build (which images to copy), serve (which
pages to rebuild when a partial changes) and check (what is broken).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.diagnostics import Diagnostic, Severity
from docgen.rules import diagnostic
from docgen.site.assets import ResolvedAsset
from docgen.site.config import SiteConfig
from docgen.site.images import ImageError, probe_image, unpublishable
from docgen.site.links import ResolvedLink
from docgen.site.locate import Locator, Position
from docgen.site.pages import Page
from docgen.site.partials import RecordingPartials
from docgen.site.site import Site
from docgen.tags import markdoc_config
from docgen.tags.budget import ExpansionBudget
from docgen.tags.context import Heading, ImageRef, node_position
from docgen.tags.slugs import HeadingIds
from docgen.urlpolicy import PLACEHOLDER
from docgen.urlpolicy import RULE as URL_RULE

#: Publishes a found image into the output: (source file, path in the output) -> ImageRef.
ImagePublisher = Callable[[Path, str], ImageRef]


@dataclass(frozen=True)
class LinkRecord:
    href: str
    resolved: ResolvedLink
    position: Position


@dataclass(frozen=True)
class ImageRecord:
    """One image reference. `asset` is None when `src` is outside the images URL (external)."""

    src: str
    asset: ResolvedAsset | None
    ref: ImageRef | None
    position: Position


@dataclass(frozen=True)
class PartialRecord:
    """A partial the page asked for, by its ``file`` attribute; `path` None when missing."""

    file: str
    path: Path | None


def expansion_budget(config: SiteConfig) -> ExpansionBudget:
    """A fresh budget for one page, with the site's `[limits]` (build, serve and check use the same)."""
    return ExpansionBudget(config.limits.max_partial_expansions, config.limits.max_partial_characters)


class PageContext:
    """RenderContext for one render of one page.

    `image_publisher` is the build's image pipeline (``ImagePipeline.submit``):
    it copies the file and plans responsive variants. Without one (check,
    plain rendering) images are only probed for their size.
    """

    def __init__(
        self, site: Site, page: Page, *, edition: str | None = None, image_publisher: ImagePublisher | None = None
    ):
        self.site = site
        self.page = page
        self.edition = edition or site.config.edition
        self.version = page.version
        self.url_schemes = site.config.url_schemes  # read by docgen.tags.links.allowed_url
        self.partial_budget = expansion_budget(site.config)  # read by the partial tag (docgen.tags.budget)
        self.headings: list[Heading] = []
        self.source_has_h1 = False  # set by the renderer from the page's AST (docgen.tags.headings.source_has_h1)
        self.diagnostics: list[Diagnostic] = []
        self.links: list[LinkRecord] = []
        self.images: list[ImageRecord] = []
        self.partial_records: dict[str, PartialRecord] = {}
        self.partials = RecordingPartials(site.partials(page.version), self._record_partial)
        self._publish = image_publisher
        self._ids = HeadingIds(site.schema.slugify)
        #: how a declarative tag renders its template: set by docgen.render (name, values, node) -> HTML | None
        self.render_template: Callable[[str, dict, Any], str | None] | None = None
        self._image_index = 0
        self._locator = Locator()
        self._includes: list[Any] = []  # the partial tags being expanded, outermost first

    # ----------------------------------------------------------------- RenderContext

    def resolve_link(self, href: str, node: Any) -> str:
        """The href to write: versionless links land in this page's version, base path applied."""
        resolved = self.site.resolve_link(href, self.version, self.page)
        self.links.append(LinkRecord(href, resolved, self.position(node)))
        return resolved.url if resolved.external else self.href(resolved.url)

    def image(self, src: str, node: Any) -> ImageRef | None:
        """Size and URL of an image under the images URL; None (use `src` as is) otherwise or if missing."""
        asset = self.site.resolve_image(src, self.version)
        ref = None
        if asset is not None and asset.path is not None:
            if unpublishable(asset.path, self.site.config.images):
                ref = ImageRef(url=PLACEHOLDER)  # not published, not linked; the validation says why at the reference
            else:
                ref = self._image_ref(asset, asset.path)
        self.images.append(ImageRecord(src, asset, ref, self.written_position(node, src)))
        return ref

    def heading_id(self, text: str, explicit: str | None) -> str:
        return self._ids.claim(text, explicit)

    def add_heading(self, level: int, text: str, id: str) -> None:
        self.headings.append(Heading(level, text, id))

    def report(self, node: Any, rule: str, severity: str, message: str, target: str | None = None) -> None:
        """A finding at `node`; a registered rule has its registry level (docgen.rules), others `severity`."""
        # a refused URL is fixed where it is written (as docgen check points at it), not at the tag's start
        position = self.written_position(node, target) if rule == URL_RULE and target else self.position(node)
        self.diagnostics.append(
            diagnostic(
                rule, position.file, position.line, position.column, message, target, reported=Severity.parse(severity)
            )
        )

    def enter_partial(self, include: Any) -> None:
        """The partial tag `include` is being expanded: its content's values may be written there."""
        self._includes.append(include)

    def leave_partial(self) -> None:
        self._includes.pop()

    def next_image_index(self) -> int:
        index = self._image_index
        self._image_index += 1
        return index

    # ----------------------------------------------------------------- helpers for engines

    def href(self, url: str) -> str:
        """A root-relative site URL as written into HTML: with the base URL's path in front."""
        return self.site.config.base_path + url if url.startswith("/") else url

    def position(self, node: Any) -> Position:
        """The node's place: its own file (page or partial), else the page; 1-based."""
        file, line, column = node_position(node)
        return Position(file or self.page.rel_path, line, column)

    def written_position(self, node: Any, target: str) -> Position:
        """Where `target` is written within the node (a Markdown image's src, a tag's attribute value),
        else in the partial tags that include it, innermost first (a value passed as
        ``variables={shot: "…"}`` is fixed there, not at ``$shot``), else the node's start:
        a Markdown image only knows its paragraph's first line. docgen.check points at the same place."""
        for candidate in (node, *reversed(self._includes)):
            file = self.position(candidate).file
            found = self._locator.written(self.site.config.site_dir / file, candidate, target)
            if found is not None:
                return Position(file, *found)
        return self.position(node)

    def markdoc_config(self, variables: dict | None = None) -> dict:
        """The Markdoc config for this page: the tag library, this context, lazy partials."""
        return markdoc_config(
            self, {**self.site.variables(self.page), **(variables or {})}, self.partials, self.site.schema
        )

    # ----------------------------------------------------------------- internals

    def _image_ref(self, asset: ResolvedAsset, path: Path) -> ImageRef:
        """The found image at `path`: published by the build's pipeline, else probed for its size."""
        url = self.site.image_url(asset)
        if self._publish is not None:
            return self._publish(path, url.lstrip("/"))
        try:
            info = probe_image(path)
        except ImageError:
            return ImageRef(url=self.href(url))
        return ImageRef(url=self.href(url), width=info.width, height=info.height)

    def _record_partial(self, file: str, path: Path | None) -> None:
        self.partial_records.setdefault(file, PartialRecord(file, path))
