"""The site's own schema keys of the config: tag sets, declarative tags, schema modules, variables.

Kept apart from docgen.site.config so the schema's reading rules live in one
place: `split_schema_config` takes these keys out of the raw TOML (including
``variables`` of each ``[versions."…"]`` table) before the rest of the config is
read, and returns them as a `SchemaConfig`. Only a key of the wrong *shape*
(``tags = 3``) is raised here; what is wrong inside a tag table (an unknown
attribute type, a missing template, a misspelt key) becomes a finding naming
the key and the line (docgen.site.schema), so the rest of the site still builds.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The top-level keys this module reads (docgen.site.config lists them with the others).
SCHEMA_KEYS = ("tag_sets", "schema", "tags", "variables")
#: The key of a ``[versions."v1.9"]`` table this module reads.
VERSION_SCHEMA_KEYS = ("variables",)


class SchemaConfigError(Exception):
    """A schema key of the wrong shape (the config loader re-raises it as its ConfigError)."""

    def __init__(self, key: str, message: str):
        self.key = key
        super().__init__(message)


@dataclass(frozen=True)
class SchemaConfig:
    """What the config says about the site's Markdoc schema.

    Equal configs (same values, same module files unchanged) share one loaded schema
    (docgen.site.schema caches by this object): `key` holds everything that matters, as text.
    """

    tag_sets: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()  # site-relative paths of Python schema modules
    site_dir: Path | None = None
    file: Path | None = None
    key: str = ""  # JSON of tags, variables and the module files' content digests
    tags: dict = field(default_factory=dict, compare=False, hash=False)
    variables: dict = field(default_factory=dict, compare=False, hash=False)
    version_variables: dict = field(default_factory=dict, compare=False, hash=False)  # version label -> table
    text: str = field(default="", compare=False, hash=False, repr=False)  # the config file, for line numbers

    def line_of(self, dotted: str) -> int | None:
        """The config file line where `dotted` (``tags.callout.attributes.type``) is written, if found."""
        return key_line(self.text, dotted)

    def variables_for(self, version: str | None, aliases: tuple[str, ...] = ()) -> dict:
        """The global variables with the version's own table merged over them (nested tables merged too)."""
        merged = dict(self.variables)
        for label, table in self.version_variables.items():
            if label == version or label in aliases:
                merged = deep_merge(merged, table)
        return merged


def deep_merge(base: dict, over: dict) -> dict:
    merged = dict(base)
    for name, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = deep_merge(merged[name], value)
        else:
            merged[name] = value
    return merged


def split_schema_config(raw: dict, source: Path | None, site_dir: Path | None = None) -> tuple[SchemaConfig, dict]:
    """(the schema keys read, the raw config without them)."""
    rest = dict(raw)
    tag_sets = _string_list(rest.pop("tag_sets", []), "tag_sets")
    modules = _string_list(rest.pop("schema", []), "schema")
    tags = _table(rest.pop("tags", {}), "tags")
    for name, table in tags.items():
        _table(table, f"tags.{name}")
    variables = _table(rest.pop("variables", {}), "variables")
    version_variables = _version_variables(rest)
    stamps = [_stamp(site_dir / module) if site_dir else None for module in modules]
    key = json.dumps([tags, variables, version_variables, stamps], sort_keys=True, default=str)
    text = ""
    if source is not None and (tags or variables or version_variables):
        try:
            text = source.read_text(encoding="utf-8")
        except OSError:
            text = ""
    schema = SchemaConfig(tag_sets, modules, site_dir, source, key, tags, variables, version_variables, text)
    return schema, rest


def _version_variables(rest: dict) -> dict:
    """Take ``variables`` out of each version entry (table or list form) of `rest["versions"]`."""
    versions = rest.get("versions")
    found: dict[str, dict] = {}
    if isinstance(versions, dict):
        copy = {}
        for label, entry in versions.items():
            if isinstance(entry, dict) and "variables" in entry:
                entry = dict(entry)
                found[label] = _table(entry.pop("variables"), f"versions.{label}.variables")
            copy[label] = entry
        rest["versions"] = copy
    elif isinstance(versions, list):
        items = []
        for index, entry in enumerate(versions):
            if isinstance(entry, dict) and "variables" in entry:
                entry = dict(entry)
                label = entry.get("name", str(index))
                found[str(label)] = _table(entry.pop("variables"), f"versions[{index}].variables")
            items.append(entry)
        rest["versions"] = items
    return found


def _stamp(path: Path) -> str | None:
    """The module file's content digest: an edited module is a new schema (serve re-imports it)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _string_list(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise SchemaConfigError(key, f"expected a list of names, got {value!r}")
    return tuple(value)


def _table(value: Any, key: str) -> dict:
    if not isinstance(value, dict):
        raise SchemaConfigError(key, f"expected a table, got {value!r}")
    return value


def key_line(text: str, dotted: str) -> int | None:
    """The 1-based line of `dotted` in TOML `text`: its own table header, else its key under the parent's.

    A small reader for the shapes a schema is written in (``[tags.callout]``,
    ``[tags.callout.attributes.type]``, ``type = "String"`` under either); None when not found.
    """
    parts = dotted.split(".")
    lines = text.splitlines()
    headers = [(index, _header(line)) for index, line in enumerate(lines)]
    for cut in range(len(parts), 0, -1):
        table, rest = parts[:cut], parts[cut:]
        for index, header in headers:
            if header != table:
                continue
            if not rest:
                return index + 1
            pattern = re.compile(r"^\s*\"?" + re.escape(rest[0]) + r"\"?\s*[=.]")
            for offset, line in enumerate(lines[index + 1 :], start=index + 1):
                if _header(line) is not None:
                    break
                if pattern.match(line):
                    return offset + 1
    return None


def _header(line: str) -> list[str] | None:
    match = re.match(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$", line)
    if match is None:
        return None
    return [part.strip().strip('"') for part in re.findall(r'"[^"]*"|[^.]+', match.group(1))]
