"""Media: the `image` tag, Markdown images, and the privacy-preserving `youtube` facade.

Images are the bulk of a docs page, so they must not shift the layout (intrinsic
width/height from the site), must not block the first paint (lazy loading for
all but the page's first image), should be sent as the smallest variant that
fits (`<picture>` with WebP `srcset`), and must stay readable without script
(click-to-zoom is a plain link to the full image that the theme may enhance).

Video embeds load nothing from a third party until the reader asks for it: the
page ships a link to the video with the embed URL in a data attribute; the
theme's script swaps in the iframe on click, and without script the link works.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from docgen.markdoc import Node
from docgen.tags.attrtypes import CssLength, Timestamp, validation_error
from docgen.tags.base import INSIDE_LINK, attributes_of, children_of, class_names, element, page_context, text_of
from docgen.tags.context import ImageRef
from docgen.tags.icons import icon_svg
from docgen.tags.links import allowed_url, resolve_href
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


def transform_image_tag(node: Node, config: dict) -> Any:
    return render_image(node, config, attributes_of(node, config), block=not node.inline)


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


_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def seconds(timestamp: str | None) -> int | None:
    """``"1:02:03"`` / ``"58:23"`` → seconds; None when absent."""
    match = _TIME.match(timestamp or "")
    if not match:
        return None
    hours, minutes, secs = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + secs


def youtube_urls(video_id: str, start: int | None, end: int | None) -> tuple[str, str]:
    """(watch URL for the no-JS link, privacy-enhanced embed URL for the click-to-load iframe)."""
    vid = quote(video_id, safe="-_")
    query = [f"start={start}"] if start else []
    if end:
        query.append(f"end={end}")
    watch = f"https://www.youtube.com/watch?v={vid}" + (f"&t={start}s" if start else "")
    embed = f"https://www.youtube-nocookie.com/embed/{vid}?" + "&".join([*query, "autoplay=1"])
    return watch, embed


def pixels(length: str | None) -> str | None:
    """``"800px"`` → ``"800"`` for iframe width/height attributes; None for other units."""
    match = re.fullmatch(r"(\d+)(px)?", (length or "").strip())
    return match.group(1) if match else None


def duration_label(start: int | None, end: int | None) -> str:
    if end is None:
        return ""
    total = end - (start or 0)
    return f" ({total // 60}:{total % 60:02d})" if total > 0 else ""


def transform_youtube(node: Node, config: dict) -> Any:
    """A link-shaped facade: no iframe, thumbnail or script from a third party until clicked."""
    attributes = attributes_of(node, config)
    start, end = seconds(text_of(attributes, "start")), seconds(text_of(attributes, "end"))
    video_id = text_of(attributes, "videoId")
    embed: str | None
    if video_id:
        href, embed = youtube_urls(video_id, start, end)
        label = "Play video on YouTube"
    else:
        href = resolve_href(text_of(attributes, "url"), node, config, "video URL")
        embed = href if href != PLACEHOLDER else None  # a refused URL: no player, a dead link
        label = "Play video"
    # The author's width caps the player; the height follows from the 16:9 ratio.
    style = f"max-width:{text_of(attributes, 'width')}" if text_of(attributes, "width") else None
    link = element(
        "a",
        {
            "class": "dg-video__link",
            "href": href,
            "rel": "noopener",
            # Read by the theme script, which swaps in the iframe on click.
            "data-youtube-id": video_id or None,
            "data-embed": embed,
            "data-width": pixels(text_of(attributes, "width")),
            "data-height": pixels(text_of(attributes, "height")),
            "data-title": label,
        },
        [
            element("span", {"class": "dg-video__play"}, [icon_svg("play")]),
            element("span", {"class": "dg-video__label"}, [label + duration_label(start, end)]),
        ],
    )
    return element("div", {"class": "dg-video", "style": style}, [link])


def validate_youtube(node: Node, config: dict) -> list:
    """Exactly one of videoId / url identifies the video."""
    has_id, has_url = "videoId" in node.attributes, "url" in node.attributes
    if has_id == has_url:
        return [
            validation_error("attribute-missing-required", "error", "youtube needs exactly one of 'videoId' or 'url'")
        ]
    return []


_LENGTH = {"type": CssLength}

TAGS = {
    "image": {
        "selfClosing": True,
        "attributes": {
            "src": {"type": "String", "required": True, "kind": "image"},
            "alt": {"type": "String"},
            "caption": {"type": "String"},
            "align": {"type": "String", "matches": list(ALIGNMENTS)},
            "width": _LENGTH,
            "height": _LENGTH,
            "style": {"type": "String"},
        },
        "transform": transform_image_tag,
    },
    "youtube": {
        "selfClosing": True,
        "attributes": {
            "videoId": {"type": "String"},
            "url": {"type": "String", "kind": "link"},
            "start": {"type": Timestamp},
            "end": {"type": Timestamp},
            "width": _LENGTH,
            "height": _LENGTH,
        },
        "transform": transform_youtube,
        "validate": validate_youtube,
    },
}

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

.dg-video { max-width: 800px; margin: 1.5rem 0; }
.dg-video__link {
  display: flex; align-items: center; justify-content: center; gap: .75rem; aspect-ratio: 16 / 9; width: 100%;
  border-radius: var(--dg-radius, .5rem); text-decoration: none; color: #fff;
  background: linear-gradient(135deg, color-mix(in srgb, var(--dg-accent, #3358d4) 55%, #0b1020), #0b1020);
}
.dg-video__play { display: grid; place-items: center; width: 3.5rem; height: 3.5rem; border-radius: 50%;
  background: rgb(0 0 0 / .45); font-size: 1.6rem; }
.dg-video__label { font-weight: 600; }
.dg-video__link:hover .dg-video__play, .dg-video__link:focus-visible .dg-video__play { background: rgb(0 0 0 / .7); }
.dg-video__link:focus-visible { outline: 3px solid var(--dg-fg, #111); outline-offset: 3px; }
.dg-video iframe { width: 100%; aspect-ratio: 16 / 9; border: 0; border-radius: var(--dg-radius, .5rem); }
"""
