"""JavaScript value semantics the reference relies on.

Markdoc's observable output depends on JS conversions: ``String(v)`` when an
attribute is written into HTML, Markdoc's own ``truthy`` for conditions,
``===`` for ``equals``, ``JSON.stringify`` for ``debug``. Keeping them in one
module makes the port's deliberate JS-isms easy to find. `UNDEFINED` stands
for JS ``undefined`` (a missing variable), which Markdoc distinguishes from
``null`` (`None`): ``default(null, "d")`` keeps null, an undefined attribute
is omitted while a null one renders ``"null"``.
"""

from __future__ import annotations

import json
import math
from typing import Any


class _Undefined:
    """The JS `undefined` value: falsy, renders as nothing in text."""

    __slots__ = ()
    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "UNDEFINED"

    def __reduce__(self) -> str:
        return "UNDEFINED"


UNDEFINED = _Undefined()


def is_number(value: Any) -> bool:
    """A JS number: int or float, but not bool (bool is a subclass of int in Python)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def truthy(value: Any) -> bool:
    """Markdoc's condition truthiness: only undefined, null and false are falsy."""
    return value is not False and value is not None and value is not UNDEFINED


def js_truthy(value: Any) -> bool:
    """JavaScript truthiness (used where the reference writes a bare ``if (v)``)."""
    if value is None or value is UNDEFINED or value is False:
        return False
    if is_number(value):
        return value != 0 and not (isinstance(value, float) and math.isnan(value))
    if isinstance(value, str):
        return value != ""
    return True


def number_to_string(value: int | float) -> str:
    """``String(n)`` for a JS number."""
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        sign = "-" if exponent.startswith("-") else "+"
        return f"{mantissa}e{sign}{int(exponent.lstrip('+-'))}"
    return text


def js_string(value: Any) -> str:
    """``String(v)``: arrays join with commas, objects are ``[object Object]``."""
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if value is UNDEFINED:
        return "undefined"
    if is_number(value):
        return number_to_string(value)
    if isinstance(value, (list, tuple)):
        return ",".join("" if item is None or item is UNDEFINED else js_string(item) for item in value)
    return "[object Object]"


def strict_equal(left: Any, right: Any) -> bool:
    """JS ``===``: primitives by value, arrays and objects only by identity."""
    if is_number(left) and is_number(right):
        return left == right
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    if isinstance(left, bool) and isinstance(right, bool):
        return left is right
    return left is right


def _json_ready(value: Any) -> Any:
    """Prepare a value for JSON the way ``JSON.stringify`` sees it."""
    if value is UNDEFINED:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (list, tuple)):
        return [None if item is UNDEFINED else _json_ready(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items() if v is not UNDEFINED}
    if hasattr(value, "to_json"):  # AST values (Variable, Function) know their JSON form
        return value.to_json()
    if isinstance(value, (str, int, bool)) or value is None:
        return value
    return {}


def json_stringify(value: Any, indent: int | None = None) -> Any:
    """``JSON.stringify(value, null, indent)``; undefined gives UNDEFINED like JS."""
    if value is UNDEFINED:
        return UNDEFINED
    return json.dumps(
        _json_ready(value), indent=indent, ensure_ascii=False, separators=(",", ": ") if indent else (",", ":")
    )
