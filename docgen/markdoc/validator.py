"""Validation: every node checked against its schema, errors in Markdoc's ids and levels.

Validation never blocks rendering; it reports. The walk is iterative (deep
documents are legal input) and visits the document, then each node's slots,
then its children, which is the order the reference reports errors in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .ast import AstValue, Function, Node, ValidationError, Variable, _slots_and_children
from .parser import nodes_of
from .schema import TAGS, compile_matches, merge_config, type_instance, type_name, value_has_type
from .transformer import find_schema, schema_attributes
from .values import UNDEFINED, js_string, strict_equal

_PLAIN_TYPES = {str: "String", int: "Number", float: "Number", bool: "Boolean", dict: "Object", list: "Array"}


def _walk_with_parents(root: Node) -> Iterator[tuple[Node, list[Node]]]:
    """Pre-order (slots before children) with the ancestor chain, without recursion."""
    yield root, []
    stack: list[tuple[Iterator[Node], Node]] = [(iter(_slots_and_children(root)), root)]
    parents: list[Node] = [root]
    while stack:
        iterator, _owner = stack[-1]
        child = next(iterator, None)
        if child is None:
            stack.pop()
            parents.pop()
            continue
        yield child, parents
        if child._slots or child.children:
            stack.append((iter(_slots_and_children(child)), child))
            parents.append(child)


def validate_type(type_: Any, value: Any, config: dict, key: str) -> bool | list:
    """True/False for a type check, or a list of errors from a custom type's ``validate``."""
    if not type_:
        return True
    if isinstance(value, Function) and (config.get("validation") or {}).get("validateFunctions"):
        schema = (config.get("functions") or {}).get(value.name) or {}
        returns = schema.get("returns") if isinstance(schema, dict) else None
        if not returns:
            return True
        wanted = type_name(type_)
        if isinstance(returns, (list, tuple)):
            return any(type_name(r) == wanted for r in returns)
        return type_name(returns) == wanted
    if isinstance(value, AstValue):
        return True
    if isinstance(type_, (list, tuple)):
        return any(validate_type(t, value, config, key) is not False for t in type_)
    if isinstance(type_, str):
        return value_has_type(type_, value)
    plain = _PLAIN_TYPES.get(type_)
    if plain is not None:
        return value_has_type(plain, value)
    instance = type_instance(type_)
    validate = getattr(instance, "validate", None)
    if validate is not None:
        try:
            result = validate(value, config, key)
        except TypeError:
            result = validate(value, config)
        return list(result or [])
    return isinstance(type_, type) and type(value) is type_


def _display_matches(matches: list, limit: int) -> str:
    def dump(item: Any) -> str:
        try:
            return json.dumps(item, ensure_ascii=False, separators=(",", ":"))
        except TypeError:
            return json.dumps(js_string(item))

    if len(matches) <= limit:
        return "[" + ",".join(dump(m) for m in matches) + "]"
    shown = ",".join(dump(m) for m in matches[:limit])
    return f"[{shown}, ... {len(matches) - limit} more]"


def _regex_text(pattern: re.Pattern) -> str:
    flags = "".join(
        f for f, bit in (("i", re.IGNORECASE), ("m", re.MULTILINE), ("s", re.DOTALL)) if pattern.flags & bit
    )
    return f"/{pattern.pattern}/{flags}"


def _parameter(parameters: dict, key: Any) -> Any:
    if key in parameters:
        return parameters[key]
    alternate = str(key) if isinstance(key, int) else (int(key) if isinstance(key, str) and key.isdigit() else None)
    return parameters.get(alternate) if alternate is not None else None


def validate_function(fn: Function, config: dict) -> list[dict]:
    """``validateFunctions``: the function exists and its parameters fit its schema."""
    schema = (config.get("functions") or {}).get(fn.name)
    if not schema:
        return [{"id": "function-undefined", "level": "critical", "message": f"Undefined function: '{fn.name}'"}]
    errors: list[dict] = []
    custom = schema.get("validate")
    if callable(custom):
        errors.extend(custom(fn, config) or [])
    parameters = schema.get("parameters")
    if parameters:
        for key, value in fn.parameters.items():
            param = _parameter(parameters, key)
            if not param:
                errors.append({"id": "parameter-undefined", "level": "error", "message": f"Invalid parameter: '{key}'"})
                continue
            if isinstance(value, AstValue) and not isinstance(value, Function):
                continue
            if param.get("type"):
                valid = validate_type(param["type"], value, config, str(key))
                if valid is False:
                    errors.append(
                        {
                            "id": "parameter-type-invalid",
                            "level": "error",
                            "message": f"Parameter '{key}' of '{fn.name}' must be type of '{type_name(param['type'])}'",
                        }
                    )
                elif isinstance(valid, list):
                    errors.extend(valid)
    for key, param in (parameters or {}).items():
        if (
            (param or {}).get("required")
            and _parameter(fn.parameters, key) is None
            and not _has_parameter(fn.parameters, key)
        ):
            errors.append(
                {
                    "id": "parameter-missing-required",
                    "level": "error",
                    "message": f"Missing required parameter: '{key}'",
                }
            )
    return errors


