"""The seam between tag transforms and the site that renders a page.

Tags such as `image`, `partial` or `collateContent` need facts only the site
knows (image sizes, the page's version, the edition). They ask through a
`RenderContext` found at ``config["docgen"]`` and fall back to plain Markdoc
behaviour when there is none, so `docgen.tags` stays usable without a site.
`StandaloneContext` is the small, site-free implementation for tests and for
people who use the tag library on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from docgen.tags.budget import ExpansionBudget
from docgen.tags.slugs import HeadingIds

#: The editions one source can serve: the `edition` config key takes one of these, and a page rendered in
#: any other (e.g. "all", without a site) shows every edition's content. A tag limits its content to one
#: edition with the schema key ``"edition"`` (the OpenMetadata tag set's collateContent/ossContent do), which
#: docgen.check reads from the site's schema: the core knows editions, not the tags that select them.
EDITIONS = ("oss", "collate")


@dataclass(frozen=True)
class ImageRef:
    """What the site knows about one referenced image.

    `width`/`height` are the intrinsic pixel size (None when unknown, e.g. a
    missing file); `variants` are responsive renditions as
    ``(url, width, mime)`` tuples, empty when the original is served as is.
    """

    url: str
    width: int | None = None
    height: int | None = None
    variants: list[tuple[str, int, str]] = field(default_factory=list)


@runtime_checkable
class RenderContext(Protocol):
    """One page render, as seen by the tag transforms (see docs/architecture.md)."""

    edition: str
    version: str
    headings: list[Heading]  # every heading rendered so far, in document order
    source_has_h1: bool  # the page's own source has a `#` heading (set before the transform)

    def resolve_link(self, href: str, node: Any) -> str: ...

    def image(self, src: str, node: Any) -> ImageRef | None: ...

    def heading_id(self, text: str, explicit: str | None) -> str: ...

    def add_heading(self, level: int, text: str, id: str) -> None: ...

    def report(self, node: Any, rule: str, severity: str, message: str, target: str | None = None) -> None: ...

    def next_image_index(self) -> int: ...


@dataclass(frozen=True)
class Heading:
    """One heading collected by `add_heading` (the TOC shows levels 2 and 3)."""

    level: int
    text: str
    id: str


@dataclass(frozen=True)
class Report:
    """One finding collected by `StandaloneContext.report`, with the node's position."""

    rule: str
    severity: str
    message: str
    file: str | None
    line: int | None
    column: int | None
    target: str | None = None


class StandaloneContext:
    """A RenderContext without a site: links unchanged, images unsized, ids unique.

    The default edition ``"all"`` shows both collateContent and ossContent, which
    is what a reader of the raw Markdown would expect.
    """

    def __init__(self, edition: str = "all", version: str = "") -> None:
        self.edition = edition
        self.version = version
        self.headings: list[Heading] = []
        self.source_has_h1 = False
        self.reports: list[Report] = []
        self._ids = HeadingIds()
        self._images = 0
        self.partial_budget = ExpansionBudget()  # read by the partial tag (docgen.tags.budget)

    def resolve_link(self, href: str, node: Any) -> str:
        return href

    def image(self, src: str, node: Any) -> ImageRef | None:
        return ImageRef(url=src)

    def heading_id(self, text: str, explicit: str | None) -> str:
        return self._ids.claim(text, explicit)

    def add_heading(self, level: int, text: str, id: str) -> None:
        self.headings.append(Heading(level, text, id))

    def report(self, node: Any, rule: str, severity: str, message: str, target: str | None = None) -> None:
        file, line, column = node_position(node)
        self.reports.append(Report(rule, severity, message, file, line, column, target))

    def next_image_index(self) -> int:
        index = self._images
        self._images += 1
        return index


def node_position(node: Any) -> tuple[str | None, int | None, int | None]:
    """(file, 1-based line, 1-based column) of a Markdoc node, from its location or lines."""
    location = getattr(node, "location", None) or {}
    start = location.get("start") or {}
    line = start.get("line")
    if line is None:
        lines = getattr(node, "lines", None) or []
        line = lines[0] if lines else None
    column = start.get("character")
    return (
        location.get("file"),
        None if line is None else line + 1,
        None if column is None else column + 1,
    )
