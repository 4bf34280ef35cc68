"""OpenMetadata code tags, built on the core's highlighted fences (docgen.tags.code).

`codePreview` puts numbered explanations (`codeInfo srNumber=N`) beside a
`codeBlock` whose fences carry the same number (```` ```yaml {% srNumber=N %} ````);
the number is kept as `data-sr-number` on both sides and shown as a badge, so
reader and script can pair them. `codeWithLanguageSelector` is a tab set that
degrades to stacked, headed sections.
"""

from __future__ import annotations

from typing import Any

from pygments.lexers import TextLexer

from docgen.markdoc import Node
from docgen.tags.attrtypes import validation_error
from docgen.tags.base import attributes_of, children_of, class_names, element, flatten, page_context, text_of
from docgen.tags.code import lexer_for
from docgen.tags.slugs import slugify

CODE_THEMES = ("default", "light", "gray", "dark")


def sr_badge(number: Any, label: str) -> Any:
    return element("span", {"class": "dg-sr", "title": label}, [str(number)])


def transform_code_preview(node: Node, config: dict) -> Any:
    return element("div", {"class": "dg-codepreview"}, children_of(node, config))


def transform_code_info_container(node: Node, config: dict) -> Any:
    return element("div", {"class": "dg-codeinfos"}, children_of(node, config))


def transform_code_info(node: Node, config: dict) -> Any:
    number = attributes_of(node, config).get("srNumber")
    badge = [sr_badge(number, f"Explains code marked {number}")] if number is not None else []
    return element(
        "div",
        {"class": "dg-codeinfo", "data-sr-number": number},
        [*badge, element("div", {"class": "dg-codeinfo__body"}, children_of(node, config))],
    )


def transform_code_block(node: Node, config: dict) -> Any:
    attributes = attributes_of(node, config)
    file_name = text_of(attributes, "fileName")
    header = [element("div", {"class": "dg-codeblock__file"}, [file_name])] if file_name else []
    theme = text_of(attributes, "theme")
    return element(
        "div",
        {
            "class": class_names("dg-codeblock", f"dg-codeblock--{theme}" if theme else None),
            "data-file-name": file_name or None,
        },
        [*header, *children_of(node, config)],
    )


def language_label(language: str) -> str:
    """A tab label: Pygments' display name for real languages, else the word capitalised."""
    lexer = lexer_for(language)
    return lexer.name if not isinstance(lexer, TextLexer) else language[:1].upper() + language[1:]


def tab_set_anchor(attributes: dict) -> tuple[str, str | None]:
    """The page-unique id a tab set claims, as (text, explicit id): its title, else "tabs".

    Named by the schema's `anchor` key so docgen check claims the same id in the same order.
    """
    return text_of(attributes, "title") or "tabs", text_of(attributes, "id") or None


def tab_set_id(attributes: dict, config: dict) -> str:
    """A page-unique id for the tab set (tab and panel ids derive from it)."""
    text, explicit = tab_set_anchor(attributes)
    context = page_context(config)
    if context is not None:
        return context.heading_id(text, explicit)
    return explicit or slugify(text) or "tabs"


def transform_code_with_language_selector(node: Node, config: dict) -> Any:
    """Tabs by fence language: `[data-tabs]` with tab buttons and `role=tabpanel` sections.

    Without script every panel is shown, each under its own heading, and the
    CSS hides the (inert) tab buttons.
    """
    attributes = attributes_of(node, config)
    set_id = tab_set_id(attributes, config)
    title, theme = text_of(attributes, "title"), text_of(attributes, "theme")
    intro: list[Any] = []
    tabs: list[Any] = []
    panels: list[Any] = []
    for child in node.children:
        if child.type != "fence":
            intro.extend(flatten(child.transform(config)))
            continue
        language = str(child.attributes.get("language") or "").strip()
        index = len(panels)
        tab_id, panel_id = f"{set_id}-tab-{index}", f"{set_id}-panel-{index}"
        label = language_label(language) if language else f"Tab {index + 1}"
        tabs.append(
            element(
                "button",
                {
                    "type": "button",
                    "role": "tab",
                    "id": tab_id,
                    "aria-controls": panel_id,
                    "aria-selected": "true" if index == 0 else "false",
                },
                [label],
            )
        )
        panels.append(
            element(
                "section",
                {
                    "class": "dg-tabs__panel",
                    "role": "tabpanel",
                    "id": panel_id,
                    "aria-labelledby": tab_id,
                    "data-language": language or None,
                },
                [element("h4", {"class": "dg-tabs__heading"}, [label]), *flatten(child.transform(config))],
            )
        )
    header = [element("p", {"class": "dg-tabs__title", "id": f"{set_id}-title"}, [title])] if title else []
    tablist = element(
        "div", {"class": "dg-tabs__list", "role": "tablist", "aria-label": title or "Code language"}, tabs
    )
    return element(
        "div",
        {
            "class": class_names("dg-tabs", f"dg-tabs--{theme}" if theme else None),
            "id": set_id,
            "data-tabs": "",
            "role": "group",
            "aria-labelledby": f"{set_id}-title" if title else None,
        },
        [*header, *intro, tablist, *panels],
    )


