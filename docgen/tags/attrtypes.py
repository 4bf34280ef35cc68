"""Attribute value types the corpus needs beyond Markdoc's String/Number/….

A custom type is a class with ``validate(value, config, key)`` returning
validation errors (Markdoc's convention), so a typo such as ``width="800xp"``
or ``start="1h"`` is reported where it is written instead of rendering badly.
"""

from __future__ import annotations

import re
from typing import Any


def validation_error(id: str, level: str, message: str) -> dict:
    """A finding in Markdoc's plain shape; the validator adds the node's position."""
    return {"id": id, "level": level, "message": message}


class _Pattern:
    """A string attribute that must match `PATTERN`; `EXAMPLE` shows the expected form."""

    PATTERN: re.Pattern[str]
    EXAMPLE: str

    def validate(self, value: Any, config: dict, key: str) -> list[dict]:
        if isinstance(value, str) and self.PATTERN.fullmatch(value.strip()):
            return []
        return [
            validation_error(
                "attribute-value-invalid",
                "error",
                f"Attribute '{key}' must look like {self.EXAMPLE}, got {value!r}",
            )
        ]


class CssLength(_Pattern):
    """A CSS length such as ``800px``, ``50%`` or ``20rem`` (a bare number means pixels)."""

    PATTERN = re.compile(r"\d+(\.\d+)?(px|%|rem|em|vw|vh)?")
    EXAMPLE = '"800px"'


class Timestamp(_Pattern):
    """A video position ``m:ss`` or ``h:mm:ss``."""

    PATTERN = re.compile(r"(\d+:)?\d{1,2}:\d{2}")
    EXAMPLE = '"2:16" (m:ss) or "1:02:03"'
