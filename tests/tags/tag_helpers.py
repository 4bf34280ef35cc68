"""Test helpers for the tag library: render Markdoc through docgen.tags and query the HTML.

`Element` is a tiny DOM built with the standard library's HTMLParser, so tests
assert structure (a figure holds an img with width) instead of substrings.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from docgen.markdoc import parse, render_html, transform, validate
from docgen.tags import markdoc_config
from docgen.tags.context import ImageRef, StandaloneContext
from docgen.tags.sets import schema_with_sets

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    def iter(self) -> Iterator[Element]:
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(key.replace("_", "-")) == value for key, value in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'} class={cls!r} {attrs}> in:\n{self}"
        return found[0]

    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    def __str__(self) -> str:
        inner = "".join(str(child) for child in self.children)
        attrs = "".join(f' {key}="{value}"' for key, value in self.attrs.items())
        return f"<{self.tag}{attrs}>{inner}</{self.tag}>"


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
        raise AssertionError(f"stray </{tag}>")

    def handle_data(self, data):
        self.stack[-1].children.append(data)


#: The core with the OpenMetadata tag set: the tags the unit tests (and the corpus) are written with.
SCHEMA = schema_with_sets(("openmetadata",))


def html_tree(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert len(builder.stack) == 1, f"unclosed elements: {[e.tag for e in builder.stack[1:]]}"
    return builder.root


def render(
    source: str,
    context: StandaloneContext | None = None,
    partials: Mapping | None = None,
    variables: Mapping | None = None,
    file: str = "page.md",
) -> str:
    """Source → body HTML through docgen's tag library (the way the site renders a page).

    The document node's `<article>` wrapper is removed: the theme owns the page frame.
    """
    config = markdoc_config(
        context, variables or {}, {name: parse(text, file=name) for name, text in (partials or {}).items()}, SCHEMA
    )
    html = render_html(transform(parse(source, file=file), config))
    return html.removeprefix("<article>").removesuffix("</article>")


def render_tree(source: str, **kwargs) -> Element:
    return html_tree(render(source, **kwargs))


def findings(source: str, partials: Mapping | None = None) -> list:
    """Markdoc validation errors of `source` against docgen's schemas."""
    config = markdoc_config(None, {}, {name: parse(text, file=name) for name, text in (partials or {}).items()}, SCHEMA)
    return validate(parse(source, file="page.md"), config)


class SizedContext(StandaloneContext):
    """A StandaloneContext whose images have a size and, optionally, WebP variants."""

    def __init__(self, variants: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.variants = variants

    def image(self, src: str, node) -> ImageRef | None:
        if "missing" in src:
            return None
        variants = (
            [(f"{src}.640.webp", 640, "image/webp"), (f"{src}.1280.webp", 1280, "image/webp")] if self.variants else []
        )
        return ImageRef(url=f"/site{src}", width=1600, height=900, variants=variants)


class VersionedContext(StandaloneContext):
    """Resolves versionless links into the page's version, like the site does."""

    def resolve_link(self, href: str, node) -> str:
        return f"/{self.version}{href}" if href.startswith("/") else href
