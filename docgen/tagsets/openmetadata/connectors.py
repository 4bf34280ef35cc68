"""Connectors: `connectorDetailsHeader`, `connectorInfoCard`, `connectorsListContainer`.

A connector page opens with a header that states maturity (PROD/BETA), where it
is available (OpenMetadata/Collate) and which features it supports; the
connector index is a grid of cards. Features are real lists with ✓/✗ icons
that carry text labels, so the meaning does not rest on colour.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import (
    as_list_items,
    attributes_of,
    children_of,
    class_names,
    element,
    list_of,
    page_context,
    text_of,
)
from docgen.tags.headings import demoted_level, heading_element
from docgen.tags.links import resolve_href
from docgen.tagsets.openmetadata.icons import icon_svg

STAGES = ("PROD", "BETA")
# `platform` names a product edition ("OpenMetadata", "Collate" in the corpus); other
# sites have other products, so it is free text rather than a closed set.


def badge(text: str, variant: str) -> Any:
    return element("span", {"class": class_names("dg-badge", f"dg-badge--{variant}")}, [text])


def platform_badge(platform: str) -> Any:
    return badge(platform, "platform")


def card_badges(stage: str, platform: str) -> list[Any]:
    """The platform, plus the stage only when it is not production (less noise on a grid)."""
    badges = [platform_badge(platform)] if platform else []
    if stage != "PROD":
        badges.append(badge(stage, stage.lower()))
    return badges


def transform_connector_card(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)
    link = element(
        "a",
        {"class": "dg-card__link", "href": resolve_href(text_of(attributes, "href"), node, config)},
        [text_of(attributes, "name")],
    )
    return element(
        "div",
        {"class": "dg-card dg-connector-card"},
        [
            element("p", {"class": "dg-card__title"}, [link]),
            element(
                "p",
                {"class": "dg-card__badges"},
                card_badges(text_of(attributes, "stage", "PROD"), text_of(attributes, "platform")),
            ),
        ],
    )


def transform_connectors_list(node: Node, config: dict) -> Any:
    return element(
        "ul",
        {"class": "dg-cards dg-connectors", "role": "list"},
        as_list_items(children_of(node, config), "dg-cards__item"),
    )


def feature_list(label: str, features: list[Any], available: bool, collate_only: frozenset[str]) -> Any:
    items = []
    for feature in features:
        text = str(feature)
        extra = [badge("Collate", "collate")] if text in collate_only else []
        items.append(
            element(
                "li",
                {},
                [
                    icon_svg("check" if available else "cross", "Available" if available else "Not available"),
                    text,
                    *extra,
                ],
            )
        )
    variant = "yes" if available else "no"
    return element(
        "div",
        {"class": f"dg-features dg-features--{variant}"},
        [element("p", {"class": "dg-features__label"}, [label]), element("ul", {"class": "dg-features__list"}, items)],
    )


def transform_connector_header(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)
    name, stage, platform = (
        text_of(attributes, "name"),
        text_of(attributes, "stage", "PROD"),
        text_of(attributes, "platform"),
    )
    collate_only = frozenset(str(feature) for feature in list_of(attributes, "availableFeaturesCollate"))
    available = [*list_of(attributes, "availableFeatures"), *sorted(collate_only)]
    unavailable = list_of(attributes, "unavailableFeatures")
    facts = [("Stage", badge(stage, stage.lower()))]
    if platform:
        facts.append(("Available in", platform_badge(platform)))
    meta = element(
        "dl",
        {"class": "dg-connector-header__meta"},
        [element("div", {}, [element("dt", {}, [term]), element("dd", {}, [value])]) for term, value in facts],
    )
    lists = []
    if available:
        lists.append(feature_list("Feature list", available, True, collate_only))
    if unavailable:
        lists.append(feature_list("Unavailable features", unavailable, False, frozenset()))
    return element(
        "section",
        {"class": "dg-connector-header", "aria-label": f"{name} connector overview"},
        [connector_title(name, node, config), meta, *lists],
    )


def connector_title(name: str, node: Node, config: dict) -> Any:
    """The connector's name is the page's h1 when the page has no `#` heading of its own (87 corpus
    connector pages have none); otherwise that heading is the h1 and the name a plain line."""
    context = page_context(config)
    if context is not None and context.source_has_h1:
        return element("p", {"class": "dg-connector-header__name"}, [name])
    return heading_element(demoted_level(node, 1, config), [name], config, {"class": "dg-connector-header__name"})


def connector_anchor(attributes: dict) -> tuple[str, str | None] | None:
    """The id the header's heading claims, for docgen.check (which does not render)."""
    name = attributes.get("name")
    return (name.strip(), None) if isinstance(name, str) and name.strip() else None


