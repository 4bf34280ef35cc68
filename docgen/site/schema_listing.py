"""`docgen tags`: the tags, node overrides and functions a site can use, and where each is defined.

Read from the same merged schema build, check and serve use (docgen.site.schema),
so the listing cannot disagree with them. Text for people, JSON for tools.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, TextIO

from docgen.site.config import load_config
from docgen.site.schema import load_site_schema
from docgen.tags.sets import Schema

TAG_FORMATS = ("text", "json")


def schema_entries(schema: Schema) -> list[dict[str, Any]]:
    """One entry per tag, node defined outside Markdoc, and function: kind, name, origin, attributes."""
    entries = []
    for kind, table in (("tag", schema.tags), ("node", schema.nodes), ("function", schema.functions)):
        for name in sorted(table, key=str.lower):
            origin = schema.origins.get((kind, name), "markdoc")
            if kind == "node" and origin == "markdoc":
                continue  # Markdoc's plain nodes: nothing a site needs to look up
            spec = table[name] if isinstance(table[name], dict) else {}
            entries.append(
                {
                    "kind": kind,
                    "name": name,
                    "defined_in": origin,
                    "self_closing": bool(spec.get("selfClosing")),
                    "inline": spec.get("inline"),
                    "attributes": {
                        attribute: describe_attribute(value)
                        for attribute, value in (spec.get("attributes") or spec.get("parameters") or {}).items()
                    },
                }
            )
    return entries


def describe_attribute(spec: Any) -> dict[str, Any]:
    if not isinstance(spec, dict):
        return {}
    described: dict[str, Any] = {"type": _type_name(spec.get("type"))}
    if spec.get("required"):
        described["required"] = True
    if "default" in spec:
        described["default"] = spec["default"]
    matches = spec.get("matches")
    if isinstance(matches, list):
        described["matches"] = matches
    elif isinstance(matches, re.Pattern):
        described["matches"] = f"/{matches.pattern}/"
    return described


def _type_name(type_: Any) -> str:
    if type_ is None:
        return "any"
    if isinstance(type_, str):
        return type_
    return {str: "String", int: "Number", float: "Number", bool: "Boolean", dict: "Object", list: "Array"}.get(
        type_, getattr(type_, "__name__", str(type_))
    )


def format_entries(entries: list[dict[str, Any]]) -> str:
    lines = []
    width = max((len(entry["name"]) for entry in entries), default=4) + 2
    origin_width = max((len(entry["defined_in"]) for entry in entries), default=4) + 2
    for kind, title in (("tag", "Tags"), ("node", "Node overrides"), ("function", "Functions")):
        chosen = [entry for entry in entries if entry["kind"] == kind]
        if not chosen:
            continue
        lines.append(f"{title} ({len(chosen)}):")
        for entry in chosen:
            flags = " (self-closing)" if entry["self_closing"] else ""
            attributes = ", ".join(_attribute_text(name, spec) for name, spec in entry["attributes"].items())
            lines.append(f"  {entry['name']:<{width}}{entry['defined_in']:<{origin_width}}{attributes}{flags}".rstrip())
        lines.append("")
    return "\n".join(lines)


def _attribute_text(name: str, spec: dict[str, Any]) -> str:
    text = f"{name}{'*' if spec.get('required') else ''}: {spec.get('type', 'any')}"
    if "default" in spec:
        text += f" = {json.dumps(spec['default'])}"
    if isinstance(spec.get("matches"), list):
        text += f" ({'|'.join(str(value) for value in spec['matches'])})"
    elif "matches" in spec:
        text += f" {spec['matches']}"
    return text


def tags_command(
    site_dir: Path | str, *, config_file: Path | str | None = None, format: str = "text", out: TextIO | None = None
) -> int:
    """Print the site's schema; exit 0 (2 through ConfigError when the schema cannot be built)."""
    out = out or sys.stdout
    config = load_config(site_dir, config_file)
    loaded = load_site_schema(config.schema)
    entries = schema_entries(loaded.schema)
    if format == "json":
        out.write(json.dumps({"entries": entries}, indent=2, default=str) + "\n")
    else:
        out.write(format_entries(entries))
        out.write(f"* required. {len(loaded.diagnostics)} schema finding(s).\n")
        for finding in loaded.diagnostics:
            out.write(f"  {finding}\n")
    return 0
