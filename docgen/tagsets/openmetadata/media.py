"""OpenMetadata media tags: the `image` tag and the privacy-preserving `youtube` facade.

The `image` tag renders through the core's `render_image` (docgen.tags.media),
the renderer of Markdown images, so both look and load the same.

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
from docgen.tags.base import attributes_of, element, text_of
from docgen.tags.links import resolve_href
from docgen.tags.media import ALIGNMENTS, render_image
from docgen.tagsets.openmetadata.icons import icon_svg
from docgen.urlpolicy import PLACEHOLDER


def transform_image_tag(node: Node, config: dict) -> Any:
    return render_image(node, config, attributes_of(node, config), block=not node.inline)


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

CSS = """
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
