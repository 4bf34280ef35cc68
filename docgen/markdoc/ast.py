"""The Markdoc AST: `Node`, and the two deferred values `Variable` and `Function`.

Variables and function calls stay unevaluated in the AST so one parsed page
(or partial) can be rendered with different variables; `resolve` evaluates
them against a config. Deep documents are legal input, so every walk over
the tree here is iterative.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .values import UNDEFINED

if TYPE_CHECKING:  # pragma: no cover
    from .tag import RenderNode


class AstValue:
    """Base of values that resolve at transform time."""

    __slots__ = ()

    def resolve(self, config: dict) -> Any:  # pragma: no cover - overridden
        raise TypeError("abstract")

    def to_json(self) -> Any:  # pragma: no cover - overridden
        raise TypeError("abstract")


class Variable(AstValue):
    """``$a.b[0]["k"]``: a path looked up in ``config["variables"]``."""

    __slots__ = ("path",)

    def __init__(self, path: list) -> None:
        self.path = list(path)

    def resolve(self, config: dict) -> Any:
        variables = config.get("variables")
        if callable(variables):
            return variables(self.path)
        current: Any = variables
        for key in self.path:
            current = _lookup(current, key)
            if current is UNDEFINED:
                return UNDEFINED
        return current

    def to_json(self) -> Any:
        return {"$$mdtype": "Variable", "path": self.path}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Variable) and other.path == self.path

    def __hash__(self) -> int:
        return hash(("Variable", tuple(map(str, self.path))))

    def __repr__(self) -> str:
        return f"Variable({self.path!r})"


class Function(AstValue):
    """``name(a, key=b)``: calls ``config["functions"][name]["transform"](params, config)``."""

    __slots__ = ("name", "parameters")

    def __init__(self, name: str, parameters: dict) -> None:
        self.name = name
        self.parameters = parameters

    def resolve(self, config: dict) -> Any:
        functions = config.get("functions") or {}
        schema = functions.get(self.name)
        if not schema:
            return None
        transform = schema.get("transform") if isinstance(schema, dict) else getattr(schema, "transform", None)
        if transform is None:
            return UNDEFINED
        parameters = {key: resolve_value(value, config) for key, value in self.parameters.items()}
        return transform(parameters, config)

    def to_json(self) -> Any:
        return {"$$mdtype": "Function", "name": self.name, "parameters": self.parameters}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Function) and other.name == self.name and other.parameters == self.parameters

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Function({self.name!r}, {self.parameters!r})"


def _lookup(container: Any, key: Any) -> Any:
    """``obj[key]`` with JS leniency: a missing step is undefined, never an exception."""
    if container is UNDEFINED:
        container = {}
    if isinstance(container, dict):
        if key in container:
            return container[key]
        if isinstance(key, (int, float)) and not isinstance(key, bool):
            text = str(int(key)) if float(key).is_integer() else str(key)
            return container.get(text, UNDEFINED)
        if isinstance(key, str) and key.isdigit():
            return container.get(int(key), UNDEFINED)
        return UNDEFINED
    if isinstance(container, (list, tuple, str)):
        if key == "length":
            return len(container)
        index: Any = key
        if isinstance(key, str) and key.isdigit():
            index = int(key)
        if isinstance(index, float) and index.is_integer():
            index = int(index)
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(container):
            return container[index]
        return UNDEFINED
    if container is None:
        return UNDEFINED
    if isinstance(key, str):
        return getattr(container, key, UNDEFINED) if not key.startswith("_") else UNDEFINED
    return UNDEFINED


def resolve_value(value: Any, config: dict) -> Any:
    """Evaluate every Variable/Function inside an attribute value (lists and plain dicts)."""
    if isinstance(value, AstValue):
        return value.resolve(config)
    if isinstance(value, list):
        return [resolve_value(item, config) for item in value]
    if type(value) is dict:
        return {key: resolve_value(item, config) for key, item in value.items()}
    return value


def contains_ast_value(value: Any) -> bool:
    """True when an attribute value holds a Variable or Function somewhere."""
    if isinstance(value, AstValue):
        return True
    if isinstance(value, list):
        return any(contains_ast_value(item) for item in value)
    if type(value) is dict:
        return any(contains_ast_value(item) for item in value.values())
    return False


class Node:
    """One AST node. Field meanings follow Markdoc (see docs/architecture.md)."""

    __slots__ = (
        "_annotations",
        "_errors",
        "_location",
        "_slots",
        "attributes",
        "children",
        "dynamic",
        "inline",
        "lines",
        "tag",
        "type",
    )

    def __init__(
        self,
        type: str = "node",
        attributes: dict | None = None,
        children: list[Node] | None = None,
        tag: str | None = None,
    ) -> None:
        self.type = type
        self.tag = tag
        self.attributes = attributes if attributes is not None else {}
        self.children = children if children is not None else []
        # slots, errors and annotations are rare: created on first access (see properties)
        self._slots: dict[str, Node] | None = None
        self._errors: list[dict] | None = None
        self.inline = False
        self.lines: list[int] = []
        self._location: Any = None
        self._annotations: list[dict] | None = None
        # None = unknown (computed on demand); the parser sets it for every node.
        self.dynamic: bool | None = None

    @classmethod
    def _from_parser(cls, type: str, attributes: dict, tag: str | None, lines: list[int]) -> Node:
        """Fast construction for the parser (no throw-away default containers)."""
        node = cls.__new__(cls)
        node.type = type
        node.tag = tag
        node.attributes = attributes
        node.children = []
        node._slots = None
        node._errors = None
        node.inline = False
        node.lines = lines
        node._location = None
        node._annotations = None
        node.dynamic = False
        return node

    @property
    def slots(self) -> dict[str, Node]:
        """Named slot nodes (parse option ``slots``)."""
        value = self._slots
        if value is None:
            value = self._slots = {}
        return value

    @slots.setter
    def slots(self, value: dict[str, Node]) -> None:
        self._slots = value

    @property
    def errors(self) -> list[dict]:
        """Errors found while parsing (``{id, level, message}``), reported by `validate`."""
        value = self._errors
        if value is None:
            value = self._errors = []
        return value

    @errors.setter
    def errors(self, value: list[dict]) -> None:
        self._errors = value

    @property
    def annotations(self) -> list[dict]:
        """The parsed attribute items applied to this node, in source order."""
        value = self._annotations
        if value is None:
            value = self._annotations = []
        return value

    @annotations.setter
    def annotations(self, value: list[dict]) -> None:
        self._annotations = value

    @property
    def location(self) -> dict | None:
        """``{"file", "start": {"line", "character"}, "end": {...}}`` (0-based), built on first use.

        The parser stores a compact tuple (or shares its parent's node) because most
        locations are never read and building dicts for every text node is measurable.
        """
        value = self._location
        if value is None or type(value) is dict:
            return value
        if type(value) is Node:
            return value.location
        file, line, character, end_line, end_character, source = value
        if character is None and source is not None:
            # block nodes: the column of the first non-blank character of their first line
            text = source.line_text(line)
            character = len(text) - len(text.lstrip())
        value = {
            "file": file,
            "start": {"line": line, "character": character},
            "end": {"line": end_line, "character": end_character},
        }
        self._location = value
        return value

    @location.setter
    def location(self, value: dict | None) -> None:
        self._location = value

    def __repr__(self) -> str:
        name = f"{self.type}:{self.tag}" if self.tag else self.type
        return f"Node({name}, {self.attributes!r}, children={len(self.children)})"

    def push(self, node: Node) -> None:
        self.children.append(node)

    def walk(self) -> Iterator[Node]:
        """Depth-first descendants (slots before children), like Markdoc's ``walk``."""
        stack: list[Iterator[Node]] = [iter(_slots_and_children(self))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            yield child
            if child._slots or child.children:
                stack.append(iter(_slots_and_children(child)))

    def is_dynamic(self) -> bool:
        """Whether this subtree holds a Variable or Function (so resolving must copy it)."""
        if self.dynamic is not None:
            return self.dynamic
        mark_dynamic(self)
        return bool(self.dynamic)

    def resolve(self, config: dict) -> Node:
        """A copy of the tree with variables and functions evaluated; static subtrees are shared."""
        return resolve_tree(self, config)

    def find_schema(self, config: dict) -> dict | None:
        from .transformer import find_schema

        return find_schema(self, config)

    def transform_attributes(self, config: dict) -> dict:
        from .transformer import transform_attributes

        return transform_attributes(self, config)

    def transform_children(self, config: dict) -> list:
        from .transformer import transform_children

        return transform_children(self, config)

    def transform(self, config: dict) -> RenderNode:
        from .transformer import transform_node

        return transform_node(self, config)


def _slots_and_children(node: Node) -> list[Node]:
    return [*node._slots.values(), *node.children] if node._slots else node.children


def mark_dynamic(root: Node) -> None:
    """Set `Node.dynamic` bottom-up over a whole tree, iteratively."""
    order: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        if node._slots:
            stack.extend(node._slots.values())
        stack.extend(node.children)
    for node in reversed(order):
        dynamic = any(contains_ast_value(v) for v in node.attributes.values()) if node.attributes else False
        if not dynamic:
            for child in node.children:
                if child.dynamic:
                    dynamic = True
                    break
        if not dynamic and node._slots:
            for child in node._slots.values():
                if child.dynamic:
                    dynamic = True
                    break
        node.dynamic = dynamic


def _copy_resolved(node: Node, config: dict) -> Node:
    copy = Node(
        node.type, {k: resolve_value(v, config) for k, v in node.attributes.items()}, list(node.children), node.tag
    )
    copy._slots = dict(node._slots) if node._slots else None
    copy._errors = node._errors
    copy.inline = node.inline
    copy.lines = node.lines
    copy._location = node._location
    copy._annotations = node._annotations
    copy.dynamic = False
    return copy


def resolve_tree(root: Node, config: dict) -> Node:
    """Iterative `Node.resolve`: copy only the dynamic parts of the tree."""
    if not root.is_dynamic():
        return root
    new_root = _copy_resolved(root, config)
    stack = [new_root]
    while stack:
        node = stack.pop()
        children = node.children
        for index, child in enumerate(children):
            if child.is_dynamic():
                copy = _copy_resolved(child, config)
                children[index] = copy
                stack.append(copy)
        if node._slots:
            for name, slot in node._slots.items():
                if slot.is_dynamic():
                    copy = _copy_resolved(slot, config)
                    node._slots[name] = copy
                    stack.append(copy)
    return new_root


@dataclass
class ValidationError:
    """One validation finding. `lines` follow Markdoc (0-based, end-exclusive); `location`
    is the precise position (0-based line and character) for editors and docgen diagnostics."""

    id: str
    level: str
    message: str
    lines: list[int] = field(default_factory=list)
    location: dict | None = None
    type: str | None = None
    tag: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "level": self.level,
            "message": self.message,
            "lines": list(self.lines),
            "location": self.location,
            "type": self.type,
            "tag": self.tag,
        }