def _has_parameter(parameters: dict, key: Any) -> bool:
    return (
        key in parameters
        or str(key) in parameters
        or (isinstance(key, str) and key.isdigit() and int(key) in parameters)
    )


def _variable_missing(variable: Variable, variables: Any) -> bool:
    """Own-property lookup along the path, like the reference's check."""
    current = variables
    for key in variable.path:
        if isinstance(current, dict):
            if key in current:
                current = current[key]
                continue
            if isinstance(key, (int, float)) and not isinstance(key, bool) and str(int(key)) in current:
                current = current[str(int(key))]
                continue
            return True
        if isinstance(current, (list, str)):
            if isinstance(key, (int, float)) and not isinstance(key, bool) and 0 <= int(key) < len(current):
                current = current[int(key)]
                continue
            if key == "length":
                current = len(current)
                continue
            return True
        return True
    return False


def _check_attribute(key: str, value: Any, attrib: dict, config: dict, errors: list[dict]) -> None:
    type_ = attrib.get("type")
    level = attrib.get("errorLevel")
    if isinstance(value, AstValue):
        if isinstance(value, Function) and (config.get("validation") or {}).get("validateFunctions"):
            errors.extend(validate_function(value, config))
        elif isinstance(value, Variable) and config.get("variables") is not None:
            variables = config["variables"]
            if not callable(variables) and _variable_missing(value, variables):
                path = ".".join(js_string(p) for p in value.path)
                errors.append(
                    {"id": "variable-undefined", "level": "error", "message": f"Undefined variable: '{path}'"}
                )
        else:
            return
    if type_:
        valid = validate_type(type_, value, config, key)
        if valid is False:
            errors.append(
                {
                    "id": "attribute-type-invalid",
                    "level": level or "error",
                    "message": f"Attribute '{key}' must be type of '{type_name(type_)}'",
                }
            )
        elif isinstance(valid, list):
            errors.extend(valid)
    matches = compile_matches(attrib.get("matches"))
    if callable(matches) and not isinstance(matches, re.Pattern):
        matches = compile_matches(matches(config))
    if isinstance(matches, (list, tuple)):
        if not any(strict_equal(m, value) for m in matches):
            errors.append(
                {
                    "id": "attribute-value-invalid",
                    "level": level or "error",
                    "message": f"Attribute '{key}' must match one of {_display_matches(list(matches), 8)}. "
                    f"Got '{js_string(value)}' instead.",
                }
            )
    elif isinstance(matches, re.Pattern) and not matches.search(js_string(value)):
        errors.append(
            {
                "id": "attribute-value-invalid",
                "level": level or "error",
                "message": f"Attribute '{key}' must match {_regex_text(matches)}. Got '{js_string(value)}' instead.",
            }
        )
    custom = attrib.get("validate")
    if callable(custom):
        errors.extend(custom(value, config, key) or [])


def validate_node(node: Node, config: dict) -> list[dict]:
    """The errors of one node (its parse errors first, then schema checks)."""
    errors = list(node._errors) if node._errors else []
    schema = find_schema(node, config)
    if schema is None:
        if node.tag:
            errors.append({"id": "tag-undefined", "level": "critical", "message": f"Undefined tag: '{node.tag}'"})
        else:
            errors.append({"id": "node-undefined", "level": "critical", "message": f"Undefined node: '{node.type}'"})
        return errors
    inline = schema.get("inline")
    if inline is not None and node.inline != inline:
        placement = "inline" if inline else "block"
        errors.append(
            {"id": "tag-placement-invalid", "level": "critical", "message": f"'{node.tag}' tag should be {placement}"}
        )
    if schema.get("selfClosing") and node.children:
        errors.append(
            {
                "id": "tag-selfclosing-has-children",
                "level": "critical",
                "message": f"'{node.tag}' tag should be self-closing",
            }
        )
    attributes = schema_attributes(schema)
    slots = schema.get("slots") or {}
    for key in node._slots or ():
        if not slots.get(key) and key not in slots:
            errors.append({"id": "slot-undefined", "level": "error", "message": f"Invalid slot: '{key}'"})
    for key, value in node.attributes.items():
        attrib = attributes.get(key)
        if attrib is None:
            errors.append({"id": "attribute-undefined", "level": "error", "message": f"Invalid attribute: '{key}'"})
            continue
        _check_attribute(key, value, attrib, config, errors)
    for key, attrib in attributes.items():
        if attrib.get("required") and node.attributes.get(key, UNDEFINED) is UNDEFINED:
            errors.append(
                {
                    "id": "attribute-missing-required",
                    "level": "error",
                    "message": f"Missing required attribute: '{key}'",
                }
            )
    for key, slot in slots.items():
        if (slot or {}).get("required") and key not in (node._slots or ()):
            errors.append(
                {"id": "slot-missing-required", "level": "error", "message": f"Missing required slot: '{key}'"}
            )
    allowed = schema.get("children")
    if allowed is not None and not _holds_flattened(node):
        owner = node.tag or node.type
        for child in node.children:
            if child.type != "error" and child.type not in allowed:
                errors.append(
                    {"id": "child-invalid", "level": "warning", "message": f"Can't nest '{child.type}' in '{owner}'"}
                )
    custom = schema.get("validate")
    if callable(custom):
        errors.extend(custom(node, config) or [])
    return errors


