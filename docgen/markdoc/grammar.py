"""The grammar of a tag's interior (what sits between ``{%`` and ``%}``).

A hand-written recursive-descent parser for Markdoc's PEG grammar. It is
tried in the same order as the reference: an interpolation (a variable or a
function call alone), an annotation (attributes without a tag name), an
opening or self-closing tag, a closing tag. Failures are reported the way a
PEG parser does: at the furthest position reached, listing what was expected
there, so messages read like the reference's (``Expected "(" or "=" but end
of input found.``).

Recursion here is bounded by the nesting of values inside one tag (arrays in
arrays), which is checked against `MAX_VALUE_DEPTH` so hostile input gives a
syntax error rather than a RecursionError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from .ast import Function, Variable

MAX_VALUE_DEPTH = 200

_IDENT = re.compile(r"[A-Za-z0-9_-]+")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_WS = re.compile(r"[ \n\t]*")
_INT_KEY = re.compile(r"0|[1-9][0-9]*")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "r": "\r", "t": "\t"}


class TagSyntaxError(Exception):
    """A tag interior that does not match the grammar; offsets are 0-based in the interior."""

    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


#: Token nesting as markdown-it counts it: 1 opens, -1 closes, 0 stands alone.
Nesting = Literal[-1, 0, 1]


@dataclass(slots=True)
class ParsedTag:
    """What a tag interior means: token type, nesting and meta (tag, attributes or variable)."""

    type: str
    nesting: Nesting
    meta: dict


class _Fail(Exception):
    """Internal backtracking signal; carries nothing, the parser records expectations.

    A fresh instance is raised each time: re-raising one shared instance would keep
    appending to its traceback and keep every parser frame (and token) alive."""


def _describe_found(text: str, pos: int) -> str:
    if pos >= len(text):
        return "end of input"
    char = text[pos]
    special = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\", "\0": "\\0"}
    return '"' + special.get(char, char) + '"'


def _join_expected(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} or {items[1]}"
    return ", ".join(items[:-1]) + ", or " + items[-1]


class _Parser:
    """One parse of one interior; tracks the furthest failure like pegjs."""

    __slots__ = ("depth", "expected", "fail_pos", "length", "silence", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.length = len(text)
        self.fail_pos = 0
        self.expected: list[str] = []
        self.silence = 0
        self.depth = 0

    # -- failure bookkeeping -------------------------------------------------
    def expect(self, pos: int, what: str) -> None:
        if self.silence:
            return
        if pos > self.fail_pos:
            self.fail_pos = pos
            self.expected = [what]
        elif pos == self.fail_pos:
            self.expected.append(what)

    def error(self) -> TagSyntaxError:
        found = _describe_found(self.text, self.fail_pos)
        items = sorted(set(self.expected))
        message = f"Expected {_join_expected(items)} but {found} found." if items else (f"Unexpected {found}.")
        end = min(self.fail_pos + 1, self.length)
        return TagSyntaxError(message, self.fail_pos, max(end, self.fail_pos))

    # -- primitives ----------------------------------------------------------
    def literal(self, pos: int, lit: str) -> int:
        if self.text.startswith(lit, pos):
            return pos + len(lit)
        self.expect(pos, '"' + lit.replace("\\", "\\\\").replace('"', '\\"') + '"')
        raise _Fail

    def ws_star(self, pos: int) -> int:
        end = _ws_end(self.text, pos)
        # pegjs records the failed attempt to match one more whitespace
        self.expect(end, "whitespace")
        return end

    def ws_plus(self, pos: int) -> int:
        end = _ws_end(self.text, pos)
        if end == pos:
            self.expect(pos, "whitespace")
            raise _Fail
        self.expect(end, "whitespace")
        return end

    def identifier(self, pos: int, name: str = "identifier") -> tuple[str, int]:
        match = _IDENT.match(self.text, pos)
        if match is None:
            self.expect(pos, name)
            raise _Fail
        return match.group(), match.end()

    # -- values ----------------------------------------------------------------
    def value(self, pos: int) -> tuple[Any, int]:
        self.depth += 1
        if self.depth > MAX_VALUE_DEPTH:
            self.depth -= 1
            self.expect(pos, "shallower value")
            raise _Fail
        try:
            return self._value(pos)
        finally:
            self.depth -= 1

    _VALUE_NAMES = ("null", "boolean", "string", "number", '"["', '"{"', "variable", "identifier")

    def _value(self, pos: int) -> tuple[Any, int]:
        try:
            return self._value_alternatives(pos)
        except _Fail:
            for name in self._VALUE_NAMES:
                self.expect(pos, name)
            raise

    def _value_alternatives(self, pos: int) -> tuple[Any, int]:
        text = self.text
        char = text[pos] if pos < self.length else ""
        if text.startswith("null", pos):
            return None, pos + 4
        if text.startswith("true", pos):
            return True, pos + 4
        if text.startswith("false", pos):
            return False, pos + 5
        if char == '"':
            return self.string(pos)
        if char == "-" or char.isdigit():
            match = _NUMBER.match(text, pos)
            if match is not None:
                return _number(match.group()), match.end()
        if char == "[":
            return self.collection(pos + 1, "]", [])
        if char == "{":
            return self.collection(pos + 1, "}", {})
        if char in "$@" and char:
            return self.variable(pos)
        if _IDENT.match(text, pos):
            return self.function(pos)
        raise _Fail

    def string(self, pos: int) -> tuple[str, int]:
        text = self.text
        if not text.startswith('"', pos):
            self.expect(pos, "string")
            raise _Fail
        out: list[str] = []
        i = pos + 1
        while i < self.length:
            char = text[i]
            if char == '"':
                return "".join(out), i + 1
            if char == "\\":
                nxt = text[i + 1] if i + 1 < self.length else ""
                if nxt in _ESCAPES and nxt:
                    out.append(_ESCAPES[nxt])
                    i += 2
                    continue
                self._fail_inside_string(i + 1, pos)
            if ord(char) < 0x20:
                self._fail_inside_string(i, pos)
            out.append(char)
            i += 1
        self._fail_inside_string(i, pos)
        raise _Fail  # unreachable; keeps type checkers calm

    def _fail_inside_string(self, at: int, start: int) -> None:
        # 'string' is a named rule in the reference grammar: its inner failures are not
        # reported; the caller records the alternatives at the opening quote instead.
        raise _Fail

    def collection(self, pos: int, close: str, into: list | dict) -> tuple[list | dict, int]:
        """An array's values or a hash's items after the opening bracket, up to `close`; a trailing comma
        is allowed. Arrays and hashes share this shape in the reference grammar, and with it which
        alternatives a failure reports (`","` after an item, else `close`). One function, not a helper
        per item, keeps the recursion per nesting level short (see `MAX_VALUE_DEPTH`)."""
        pos = self.ws_star(pos)
        if self.text.startswith(close, pos):
            return into, pos + 1
        first = True
        while True:
            try:
                if isinstance(into, list):
                    value, pos = self.value(pos)
                    into.append(value)
                else:
                    pos = self.hash_item(pos, into)
            except _Fail:
                if first:
                    return into, self.literal(pos, close)
                break  # a trailing comma: `pos` is just after it
            first = False
            after_ws = self.ws_star(pos)
            if not self.text.startswith(",", after_ws):
                self.expect(after_ws, '","')
                break
            pos = self.ws_star(after_ws + 1)
        return into, self.literal(self.ws_star(pos), close)

    def hash_item(self, pos: int, result: dict) -> int:
        if self.text.startswith('"', pos):
            key, pos = self.string(pos)
        else:
            match = _IDENT.match(self.text, pos)
            if match is None:
                self.expect(pos, "identifier")
                self.expect(pos, "string")
                raise _Fail
            key, pos = match.group(), match.end()
        pos = self.literal(pos, ":")
        pos = self.ws_star(pos)
        value, pos = self.value(pos)
        if key != "$$mdtype":
            result[key] = value
        return pos

    def variable(self, pos: int) -> tuple[Any, int]:
        text = self.text
        prefix = text[pos] if pos < self.length else ""
        if prefix not in ("$", "@") or not prefix:
            self.expect(pos, "variable")
            raise _Fail
        match = _IDENT.match(text, pos + 1)
        if match is None:
            self.expect(pos, "variable")
            raise _Fail
        path: list[Any] = [match.group()]
        pos = match.end()
        while pos < self.length:
            char = text[pos]
            if char == ".":
                seg = _IDENT.match(text, pos + 1)
                if seg is None:
                    break
                path.append(seg.group())
                pos = seg.end()
            elif char == "[":
                inner = pos + 1
                key: str | int | float
                if text.startswith('"', inner):
                    try:
                        key, end = self.string(inner)
                    except _Fail:
                        break
                else:
                    num = _NUMBER.match(text, inner)
                    if num is None:
                        break
                    key, end = _number(num.group()), num.end()
                if not text.startswith("]", end):
                    break
                path.append(key)
                pos = end + 1
            else:
                break
        if prefix == "@":
            return path, pos
        return Variable(path), pos

    def function(self, pos: int) -> tuple[Function, int]:
        name, pos = self.identifier(pos)
        pos = self.literal(pos, "(")
        pos = self.ws_star(pos)
        params: list[tuple[str | None, Any]] = []
        try:
            param, after = self.function_param(pos)
            params.append(param)
            pos = after
            while True:
                after_ws = self.ws_star(pos)
                if not self.text.startswith(",", after_ws):
                    self.expect(after_ws, '","')
                    break
                after_comma = self.ws_star(after_ws + 1)
                param, pos = self.function_param(after_comma)
                params.append(param)
        except _Fail:
            pass
        pos = self.literal(pos, ")")
        return Function(name, _parameters(params)), pos

    def function_param(self, pos: int) -> tuple[tuple[str | None, Any], int]:
        match = _IDENT.match(self.text, pos)
        if match is not None and self.text.startswith("=", match.end()):
            value, end = self.value(match.end() + 1)
            return (match.group(), value), end
        value, end = self.value(pos)
        return (None, value), end

    # -- attributes ---------------------------------------------------------------
    def attribute_item(self, pos: int) -> tuple[dict, int]:
        text = self.text
        if text.startswith("#", pos):
            value, end = self.identifier(pos + 1)
            return {"type": "attribute", "name": "id", "value": value}, end
        if text.startswith(".", pos):
            name, end = self.identifier(pos + 1)
            return {"type": "class", "name": name, "value": True}, end
        match = _IDENT.match(text, pos)
        if match is None:
            self.expect(pos, "id")
            self.expect(pos, "class")
            self.expect(pos, "identifier")
            raise _Fail
        end = self.literal(match.end(), "=")
        value, end = self.value(end)
        return {"type": "attribute", "name": match.group(), "value": value}, end

    def attributes(self, pos: int) -> tuple[list[dict], int]:
        first, pos = self.attribute_item(pos)
        items = [first]
        while True:
            try:
                after_ws = self.ws_plus(pos)
                item, after = self.attribute_item(after_ws)
            except _Fail:
                return items, pos
            items.append(item)
            pos = after

    # -- top level ------------------------------------------------------------------
    def top(self) -> ParsedTag:
        """PEG ordered choice: the first alternative that matches wins, then it must reach the end."""
        for rule in (self.interpolation, self.annotation, self.tag_open, self.tag_close):
            try:
                result, end = rule(0)
            except _Fail:
                continue
            if end == self.length:
                return result
            self.expect(end, "end of input")
            break
        raise self.error()

    def interpolation(self, pos: int) -> tuple[ParsedTag, int]:
        text = self.text
        if text.startswith(("$", "@"), pos):
            value, end = self.variable(pos)
        else:
            self.expect(pos, "variable")
            value, end = self.function(pos)
        return ParsedTag("variable", 0, {"variable": value}), end

    def annotation(self, pos: int) -> tuple[ParsedTag, int]:
        attrs, end = self.attributes(pos)
        end = self.ws_star(end)
        return ParsedTag("annotation", 0, {"attributes": attrs}), end

    def tag_open(self, pos: int) -> tuple[ParsedTag, int]:
        tag, pos = self.identifier(pos, "tag name")
        pos = self.ws_star(pos)
        attributes: list[dict] | None = None
        primary_set = False
        primary: Any = None
        try:
            primary, after = self.value(pos)
            primary_set = True
            pos = after
            if pos < self.length and self.text[pos] in " \n\t":
                pos += 1
            else:
                self.expect(pos, "whitespace")
        except _Fail:
            pass
        try:
            attributes, pos = self.attributes(pos)
        except _Fail:
            pass
        pos = self.ws_star(pos)
        close = False
        if self.text.startswith("/", pos):
            close = True
            pos += 1
        else:
            self.expect(pos, '"/"')
        if primary_set and _js_truthy_primary(primary):
            attributes = attributes or []
            attributes.insert(0, {"type": "attribute", "name": "primary", "value": primary})
        if close:
            return ParsedTag("tag", 0, {"tag": tag, "attributes": attributes}), pos
        return ParsedTag("tag_open", 1, {"tag": tag, "attributes": attributes}), pos

    def tag_close(self, pos: int) -> tuple[ParsedTag, int]:
        pos = self.literal(pos, "/")
        tag, pos = self.identifier(pos, "tag name")
        return ParsedTag("tag_close", -1, {"tag": tag}), pos


def _js_truthy_primary(value: Any) -> bool:
    """The reference adds `primary` only when the value is JS-truthy (``if (primary)``)."""
    if value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0
    if isinstance(value, str):
        return value != ""
    return True


def _ws_end(text: str, pos: int) -> int:
    """Where the run of whitespace at `pos` ends (`_WS` also matches the empty run)."""
    match = _WS.match(text, pos)
    return match.end() if match is not None else pos


def _number(text: str) -> int | float:
    """Numbers are JS doubles; integral literals become Python ints for convenience."""
    if "." in text:
        value = float(text)
        return value
    return int(text)


def _parameters(params: list[tuple[str | None, Any]]) -> dict:
    """Positional parameters are keyed by their index; integer keys come first like JS objects."""
    numbered: dict[int, Any] = {}
    named: dict[str, Any] = {}
    for index, (name, value) in enumerate(params):
        if name is None:
            numbered[index] = value
        elif _INT_KEY.fullmatch(name):
            numbered[int(name)] = value
        else:
            named[name] = value
    out: dict = {k: numbered[k] for k in sorted(numbered)}
    out.update(named)
    return out


_SIMPLE_OPEN = re.compile(r"[A-Za-z0-9_-]+")
_SIMPLE_CLOSE = re.compile(r"/([A-Za-z0-9_-]+)")
_SIMPLE_VARIABLE = re.compile(r"\$[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")


def _simple_tag(content: str) -> ParsedTag | None:
    """The most frequent interiors (``name``, ``/name``, ``$a.b``) without backtracking.

    These give exactly what the full grammar gives; everything else goes through it."""
    if _SIMPLE_OPEN.fullmatch(content):
        return ParsedTag("tag_open", 1, {"tag": content, "attributes": None})
    match = _SIMPLE_CLOSE.fullmatch(content)
    if match:
        return ParsedTag("tag_close", -1, {"tag": match.group(1)})
    if _SIMPLE_VARIABLE.fullmatch(content):
        return ParsedTag("variable", 0, {"variable": Variable(content[1:].split("."))})
    return None


def parse_tag(content: str) -> ParsedTag:
    """Parse a trimmed tag interior; raises `TagSyntaxError` with pegjs-like text."""
    simple = _simple_tag(content)
    if simple is not None:
        return simple
    return _Parser(content).top()


def parse_value(text: str) -> Any:
    """Parse one attribute value on its own (used by tests and tools)."""
    parser = _Parser(text)
    try:
        value, end = parser.value(0)
    except _Fail:
        raise parser.error() from None
    if end != len(text):
        parser.expect(end, "end of input")
        raise parser.error()
    return value
