"""The `partial` tag, with the diagnostics a docs site needs.

Markdoc's built-in partial fails validation when the file is unknown and
silently renders undefined variables as nothing. On a site both are authoring
mistakes worth a positioned finding, and neither may stop the page: a missing
partial renders as nothing, the rest of the page renders as usual.

- `partial-missing` (error) at the tag, when the partials mapping has no such file;
- `partial-variable-undefined` (error) at the use inside the partial, when a
  ``$variable`` is neither passed by this include nor defined for the page;
- `partial-cycle` (error) when a partial includes itself, directly or not;
- `partial-budget` (error) at the first include that would pass the page's expansion budget
  (docgen.tags.budget: count and characters of partials expanded), and every later include is left out;
- `partial-too-deep` (error) at the tag, when partials included in each other would nest the
  page deeper than `MAX_EXPANDED_DEPTH` levels (the transform is recursive); it is left out.

Without a RenderContext (plain Markdoc use) a missing file is a validation
error, as in Markdoc.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from docgen.markdoc import Function, Node, Variable
from docgen.markdoc.parser import nodes_of
from docgen.markdoc.transformer import MAX_EXPANDED_DEPTH, expanded_depth
from docgen.markdoc.transformer import transform_partial as expand_partial
from docgen.tags.attrtypes import validation_error
from docgen.tags.base import attributes_of, page_context
from docgen.tags.budget import RULE as BUDGET_RULE
from docgen.tags.budget import ExpansionBudget

_STACK_KEY = "docgen.partial-stack"
# `{% if $flag %}` tests whether a variable is set: an absent one is not a mistake there.
_CONDITION_TAGS = ("if", "else")


def lookup_partial(config: dict, file: Any) -> Node | list[Node] | None:
    """The parsed partial named `file`, or None (the mapping may be lazy and may raise KeyError)."""
    partials = config.get("partials")
    if partials is None or not hasattr(partials, "get") or not isinstance(file, str) or not file:
        return None
    try:
        return partials.get(file) or None
    except KeyError:
        return None


def values_in(value: Any) -> Iterator[Variable]:
    """Every Variable inside an attribute value (lists, objects, function arguments)."""
    if isinstance(value, Variable):
        yield value
    elif isinstance(value, Function):
        for parameter in value.parameters.values():
            yield from values_in(parameter)
    elif isinstance(value, list):
        for item in value:
            yield from values_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from values_in(item)


@lru_cache(maxsize=2048)
def variable_uses(partial: Node) -> tuple[tuple[str, Node], ...]:
    """(variable name, node using it) for every ``$variable`` in a partial; cached per parsed file."""
    uses = []
    for node in [partial, *partial.walk()]:
        if node.type == "tag" and node.tag in _CONDITION_TAGS:
            continue
        for value in node.attributes.values():
            for variable in values_in(value):
                if variable.path:
                    uses.append((str(variable.path[0]), node))
    return tuple(uses)


def report_undefined_variables(partial: Node | list[Node], file: str, variables: Mapping, config: dict) -> None:
    context = page_context(config)
    if context is None:
        return
    for name, node in (use for root in nodes_of(partial) for use in variable_uses(root)):
        if name not in variables:
            context.report(
                node,
                "partial-variable-undefined",
                "error",
                f"${name} is used in partial {file} but the include does not pass it (variables={{{name}: …}})",
                target=name,
            )


def transform_partial(node: Node, config: dict) -> Any:
    """Markdoc's partial expansion, with missing files, cycles and undefined variables reported."""
    attributes = attributes_of(node, config)
    file = str(attributes.get("file") or "")
    context = page_context(config)
    partial = lookup_partial(config, file)
    if partial is None:
        if context is not None:
            context.report(node, "partial-missing", "error", f"Partial {file!r} not found", target=file)
        return None
    stack = config.get(_STACK_KEY, ())
    if file in stack:
        if context is not None:
            chain = " → ".join([*stack, file])
            context.report(node, "partial-cycle", "error", f"Partial {file!r} includes itself ({chain})", target=file)
        return None
    if expanded_depth(partial, config) > MAX_EXPANDED_DEPTH:
        if context is not None:
            chain = " → ".join([*stack, file])
            message = (
                f"Partial {file!r} is left out: with the partials it is included in ({chain}) the page would nest "
                f"more than {MAX_EXPANDED_DEPTH} levels deep"
            )
            context.report(node, "partial-too-deep", "error", message, target=file)
        return None
    if not _within_budget(node, partial, file, stack, context):
        return None
    passed = attributes.get("variables")
    # a non-object `variables` is Markdoc's attribute-type-invalid; it passes nothing, as in Markdoc
    variables = {**(config.get("variables") or {}), **(passed if isinstance(passed, dict) else {})}
    report_undefined_variables(partial, file, variables, config)
    # optional RenderContext hooks (docs/architecture.md)
    enter, leave = getattr(context, "enter_partial", None), getattr(context, "leave_partial", None)
    if enter is None or leave is None:
        return expand_partial(node, {**config, _STACK_KEY: (*stack, file)})
    enter(node)
    try:
        return expand_partial(node, {**config, _STACK_KEY: (*stack, file)})
    finally:
        leave()


def _within_budget(node: Node, partial: Node | list[Node], file: str, stack: tuple, context: Any) -> bool:
    """Charge the page's expansion budget (docgen.tags.budget); a refusal is reported once per page."""
    budget: ExpansionBudget | None = getattr(context, "partial_budget", None)
    if budget is None or budget.charge(partial):
        return True
    if budget.report_once():
        context.report(node, BUDGET_RULE, "error", budget.message(" → ".join([*stack, file])), target=file)
    return False


def validate_partial(node: Node, config: dict) -> list:
    """Unknown file: an error for plain Markdoc use; with a site, the transform reports it."""
    if config.get("docgen") is not None:
        return []
    file = node.attributes.get("file")
    if not isinstance(file, str) or lookup_partial(config, file) is not None:
        return []
    return [
        validation_error(
            "attribute-value-invalid",
            "error",
            f"Partial `{file}` not found. The 'file' attribute must be set in 'config.partials'",
        )
    ]


TAGS = {
    "partial": {
        "selfClosing": True,
        "inline": False,
        "attributes": {"file": {"type": "String", "required": True}, "variables": {"type": "Object"}},
        "transform": transform_partial,
        "validate": validate_partial,
    },
}

CSS = ""