def _holds_flattened(node: Node) -> bool:
    """True for the node the parser put content nested too deep into (see parser.MAX_TREE_DEPTH).

    That content is reported once, where it goes too deep; what the node may contain is
    not checked, so the one problem does not also show as a `child-invalid` per child.
    """
    return any(error.get("id") == "nesting-too-deep" for error in node._errors or ())


def _error_lines(error: dict, node: Node) -> list[int]:
    location = error.get("location")
    if isinstance(location, dict):
        start = (location.get("start") or {}).get("line")
        end = (location.get("end") or {}).get("line")
        if start is not None and end is not None:
            return [start, end]
    return list(node.lines or [])


def _to_validation_error(error: Any, node: Node) -> ValidationError:
    if isinstance(error, ValidationError):
        if not error.lines:
            error.lines = list(node.lines or [])
        error.location = error.location or node.location
        error.type = error.type or node.type
        error.tag = error.tag or node.tag
        return error
    location = error.get("location")
    precise = node.location
    if isinstance(location, dict) and (location.get("start") or {}).get("character") is not None:
        precise = {"file": (node.location or {}).get("file"), **location}
    return ValidationError(
        id=str(error.get("id")),
        level=str(error.get("level", "error")),
        message=str(error.get("message", "")),
        lines=_error_lines(error, node),
        location=precise,
        type=node.type,
        tag=node.tag,
    )


def _partial_cycles(root: Node, config: dict) -> list[tuple[Node, list[str]]]:
    """Partial tags whose static file leads back to itself through config["partials"].

    Only includes outside conditionals count: those are expanded on every render, so the
    cycle is certain (the reference overflows its stack on them)."""
    partials = config.get("partials") or {}
    found: list[tuple[Node, list[str]]] = []
    memo: dict[str, list[str] | None] = {}

    def files_in(tree: Any) -> list[str]:
        return [node.attributes["file"] for part in nodes_of(tree) for node in _unconditional_partials(part)]

    def cycle_from(start: str) -> list[str] | None:
        if start in memo:
            return memo[start]
        memo[start] = None
        path = [start]
        stack = [(start, iter(files_in(_get(partials, start))))]
        on_path = {start}
        while stack:
            current, children = stack[-1]
            nxt = next(children, None)
            if nxt is None:
                stack.pop()
                on_path.discard(current)
                path.pop()
                continue
            if nxt in on_path:
                memo[start] = [*path, nxt]
                return memo[start]
            if _get(partials, nxt) is None or nxt in memo:
                continue
            memo[nxt] = None
            on_path.add(nxt)
            path.append(nxt)
            stack.append((nxt, iter(files_in(_get(partials, nxt)))))
        return None

    for node in _unconditional_partials(root):
        file = node.attributes["file"]
        if _get(partials, file) is not None:
            cycle = cycle_from(file)
            if cycle:
                found.append((node, cycle))
    return found


def _unconditional_partials(root: Node) -> Iterator[Node]:
    """Partial tags with a static file that are not inside a conditional (so always expanded)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "tag":
            if node.tag == "partial" and isinstance(node.attributes.get("file"), str):
                yield node
            if node.tag == "if":
                continue
        stack.extend(reversed(node.children))


def _get(partials: Any, name: str) -> Any:
    try:
        return partials.get(name) if hasattr(partials, "get") else partials[name]
    except (KeyError, TypeError):
        return None


def validate(ast: Node, config: dict | None = None) -> list[ValidationError]:
    """Every finding in the tree, in walk order. Never raises for bad documents."""
    merged = merge_config(config)
    return _validate(ast, merged)


def _validate(ast: Node, merged: dict) -> list[ValidationError]:
    output: list[ValidationError] = []
    for node, parents in _walk_with_parents(ast):
        schema = find_schema(node, merged)
        node_config = merged
        if schema and callable(schema.get("validate")):
            # custom validators may look at ancestors, as in Markdoc (config.validation.parents)
            node_config = dict(merged)
            node_config["validation"] = {**(merged.get("validation") or {}), "parents": list(parents)}
        for error in validate_node(node, node_config):
            output.append(_to_validation_error(error, node))
    # the built-in partial tag stops at a cycle, so validation names it; a replacement
    # `partial` schema (docgen.tags has one) reports cycles itself
    if merged.get("partials") and merged["tags"].get("partial") is TAGS["partial"]:
        for node, cycle in _partial_cycles(ast, merged):
            output.append(
                _to_validation_error(
                    {
                        "id": "partial-cycle",
                        "level": "critical",
                        "message": "Partial includes itself: " + " → ".join(cycle),
                    },
                    node,
                )
            )
    return output
