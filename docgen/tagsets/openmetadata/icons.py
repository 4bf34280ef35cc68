"""Icons: the `icon` tag and the small inline-SVG set other families draw with.

Icons are inline SVG using `currentColor`, so they follow the text colour in
light and dark mode and cost no request. Names outside the set are rejected by
the `icon` schema (a typo is a finding); other tags that take free-form icon
names from the original site's icon font (inlineCallout, tile) fall back to a
neutral glyph via `icon_svg`.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node, RawHTML
from docgen.tags.base import attributes_of, element, text_of

_PATHS: dict[str, str] = {
    "check": '<path d="M5 12.5l4.5 4.5L19 7.5"/>',
    "cross": '<path d="M6 6l12 12M18 6L6 18"/>',
    "info": '<circle cx="12" cy="12" r="9"/><path d="M12 11v5M12 8h.01"/>',
    "warning": '<path d="M12 3.5L21.5 20h-19z"/><path d="M12 10v4M12 17h.01"/>',
    "tip": '<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.4.4.6 1 .6 1.7V16h6v-.5c0-.7.2-1.3.6-1.7A6 6 0 0 0 12 3z"/>',
    "important": '<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5h.01"/>',
    "external": '<path d="M14 4h6v6M20 4l-9 9M18 14v6H4V6h6"/>',
    "arrow": '<path d="M5 12h14M13 6l6 6-6 6"/>',
    "play": '<path d="M8 5.5v13l11-6.5z"/>',
    "copy": '<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V6a1 1 0 0 1 1-1h9"/>',
    "star": '<path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z"/>',
    "zoom": '<circle cx="11" cy="11" r="6.5"/><path d="M16 16l4.5 4.5M11 8v6M8 11h6"/>',
}

# Human meaning of icons that stand for a value (e.g. a ✓ in a feature table).
_LABELS = {"check": "Yes", "cross": "No"}

ICON_NAMES = tuple(sorted(_PATHS))


def icon_svg(name: str, label: str | None = None) -> RawHTML:
    """Inline SVG for `name` (unknown names draw the neutral arrow); decorative unless labelled."""
    paths = _PATHS.get(name, _PATHS["arrow"])
    accessibility = f'role="img" aria-label="{_escape(label)}"' if label else 'aria-hidden="true" focusable="false"'
    return RawHTML(
        f'<svg class="dg-icon dg-icon--{_escape(name)}" viewBox="0 0 24 24" width="1em" height="1em" '
        f'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        f'stroke-linejoin="round" {accessibility}>{paths}</svg>'
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def transform_icon(node: Node, config: dict) -> Any:
    """A labelled inline icon: in a table cell a ✓ must still read as "Yes"."""
    name = text_of(attributes_of(node, config), "iconName")
    return element("span", {"class": "dg-icon-wrap"}, [icon_svg(name, _LABELS.get(name, name))])


TAGS = {
    "icon": {
        "selfClosing": True,
        "inline": True,
        "attributes": {"iconName": {"type": "String", "required": True, "matches": list(ICON_NAMES)}},
        "transform": transform_icon,
    },
}

CSS = """
.dg-icon { display: inline-block; inline-size: 1em; block-size: 1em; vertical-align: -0.15em; flex: none; }
.dg-icon-wrap .dg-icon--check { color: var(--dg-success, light-dark(#15803d, #4ade80)); }
.dg-icon-wrap .dg-icon--cross { color: var(--dg-danger, light-dark(#b91c1c, #f87171)); }
"""
