"""The site's own schema keys of the config: tag sets, declarative tags, schema modules, variables.

Kept apart from docgen.site.config so the schema's reading rules live in one
place: `split_schema_config` takes these keys out of the raw TOML before the
rest of the config is read, and returns them as a `SchemaConfig`. Mistakes a
site can still build without are not raised here: docgen.site.schema turns
them into findings naming the key and the line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The top-level keys this module reads (docgen.site.config lists them with the others).
SCHEMA_KEYS = ("tag_sets",)


class SchemaConfigError(Exception):
    """A schema key of the wrong shape (the config loader re-raises it as its ConfigError)."""

    def __init__(self, key: str, message: str):
        self.key = key
        super().__init__(message)


@dataclass(frozen=True)
class SchemaConfig:
    """What the config says about the site's Markdoc schema."""

    tag_sets: tuple[str, ...] = ()
    file: Path | None = field(default=None, compare=False)


def split_schema_config(raw: dict, source: Path | None) -> tuple[SchemaConfig, dict]:
    """(the schema keys read, the raw config without them)."""
    rest = dict(raw)
    tag_sets = _string_list(rest.pop("tag_sets", []), "tag_sets")
    return SchemaConfig(tag_sets=tag_sets, file=source), rest


def _string_list(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise SchemaConfigError(key, f"expected a list of names, got {value!r}")
    return tuple(value)
