"""Media: Markdown images (the `image` node) and the one image renderer tag sets build on.

Images are the bulk of a docs page, so they must not shift the layout (intrinsic
width/height from the site), must not block the first paint (lazy loading for
all but the page's first image), should be sent as the smallest variant that
fits (`<picture>` with WebP `srcset`), and must stay readable without script
(click-to-zoom is a plain link to the full image that the theme may enhance).

The OpenMetadata tag set's `image` tag (docgen.tagsets.openmetadata.media)
renders through `render_image` too.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import INSIDE_LINK, attributes_of, children_of, class_names, element, page_context
from docgen.tags.context import ImageRef
from docgen.tags.links import allowed_url
from docgen.urlpolicy import PLACEHOLDER

# The content column is at most ~48rem wide; below that the image spans the viewport.
IMAGE_SIZES = "(min-width: 64rem) 48rem, 100vw"
ALIGNMENTS = ("left", "center", "right")


def image_ref(src: str, node: Node, config: dict) -> ImageRef:
    """What the site knows about `src`; the bare URL when there is no site or no file; `#` when the URL
    policy refuses `src` (reported as `url-unsafe`)."""
    if not allowed_url(src, node, config, "image"):
        return ImageRef(url=PLACEHOLDER)
    context = page_context(config)
    ref = context.image(src, node) if context is not None else None
    return ref if ref is not None else ImageRef(url=src)


def is_first_image(config: dict) -> bool:
    """Whether this is the page's first image (loaded eagerly: it is likely above the fold)."""
    context = page_context(config)
    return context is not None and context.next_image_index() == 0


def img_element(ref: ImageRef, alt: str, eager: bool, style: str | None = None, title: str | None = None) -> Any:
    loading = {"fetchpriority": "high"} if eager else {"loading": "lazy", "decoding": "async"}
    return element(
        "img",
        {
            "src": ref.url,
            "alt": alt,
            "width": ref.width,
            "height": ref.height,
            "title": title,
            "style": style,
            **loading,
        },
    )


def picture_element(ref: ImageRef, img: Any) -> Any:
    """`<picture>` with one `<source>` per variant format, the original `<img>` as fallback."""
    by_mime: dict[str, list[str]] = {}
    for url, width, mime in ref.variants:
        by_mime.setdefault(mime, []).append(f"{url} {width}w")
    sources = [
        element("source", {"type": mime, "srcset": ", ".join(candidates), "sizes": IMAGE_SIZES})
        for mime, candidates in by_mime.items()
    ]
    return element("picture", {}, [*sources, img])


def zoomable_image(ref: ImageRef, img: Any) -> Any:
    """The image wrapped in a link to the full-size file: zoom without JS, enhanced with it."""
    inner = picture_element(ref, img) if ref.variants else img
    return element(
        "a", {"class": "dg-zoom-link", "href": ref.url, "data-dg-zoom": "", "title": "Open full-size image"}, [inner]
    )


def size_style(width: str | None, height: str | None) -> str | None:
    """Inline CSS for an author-requested display size (the intrinsic size stays in attributes)."""
    parts = []
    if width:
        parts.append(f"width:{width}")
    if height:
        parts.append(f"height:{height}")
    if parts and not (width and height):
        parts.append("width:auto" if height else "height:auto")
    return ";".join(parts) or None


def render_image(node: Node, config: dict, options: dict[str, Any], block: bool) -> Any:
    """The one image renderer behind the `image` tag and Markdown images.

    `options` holds src, alt, caption, title, align, width, height and style
    (missing keys mean "not given"). Block images become `<figure>`; images
    inside running text stay inline.
    """
    src = options.get("src")
    if not isinstance(src, str) or not src:
        return None  # e.g. `src=$path` a partial's includer did not pass: reported by the partial tag
    alt = options.get("alt") or ""
    ref = image_ref(src, node, config)
    img = img_element(
        ref, alt, is_first_image(config), size_style(options.get("width"), options.get("height")), options.get("title")
    )
    # An image that is itself a link's content must not get a zoom link (no nested <a>).
    linked = (
        (picture_element(ref, img) if ref.variants else img) if config.get(INSIDE_LINK) else zoomable_image(ref, img)
    )
    if not block:
        return linked
    caption = image_caption(options)
    children = [linked]
    if caption:
        # When the caption only repeats the alt text, hide it from screen readers (said once).
        children.append(element("figcaption", {"aria-hidden": "true" if caption == alt else None}, [caption]))
    align = options.get("align")
    return element(
        "figure",
        {"class": class_names("dg-figure", f"dg-figure--{align}" if align else None), "style": options.get("style")},
        children,
    )


def image_caption(options: dict[str, Any]) -> str | None:
    """The visible caption: the `caption` attribute, or a Markdown image's title (`![alt](src "title")`).

    Never the alt text: alt describes the image to who cannot see it (the corpus's
    are often file-name slugs), a caption is written for everyone.
    """
    for key in ("caption", "title"):
        value = options.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def transform_image_node(node: Node, config: dict) -> Any:
    return render_image(node, config, attributes_of(node, config), block=False)


def sole_image(node: Node) -> Node | None:
    """The image node when a paragraph holds nothing but one Markdown image."""
    found: list[Node] = []
    for child in node.walk():
        if child.type == "image":
            found.append(child)
        elif (child.type == "text" and str(child.attributes.get("content", "")).strip()) or child.type not in (
            "inline",
            "text",
            "softbreak",
            "image",
        ):
            return None
    return found[0] if len(found) == 1 else None


def transform_paragraph(node: Node, config: dict) -> Any:
    """A paragraph that is only an image becomes a `<figure>` (a figure may not sit in `<p>`)."""
    image = sole_image(node)
    if image is not None:
        return render_image(image, config, attributes_of(image, config), block=True)
    return element("p", attributes_of(node, config), children_of(node, config))


TAGS: dict[str, dict] = {}  # the tags built on these nodes live in tag sets

NODES = {
    "image": {
        "attributes": {
            "src": {"type": "String", "required": True},
            "alt": {"type": "String"},
            "title": {"type": "String"},
        },
        "transform": transform_image_node,
    },
    "paragraph": {"transform": transform_paragraph},
}

CSS = """
.dg-figure { margin: 1.5rem 0; text-align: center; }
.dg-figure img, .dg-zoom-link img { max-width: 100%; height: auto; border-radius: var(--dg-radius, .5rem);
  border: 1px solid var(--dg-border, #e5e7eb); background: var(--dg-bg-soft, #f6f7f9); }
.dg-figure figcaption { margin-top: .5rem; font-size: .875rem; color: var(--dg-fg-muted, #6b7280); }
.dg-figure--left { text-align: start; }
.dg-figure--right { float: inline-end; max-width: min(50%, 24rem); margin: .25rem 0 1rem 1.5rem; }
.dg-zoom-link { display: inline-block; cursor: zoom-in; }
.dg-zoom-link:focus-visible { outline: 2px solid var(--dg-accent, #6d28d9); outline-offset: 3px; }
@media (max-width: 40rem) { .dg-figure--right { float: none; max-width: 100%; margin: 1.5rem 0; } }
"""
