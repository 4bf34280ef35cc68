"""Admonitions: `note` (Note/Tip/Warning) and `important`.

Rendered as `<aside role="note">` with a visible title, so that screen readers
announce them as notes and the title says which kind; the variant is a modifier
class the CSS colours through theme custom properties.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import attributes_of, children_of, class_names, element, text_of
from docgen.tagsets.openmetadata.icons import icon_svg

NOTE_TYPES = ("Note", "Tip", "Warning")
_ICONS = {"note": "info", "tip": "tip", "warning": "warning", "important": "important"}


def admonition(variant: str, title: str, children: list[Any]) -> Any:
    """The one admonition shape, shared by every variant."""
    heading = element("p", {"class": "dg-note__title"}, [icon_svg(_ICONS.get(variant, "info")), title])
    body = element("div", {"class": "dg-note__body"}, children)
    return element("aside", {"role": "note", "class": class_names("dg-note", f"dg-note--{variant}")}, [heading, body])


def transform_note(node: Node, config: dict) -> Any:
    note_type = text_of(attributes_of(node, config), "noteType", "Note") or "Note"
    return admonition(note_type.lower(), note_type, children_of(node, config))


def transform_important(node: Node, config: dict) -> Any:
    return admonition("important", "Important", children_of(node, config))


TAGS = {
    "note": {
        "attributes": {"noteType": {"type": "String", "default": "Note", "matches": list(NOTE_TYPES)}},
        "transform": transform_note,
    },
    "important": {"attributes": {}, "transform": transform_important},
}

CSS = """
.dg-note {
  --dg-note-color: var(--dg-info, light-dark(#2563eb, #7aa2ff));
  margin: 1.25rem 0; padding: .75rem 1rem; border: 1px solid color-mix(in srgb, var(--dg-note-color) 35%, transparent);
  border-inline-start: .25rem solid var(--dg-note-color); border-radius: var(--dg-radius, .5rem);
  background: color-mix(in srgb, var(--dg-note-color) 8%, var(--dg-bg, #fff)); color: var(--dg-fg, #1f2937);
}
.dg-note--tip { --dg-note-color: var(--dg-success, light-dark(#15803d, #4ade80)); }
.dg-note--warning { --dg-note-color: var(--dg-warning, light-dark(#b45309, #fbbf24)); }
.dg-note--important { --dg-note-color: var(--dg-danger, light-dark(#b91c1c, #f87171)); }
.dg-note .dg-note__title {
  display: flex; align-items: center; gap: .4rem; margin: 0 0 .35rem; font-weight: 600; color: var(--dg-note-color);
}
.dg-note__body > :first-child { margin-top: 0; }
.dg-note__body > :last-child { margin-bottom: 0; }
"""
