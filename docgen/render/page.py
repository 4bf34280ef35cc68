"""Rendering one page: Markdoc source → validated, transformed HTML body plus facts.

`render_page` is the one function build, serve and check share. It returns
the page body (not the themed document), the on-page TOC, every diagnostic
found while validating and transforming, and what the page read — partials
transitively, images, links — so serve knows what to rebuild and check what
to verify. Partials are validated once per file per `PartialValidation`,
not once per including page: a partial included by seventy pages would
otherwise report each of its problems seventy times.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import docgen.markdoc as markdoc
from docgen.diagnostics import Diagnostic
from docgen.render.layout import short_title
from docgen.render.markdown import page_markdown
from docgen.render.tag_templates import template_renderer
from docgen.rules import diagnostic
from docgen.site import Page, Site
from docgen.site.context import ImagePublisher, ImageRecord, LinkRecord, PageContext, PartialRecord
from docgen.site.images import ImageReference, ImageValidator
from docgen.site.validation import validate_file, validation_diagnostics
from docgen.tags.context import Heading
from docgen.tags.headings import source_has_h1
from docgen.theme import Theme

TOC_LEVELS = (2, 3)


@dataclass
class RenderedPage:
    """One rendered page body and everything learnt while rendering it."""

    page: Page
    title: str
    body: str
    toc: list[Heading]
    diagnostics: list[Diagnostic]
    dependencies: set[Path] = field(default_factory=set)
    images: list[ImageRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    partials: list[PartialRecord] = field(default_factory=list)
    validated_partials: list[Path] = field(default_factory=list)  # whose findings `diagnostics` carries
    has_h1: bool = False  # the content has its own h1; otherwise the theme shows the title as one
    markdown: str = ""  # the page as clean Markdown (docgen.render.markdown), written beside its HTML


class PartialValidation:
    """Remembers which partial files were validated, so each is validated once per build.

    Thread-safe; `claim` answers True exactly once per path.
    """

    def __init__(self) -> None:
        self._seen: set[Path] = set()
        self._lock = threading.Lock()

    def claim(self, path: Path) -> bool:
        with self._lock:
            if path in self._seen:
                return False
            self._seen.add(path)
            return True


def render_page(
    site: Site,
    page: Page,
    *,
    edition: str | None = None,
    image_publisher: ImagePublisher | None = None,
    partial_validation: PartialValidation | None = None,
    image_validator: ImageValidator | None = None,
    theme: Theme | None = None,
) -> RenderedPage:
    """Validate and render `page`; never raises for problems in the content.

    `partial_validation` shared across pages validates each partial once;
    None validates every partial this page uses (what serve and check want
    for a single page). Every image the page shows is validated (missing,
    wrong case, empty, undecodable, misnamed, over budget) at the place it
    is written; `image_validator` shared across pages inspects each file once.
    """
    context = PageContext(site, page, edition=edition, image_publisher=image_publisher)
    context.render_template = template_renderer(theme or Theme(site.config.site_dir, site.schema.css), context)
    config = context.markdoc_config()
    try:
        ast = site.parse_page(page)
        context.source_has_h1 = source_has_h1(ast)
        diagnostics = validation_diagnostics(markdoc.validate(ast, config), page.rel_path)
        tree = markdoc.transform(ast, config)
        body = markdoc.render_html(tree)
    except Exception as error:  # a bug in a tag or the engine must not stop the other pages
        diagnostics = [_crash_diagnostic(page, error)]
        body = f'<p class="dg-render-failed">This page could not be rendered: {escape(type(error).__name__)}.</p>'
        tree = markdoc.Tag("p", {}, [f"This page could not be rendered: {type(error).__name__}."])
    partials = list(context.partial_records.values())
    has_h1 = any(heading.level == 1 for heading in context.headings)
    claim = partial_validation.claim if partial_validation is not None else (lambda path: True)
    validated = [
        path for path in sorted({record.path for record in partials if record.path is not None}) if claim(path)
    ]
    for path in validated:
        diagnostics.extend(validate_file(site, path, config))
    diagnostics.extend(image_diagnostics(context.images, image_validator or page_image_validator(site)))
    return RenderedPage(
        page=page,
        title=page.title,
        body=body,
        toc=[heading for heading in context.headings if heading.level in TOC_LEVELS],
        diagnostics=_unique(diagnostics + context.diagnostics),
        dependencies={record.path for record in partials if record.path is not None},
        images=context.images,
        links=context.links,
        partials=partials,
        validated_partials=validated,
        has_h1=has_h1,
        markdown=page_markdown(short_title(page.title), page.description, tree, title_heading=not has_h1),
    )


def validate_partials(site: Site, page: Page, paths: Iterable[Path]) -> list[Diagnostic]:
    """The findings of partials `paths`, validated as included by `page` (what `render_page` reports
    for the partials it claims). Incremental builds use it for partials no page of the build claimed."""
    config = PageContext(site, page).markdoc_config()
    return [found for path in paths for found in validate_file(site, path, config)]


def page_image_validator(site: Site) -> ImageValidator:
    """A validator with the site's `[images]` settings (budgets, decode)."""
    validator = ImageValidator(site.config.images, site.config.images_dir, site.config.images_url)
    validator.refused = site.image_tree.refused
    return validator


def image_diagnostics(records: Iterable[ImageRecord], validator: ImageValidator) -> list[Diagnostic]:
    """The image-* findings of a page's image references, each at the reference's file:line:col."""
    found = []
    for record in records:
        position = record.position
        reference = ImageReference(record.src, position.file, position.line, position.column)
        found.extend(validator.validate(record.asset, reference))
    return found


def _crash_diagnostic(page: Page, error: Exception) -> Diagnostic:
    """An internal failure, reported at the deepest frame in docgen so it can be fixed."""
    frame = traceback.extract_tb(error.__traceback__)[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}"
    message = f"internal error while rendering: {type(error).__name__}: {error} (at {where})"
    return diagnostic("render-failed", page.rel_path, None, None, message)


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """One finding per (position, rule, message): a node visited twice reports once."""
    return list(dict.fromkeys(diagnostics))
