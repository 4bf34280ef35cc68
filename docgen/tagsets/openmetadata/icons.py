"""Icons: the `icon` tag and the inline SVG every family draws icons with.

Icons are inline SVG using `currentColor`, so they follow the text colour in
light and dark mode and cost no request; the drawings are docgen.tagsets.openmetadata.iconset.
A name is known when it is a drawing's own name or a Material icon name the set
draws, written as content writes it: `MdRocket`, `MdOutlineDashboardCustomize`,
`add_moderator`, `governance` (see `canonical_name`). Names outside the set
are rejected by the `icon` schema; tags that take free-form icon names
(inlineCallout, tile) draw the neutral dot for them and report `icon-unknown`
(docgen.check asks the attributes' `"audit"`, `icon_audit`).
"""

from __future__ import annotations

import re
from typing import Any

from docgen.markdoc import Node, RawHTML
from docgen.tags.base import attributes_of, element, page_context, text_of
from docgen.tagsets.openmetadata.iconset import DRAWINGS, MATERIAL_NAMES

# Human meaning of icons that stand for a value (e.g. a ✓ in a feature table).
_LABELS = {"check": "Yes", "cross": "No"}

NEUTRAL = "dot"
# react-icons' Material prefixes: MdX (filled), MdOutlineX, MdRoundX, MdSharpX, MdTwoToneX.
_MATERIAL_PREFIX = re.compile(r"^Md(?:Outline|Round|Sharp|TwoTone)?(?=[A-Z0-9])")
_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def canonical_name(name: str) -> str:
    """How an icon name is looked up: `MdOutlineDashboardCustomize` → `dashboard_customize`."""
    stripped = _MATERIAL_PREFIX.sub("", name.strip())
    return _WORD_START.sub("_", stripped).lower() if stripped != name.strip() else stripped


def drawing_for(name: str) -> str | None:
    """The drawing's name for an icon name content may use; None when docgen does not know it."""
    if name in DRAWINGS:
        return name
    return MATERIAL_NAMES.get(canonical_name(name))


def is_known_icon(name: str) -> bool:
    return drawing_for(name) is not None


# What the `icon` tag accepts: the drawings and the Material names they draw (snake case).
ICON_NAMES = tuple(sorted({*DRAWINGS, *MATERIAL_NAMES} - {NEUTRAL}))


def icon_svg(name: str, label: str | None = None) -> RawHTML:
    """Inline SVG for `name` (unknown names draw the neutral dot); decorative unless labelled."""
    drawing = drawing_for(name) or NEUTRAL
    paths = DRAWINGS[drawing]
    accessibility = f'role="img" aria-label="{_escape(label)}"' if label else 'aria-hidden="true" focusable="false"'
    return RawHTML(
        f'<svg class="dg-icon dg-icon--{_escape(name)}" viewBox="0 0 24 24" width="1em" height="1em" '
        f'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" '
        f'stroke-linejoin="round" {accessibility}>{paths}</svg>'
    )


def content_icon(name: str, node: Node, config: dict) -> RawHTML:
    """A decorative icon named by content (tile, inlineCallout): an unknown name draws the neutral
    dot and is reported, so the author can pick one of the set (`docgen rules` lists the rule)."""
    context = page_context(config)
    if context is not None and not is_known_icon(name):
        context.report(node, "icon-unknown", "warning", unknown_icon_message(name))
    return icon_svg(name)


def icon_audit(name: str) -> tuple[str, str] | None:
    """The ``"audit"`` of attributes that name an icon: docgen.check reports an unknown name as the build does."""
    return None if is_known_icon(name) else ("icon-unknown", unknown_icon_message(name))


#: The schema of an attribute that names an icon (tile, inlineCallout).
ICON_ATTRIBUTE = {"type": "String", "audit": icon_audit}


def unknown_icon_message(name: str) -> str:
    return f"unknown icon name {name!r}: it is drawn as a neutral dot; use a name of docgen's icon set (docs/icons.md)"


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
