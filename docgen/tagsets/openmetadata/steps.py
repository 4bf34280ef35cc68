"""Steps: `stepsContainer` / `step` / `stepDescription` / `stepVisualInfo`, and `extraContent`.

A procedure is an ordered list, so it renders as `<ol>` with one `<li value=N>`
per step (the author's srNumber is the step number, also when a partial starts
mid-way at step 7). Each step pairs its text with a visual (screenshot) side by
side on wide screens, stacked on narrow ones. `extraContent` is an aside between
two steps (or code explanations); the container wraps it in a list item so the
list stays valid HTML.
"""

from __future__ import annotations

from typing import Any

from docgen.markdoc import Node
from docgen.tags.base import as_list_items, attributes_of, children_of, element, is_element, text_of
from docgen.tags.headings import heading_element

STEP_TITLE_LEVEL = 3
EXTRA_CONTENT_PARENTS = ("stepsContainer", "codePreview")


def transform_steps_container(node: Node, config: dict) -> Any:
    return element("ol", {"class": "dg-steps"}, as_list_items(children_of(node, config), "dg-steps__extra"))


def transform_step(node: Node, config: dict) -> Any:
    number = attributes_of(node, config).get("srNumber")
    return element("li", {"class": "dg-step", "value": number}, children_of(node, config))


def step_title_anchor(attributes: dict) -> tuple[str, str | None] | None:
    """The heading id a step title claims, as (text, explicit id); None without a title.

    The schema's `anchor` key names this function, so docgen check knows the
    ids step titles add to a page (and their place in the `-1` numbering)
    without rendering.
    """
    title = text_of(attributes, "title")
    return (title, None) if title else None


def transform_step_description(node: Node, config: dict) -> Any:
    anchor = step_title_anchor(attributes_of(node, config))
    heading = [heading_element(STEP_TITLE_LEVEL, [anchor[0]], config, {"class": "dg-step__title"})] if anchor else []
    return element("div", {"class": "dg-step__text"}, [*heading, *children_of(node, config)])


def transform_step_visual_info(node: Node, config: dict) -> Any:
    return element("div", {"class": "dg-step__visual"}, children_of(node, config))


def transform_extra_content(node: Node, config: dict) -> Any:
    return element("div", {"class": "dg-extra"}, _steps_in_lists(children_of(node, config)))


def _steps_in_lists(children: list[Any]) -> list[Any]:
    """Steps that reach an extraContent (an unclosed extraContent swallows the steps after it) are
    put in an `<ol>` of their own: a bare `<li>` in a `<div>` makes browsers close the list item
    around it early and scatter the following steps outside their list."""
    out: list[Any] = []
    run: list[Any] = []
    for child in children:
        if is_element(child, "li"):
            run.append(child)
            continue
        if run and not (isinstance(child, str) and not child.strip()):
            out.append(element("ol", {"class": "dg-steps"}, run))
            run = []
        if not run:
            out.append(child)
    if run:
        out.append(element("ol", {"class": "dg-steps"}, run))
    return out


TAGS = {
    "stepsContainer": {"transform": transform_steps_container},
    "step": {"attributes": {"srNumber": {"type": "Number"}}, "transform": transform_step},
    "stepDescription": {
        "attributes": {"title": {"type": "String"}},
        "transform": transform_step_description,
        "anchor": step_title_anchor,
    },
    "stepVisualInfo": {"transform": transform_step_visual_info},
    "extraContent": {
        "attributes": {"parentTagName": {"type": "String", "matches": list(EXTRA_CONTENT_PARENTS)}},
        "transform": transform_extra_content,
    },
}

CSS = """
ol.dg-steps { list-style: none; margin: 1.5rem 0; padding: 0; display: grid; gap: 1.25rem; }
.dg-steps > .dg-step { margin: 0; }
.dg-step { display: grid; gap: 1rem; padding: 1rem 1.1rem; border: 1px solid var(--dg-border, #e2e5ea);
  border-inline-start: 3px solid var(--dg-accent, #3358d4); border-radius: var(--dg-radius, 8px);
  background: var(--dg-bg-raised, #fff); }
@media (min-width: 64rem) {
  .dg-step:has(> .dg-step__visual) { grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr); align-items: start; }
}
.dg-step .dg-step__title { margin: 0 0 .5rem; font-size: 1.1rem; border: 0; padding: 0; }
.dg-step__text > :last-child, .dg-step__visual > :last-child { margin-bottom: 0; }
.dg-step__visual .dg-figure { margin: 0; }
.dg-steps__extra { padding: 0 .25rem; }
.dg-extra { margin: 1rem 0; }
"""