_STAGE = {"type": "String", "default": "PROD", "matches": list(STAGES)}
_PLATFORM = {"type": "String"}

TAGS = {
    "connectorDetailsHeader": {
        "selfClosing": True,
        "anchor": connector_anchor,
        "pageTitle": True,  # renders the page's h1 (docgen.check counts it like a `#` heading)
        "attributes": {
            "name": {"type": "String", "required": True},
            "stage": _STAGE,
            "platform": _PLATFORM,
            "availableFeatures": {"type": "Array"},
            "unavailableFeatures": {"type": "Array"},
            "availableFeaturesCollate": {"type": "Array"},
        },
        "transform": transform_connector_header,
    },
    "connectorInfoCard": {
        "selfClosing": True,
        "attributes": {
            "name": {"type": "String", "required": True},
            "href": {"type": "String", "required": True, "kind": "link"},
            "stage": _STAGE,
            "platform": _PLATFORM,
        },
        "transform": transform_connector_card,
    },
    "connectorsListContainer": {"transform": transform_connectors_list},
}

CSS = """
.dg-badge { display: inline-block; margin-inline-start: .4rem; padding: .05rem .45rem; border-radius: 999px;
  font-size: .7rem; font-weight: 600; letter-spacing: .03em; text-transform: uppercase; vertical-align: middle;
  color: var(--dg-fg-soft, #4b5566); background: var(--dg-bg-soft, #f6f7f9); border: 1px solid var(--dg-border, #e2e5ea); }
.dg-badge--beta { color: var(--dg-warning, light-dark(#b45309, #fbbf24)); border-color: currentColor; background: transparent; }
.dg-badge--prod { color: var(--dg-success, light-dark(#15803d, #4ade80)); border-color: currentColor; background: transparent; }
.dg-badge--collate, .dg-badge--platform { color: var(--dg-accent, #3358d4); background: var(--dg-accent-soft, #e9eefc); border-color: transparent; }

.dg-connector-header { margin: 0 0 2rem; padding: 1.1rem 1.25rem; border: 1px solid var(--dg-border, #e2e5ea);
  border-radius: var(--dg-radius, 8px); background: var(--dg-bg-soft, #f6f7f9); }
.dg-connector-header .dg-connector-header__name { margin: 0 0 .5rem; font-size: 1.35rem; font-weight: 700; }
.dg-connector-header__meta { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: 0 0 1rem; }
.dg-connector-header__meta div { display: flex; align-items: center; gap: .25rem; }
.dg-connector-header__meta dt { font-size: .85rem; color: var(--dg-fg-muted, #6b7485); }
.dg-connector-header__meta dd { margin: 0; }
.dg-features { margin-top: .75rem; }
.dg-features .dg-features__label { margin: 0 0 .35rem; font-weight: 600; font-size: .9rem; }
.dg-features .dg-features__list { display: flex; flex-wrap: wrap; gap: .35rem .5rem; list-style: none; margin: 0; padding: 0; }
.dg-features__list li { display: inline-flex; align-items: center; gap: .3rem; padding: .15rem .55rem; font-size: .85rem;
  border: 1px solid var(--dg-border, #e2e5ea); border-radius: 999px; background: var(--dg-bg, #fff); }
.dg-features--yes .dg-icon { color: var(--dg-success, light-dark(#15803d, #4ade80)); }
.dg-features--no .dg-icon { color: var(--dg-danger, light-dark(#b91c1c, #f87171)); }
.dg-features--no li { color: var(--dg-fg-muted, #6b7485); }
"""