def validate_language_selector(node: Node, config: dict) -> list:
    """Every language in `languagesArray` needs a fence, and every fence a listed language."""
    declared = node.attributes.get("languagesArray")
    if not isinstance(declared, list) or not all(isinstance(language, str) for language in declared):
        return []  # a variable or function in the list is known only when the page renders
    present = [str(child.attributes.get("language") or "").strip() for child in node.children if child.type == "fence"]
    missing = [language for language in declared if language not in present]
    extra = [language for language in present if language not in declared]
    if not missing and not extra:
        return []
    problems = [
        f"no fence for {', '.join(missing)}" if missing else "",
        f"fences not listed: {', '.join(extra)}" if extra else "",
    ]
    message = "codeWithLanguageSelector: " + "; ".join(problem for problem in problems if problem)
    return [validation_error("attribute-value-invalid", "warning", message)]


_THEME = {"type": "String", "matches": list(CODE_THEMES)}

TAGS = {
    "codePreview": {"transform": transform_code_preview},
    "codeInfoContainer": {"transform": transform_code_info_container},
    "codeInfo": {"attributes": {"srNumber": {"type": "Number", "required": True}}, "transform": transform_code_info},
    "codeBlock": {
        "attributes": {"fileName": {"type": "String"}, "theme": _THEME},
        "transform": transform_code_block,
    },
    "codeWithLanguageSelector": {
        "attributes": {
            "title": {"type": "String"},
            "id": {"type": "String"},
            "languagesArray": {"type": "Array", "required": True},
            "theme": _THEME,
        },
        "transform": transform_code_with_language_selector,
        "validate": validate_language_selector,
        "anchor": tab_set_anchor,
    },
}

CSS = """
.dg-codepreview { display: grid; gap: 1.25rem; margin: 1.5rem 0; }
@media (min-width: 72rem) {
  .dg-codepreview { grid-template-columns: minmax(0, 1fr) minmax(0, 1.15fr); align-items: start; }
  .dg-codepreview > .dg-codeblock { position: sticky; top: calc(var(--dg-header-h, 3.5rem) + 1rem);
    max-height: calc(100vh - var(--dg-header-h, 3.5rem) - 2rem); overflow: auto; }
}
.dg-codeinfos { display: grid; gap: .75rem; }
.dg-codeinfo { display: grid; grid-template-columns: auto minmax(0, 1fr); gap: .75rem; padding: .75rem;
  border: 1px solid var(--dg-border, #e2e5ea); border-radius: var(--dg-radius, 8px); background: var(--dg-bg-raised, #fff); }
.dg-codeinfo__body > :first-child { margin-top: 0; }
.dg-codeinfo__body > :last-child { margin-bottom: 0; }
.dg-codeblock { border: 1px solid var(--dg-border, #e2e5ea); border-radius: var(--dg-radius, 8px);
  background: var(--dg-code-bg, #f4f5f8); padding-inline-start: .9rem; }
.dg-codeblock__file { margin-inline-start: -.9rem; padding: .4rem .9rem; font: 600 .8rem var(--dg-mono, monospace);
  color: var(--dg-fg-soft, #4b5566); border-bottom: 1px solid var(--dg-border, #e2e5ea); }
.dg-codeblock .dg-fence { margin: 0; border-radius: 0; }
.dg-codeblock .dg-fence pre { padding-block: .2rem; margin: 0; border: 0; border-radius: 0; background: transparent; }
.dg-codeblock .dg-fence--numbered { border-inline-start: 2px solid color-mix(in srgb, var(--dg-accent, #3358d4) 45%, transparent); }
.dg-codeblock .dg-fence--numbered::before { inset-inline-start: -.8rem; top: .1rem; transform: scale(.85); }

.dg-tabs { margin: 1.5rem 0; }
.dg-tabs .dg-tabs__title { font-weight: 600; margin: 0 0 .5rem; }
.dg-tabs__list { display: none; gap: .25rem; border-bottom: 1px solid var(--dg-border, #e2e5ea); margin-bottom: .75rem; }
.dg-tabs-ready .dg-tabs__list { display: flex; flex-wrap: wrap; }
.dg-tabs.dg-tabs-ready .dg-tabs__heading { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.dg-tabs__list [role="tab"] { font: inherit; padding: .4rem .8rem; border: 0; border-bottom: 2px solid transparent;
  background: none; color: var(--dg-fg-soft, #4b5566); cursor: pointer; }
.dg-tabs__list [role="tab"][aria-selected="true"] { color: var(--dg-accent, #3358d4); border-bottom-color: currentColor; }
.dg-tabs .dg-tabs__heading { font-size: 1rem; margin: 1rem 0 .5rem; border: 0; padding: 0; }
"""
