"""YAML front matter of pages and menus, read without parsing the Markdoc body.

Discovery needs titles, slugs and editions of hundreds of pages before any of
them is rendered, so the leading ``---`` block is split off here with the same
rule the Markdoc parser uses (``---`` on the first line, closed by a ``---``
line). A malformed block is a `Diagnostic` positioned in the file, never an
exception: one bad page must not stop a build.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from docgen.diagnostics import Diagnostic
from docgen.rules import diagnostic

FENCE = "---"
# libyaml when present: several times faster on sites with hundreds of pages.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class FrontMatter:
    """The parsed block: `data` (a dict, empty when absent or broken) and where it was."""

    data: dict
    raw: str | None
    body_line: int  # 0-based index of the first line after the block
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> 1-based file line
    diagnostics: tuple[Diagnostic, ...] = ()
    node: yaml.Node | None = None  # the YAML node tree, for positions of nested values


def split_front_matter(text: str) -> tuple[str | None, int]:
    """The raw YAML text (None if the file has no block) and the 0-based first body line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None, 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]), index + 1
    return None, 0


def read_front_matter(text: str, rel_path: str) -> FrontMatter:
    """Parse the leading YAML block of `text`; problems become diagnostics for `rel_path`."""
    raw, body_line = split_front_matter(text)
    if raw is None:
        return FrontMatter({}, None, body_line)
    try:
        node, data = _compose_and_construct(raw)
    except yaml.MarkedYAMLError as error:
        return FrontMatter({}, raw, body_line, diagnostics=(_yaml_error(error, rel_path),))
    except yaml.YAMLError as error:
        problem = diagnostic("page-invalid", rel_path, 2, 1, f"invalid YAML: {error}")
        return FrontMatter({}, raw, body_line, diagnostics=(problem,))
    if data is None:
        return FrontMatter({}, raw, body_line)
    if not isinstance(data, dict):
        problem = diagnostic(
            "page-invalid",
            rel_path,
            2,
            1,
            f"front matter must be a mapping of keys to values, not {type(data).__name__}",
        )
        return FrontMatter({}, raw, body_line, diagnostics=(problem,))
    return FrontMatter(data, raw, body_line, key_lines=_key_lines(node), node=node)


def _compose_and_construct(raw: str) -> tuple[yaml.Node | None, object]:
    """One YAML pass that keeps the node tree (for key lines) and the Python data."""
    loader = _LOADER(raw)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def yaml_line(node: yaml.Node) -> int:
    """1-based file line of a node inside the front matter (after the opening ``---``)."""
    return node.start_mark.line + 2


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """File line (1-based, counting the opening ``---``) of each top-level key."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): yaml_line(key) for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def _yaml_error(error: yaml.MarkedYAMLError, rel_path: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 2 if mark else 2  # +1 for 1-based, +1 for the opening ---
    column = mark.column + 1 if mark else 1
    problem = error.problem or error.context or "syntax error"
    if error.context and error.problem:
        problem = f"{error.context}: {error.problem}"
    return diagnostic("page-invalid", rel_path, line, column, f"invalid YAML front matter: {problem}")
