"""Layout: link cards (`tile`/`tilesContainer`, `inlineCallout`/`inlineCalloutContainer`)
and wrappers (`multiTablesWrapper`, `list`).

Cards are list items in a `<ul>` grid; the title is the one real link and a CSS
"stretched link" makes the whole card clickable, so the card stays a single tab
stop with a meaningful name and any link in the card text still works.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import as_list_items, attributes_of, children_of, class_names, element, text_of
from docgen.tags.links import resolve_href
from docgen.tagsets.openmetadata.icons import ICON_ATTRIBUTE, content_icon, icon_svg

CALLOUT_COLORS = ("violet-70", "blue-70", "green-70", "orange-70", "red-70")
CALLOUT_ALIGNMENTS = ("left", "right")


def card_link(href: str, text: str, node: Node, config: dict, external: bool = False) -> Any:
    attributes = {
        "class": "dg-card__link",
        "href": resolve_href(href, node, config),
        "rel": "external noopener" if external else None,
    }
    children: list[Any] = [text]
    if external:
        children.append(icon_svg("external", "(external link)"))
    return element("p", {"class": "dg-card__title"}, [element("a", attributes, children)])


def card_list(node: Node, config: dict, variant: str) -> Any:
    return element(
        "ul",
        {"class": f"dg-cards dg-{variant}", "role": "list"},
        as_list_items(children_of(node, config), "dg-cards__item"),
    )


def card_icon(name: str | None, node: Node, config: dict) -> list[Any]:
    """The card's decorative icon; names come from the original icon font (unknown ones: neutral dot, reported)."""
    if not name:
        return []
    return [element("span", {"class": "dg-card__icon", "data-icon": name}, [content_icon(name, node, config)])]


def transform_tile(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)
    return element(
        "div",
        {"class": "dg-card dg-tile"},
        [
            *card_icon(text_of(attributes, "icon"), node, config),
            card_link(text_of(attributes, "link"), text_of(attributes, "title"), node, config),
            element("p", {"class": "dg-card__text"}, [text_of(attributes, "description")]),
        ],
    )


def transform_inline_callout(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)
    color, align = text_of(attributes, "color"), text_of(attributes, "align")
    return element(
        "div",
        {
            "class": class_names(
                "dg-card",
                "dg-callout",
                f"dg-callout--{color}" if color else None,
                f"dg-callout--{align}" if align else None,
            )
        },
        [
            *card_icon(text_of(attributes, "icon", "arrow") or "arrow", node, config),
            card_link(
                text_of(attributes, "href"),
                text_of(attributes, "bold"),
                node,
                config,
                external=attributes.get("isExternalLink") is True,
            ),
            element("div", {"class": "dg-card__text"}, children_of(node, config)),
        ],
    )


def transform_tiles_container(node: Node, config: dict) -> Any:
    return card_list(node, config, "tiles")


def transform_callout_container(node: Node, config: dict) -> Any:
    return card_list(node, config, "callouts")


def transform_multi_tables(node: Node, config: dict) -> Any:
    return element("div", {"class": "dg-tables"}, children_of(node, config))


def transform_list(node: Node, config: dict) -> Any:
    """A framed group: an introduction and the list it introduces, kept together."""
    return element("div", {"class": "dg-list"}, children_of(node, config))


TAGS = {
    "tile": {
        "selfClosing": True,
        "attributes": {
            "title": {"type": "String", "required": True},
            "description": {"type": "String"},
            "link": {"type": "String", "required": True, "kind": "link"},
            "icon": ICON_ATTRIBUTE,
        },
        "transform": transform_tile,
    },
    "tilesContainer": {"transform": transform_tiles_container},
    "inlineCallout": {
        "attributes": {
            "bold": {"type": "String", "required": True},
            "href": {"type": "String", "required": True, "kind": "link"},
            "icon": ICON_ATTRIBUTE,
            "color": {"type": "String", "matches": list(CALLOUT_COLORS)},
            "align": {"type": "String", "matches": list(CALLOUT_ALIGNMENTS)},
            "isExternalLink": {"type": "Boolean", "default": False},
        },
        "transform": transform_inline_callout,
    },
    "inlineCalloutContainer": {"transform": transform_callout_container},
    "multiTablesWrapper": {"transform": transform_multi_tables},
    "list": {"transform": transform_list},
}

CSS = """
ul.dg-cards { list-style: none; margin: 1.25rem 0; padding: 0; display: grid; gap: .85rem;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 15rem), 1fr)); }
.dg-cards > .dg-cards__item { display: flex; margin: 0; }
.dg-card { position: relative; flex: 1; display: flex; flex-direction: column; gap: .35rem; padding: .9rem 1rem;
  border: 1px solid var(--dg-border, #e2e5ea); border-radius: var(--dg-radius, 8px); background: var(--dg-bg-raised, #fff);
  transition: border-color .15s, box-shadow .15s; }
.dg-card:hover, .dg-card:focus-within { border-color: var(--dg-card-accent, var(--dg-accent, #3358d4)); box-shadow: var(--dg-shadow, none); }
.dg-card .dg-card__title { margin: 0; font-weight: 600; line-height: 1.35; }
.dg-card__link { color: var(--dg-fg, #1d2330); }
.dg-card__link::after { content: ""; position: absolute; inset: 0; border-radius: inherit; }
.dg-card__link:focus-visible { outline: none; }
.dg-card:has(.dg-card__link:focus-visible) { outline: 2px solid var(--dg-accent, #3358d4); outline-offset: 2px; }
.dg-card .dg-card__text { margin: 0; font-size: .9rem; line-height: 1.5; color: var(--dg-fg-soft, #4b5566); }
.dg-card .dg-card__text > * { margin: 0; }
.dg-card .dg-card__badges { display: flex; flex-wrap: wrap; gap: .3rem; margin: 0; }
.dg-card__badges .dg-badge { margin: 0; }
.dg-card__text a { position: relative; z-index: 1; }
.dg-card__icon { align-self: flex-start; display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: .5rem; font-size: 1.1rem;
  color: var(--dg-card-accent, var(--dg-accent, #3358d4)); background: var(--dg-accent-soft, #e9eefc); }
.dg-callout--violet-70 { --dg-card-accent: light-dark(#6d28d9, #c4b5fd); }
.dg-callout--blue-70 { --dg-card-accent: light-dark(#1d4ed8, #93c5fd); }
.dg-callout--green-70 { --dg-card-accent: light-dark(#15803d, #86efac); }
.dg-callout--orange-70 { --dg-card-accent: light-dark(#c2410c, #fdba74); }
.dg-callout--red-70 { --dg-card-accent: light-dark(#b91c1c, #fca5a5); }
.dg-callout { border-inline-start: 3px solid var(--dg-card-accent, var(--dg-accent, #3358d4)); }
.dg-tables { overflow-x: auto; margin: 1.25rem 0; }
.dg-tables table { margin-bottom: .75rem; }
.dg-list { margin: 1rem 0; padding: .75rem 1rem; border-radius: var(--dg-radius, 8px); background: var(--dg-bg-soft, #f6f7f9); }
.dg-list > :first-child { margin-top: 0; }
.dg-list > :last-child { margin-bottom: 0; }
"""
