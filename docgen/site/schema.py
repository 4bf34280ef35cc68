"""The site's Markdoc schema: the core, the tag sets the config enables, and the site's own.

Build, serve and check all take the schema from here (`site_schema`), so a tag
means the same in each. The layers, each over the one before:

1. Markdoc's built-ins and docgen's core families, then the enabled tag sets
   (docgen.tags.sets: a clash there is a config error);
2. the site's declarative tags (``[tags.NAME]`` in the config, rendered by a
   Jinja template of the site's theme) and its Python schema modules
   (``schema = ["schema.py"]``: `TAGS`, `NODES`, `FUNCTIONS`, `CSS`, `slugify`).

A site's definition wins over a layer-1 one of the same name, with an info
finding (`schema-override`). Mistakes inside a tag table are `schema-invalid`
findings naming the key and line, and that tag is left out; what leaves no
schema to build with (an unknown tag set, a schema module that is missing or
fails to import) is a `ConfigError`, which the commands print and exit 2 on.
Loading is cached per `SchemaConfig` (equal configs share one schema; a
changed module file makes a new one).
"""

from __future__ import annotations

import difflib
import hashlib
import importlib.util
import re
import sys
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from docgen.diagnostics import Diagnostic
from docgen.markdoc import Node, RawHTML, render_html
from docgen.rules import diagnostic
from docgen.site.config import ConfigError, SiteConfig
from docgen.site.schema_config import SchemaConfig
from docgen.tags.base import page_context
from docgen.tags.sets import Schema, TagSetError, schema_with_sets

#: Markdoc's attribute type names, as a declarative tag writes them.
ATTRIBUTE_TYPES = ("String", "Number", "Boolean", "Object", "Array")
TAG_KEYS = ("template", "inline", "self_closing", "children", "attributes", "description")
ATTRIBUTE_KEYS = ("type", "default", "required", "matches", "error_level", "description")
ERROR_LEVELS = ("error", "warning", "info", "critical", "debug")
TEMPLATES_DIR = Path("theme") / "templates"
SITE_ORIGIN = "site"


@dataclass(frozen=True)
class SiteSchema:
    """The merged schema with the findings made while building it."""

    schema: Schema
    diagnostics: tuple[Diagnostic, ...] = ()
    #: tag name -> attribute names with their (type, default, required) for `docgen tags`
    described: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


def site_schema(config: SiteConfig) -> Schema:
    """The merged schema of the site `config` describes; `ConfigError` when it cannot be built."""
    return load_site_schema(config.schema).schema


def schema_diagnostics(config: SiteConfig) -> list[Diagnostic]:
    """The findings about the site's own schema (reported with the site's other load findings)."""
    return list(load_site_schema(config.schema).diagnostics)


@lru_cache(maxsize=8)
def load_site_schema(config: SchemaConfig) -> SiteSchema:
    try:
        base = schema_with_sets(config.tag_sets)
    except TagSetError as error:
        raise ConfigError(str(error), key="tag_sets", file=config.file) from None
    builder = _Builder(config, base)
    builder.add_declarative_tags()
    for module in config.modules:
        builder.add_module(module)
    return builder.result()


class _Builder:
    def __init__(self, config: SchemaConfig, base: Schema) -> None:
        self.config = config
        self.base = base
        self.tags: dict[str, dict] = dict(base.tags)
        self.nodes: dict[str, dict] = dict(base.nodes)
        self.functions: dict[str, dict] = dict(base.functions)
        self.origins: dict[tuple[str, str], str] = dict(base.origins)
        self.css: list[str] = [base.css] if base.css else []
        self.slugify: Callable[[str], str] | None = base.slugify
        self.diagnostics: list[Diagnostic] = []
        self.site_defined: dict[tuple[str, str], str] = {}  # (kind, name) -> origin, for "defined twice"

    # ----------------------------------------------------------------- findings

    @property
    def config_file(self) -> str | None:
        file, site_dir = self.config.file, self.config.site_dir
        if file is None:
            return None
        if site_dir is not None and file.is_relative_to(site_dir):
            return file.relative_to(site_dir).as_posix()
        return file.name

    def problem(self, key: str, message: str) -> None:
        self.diagnostics.append(
            diagnostic("schema-invalid", self.config_file, self.config.line_of(key), None, f"{key}: {message}")
        )

    def origin_of_key(self, key: str) -> str:
        line = self.config.line_of(key)
        return f"{self.config_file or 'config'}:{line}" if line else f"{self.config_file or 'config'} [{key}]"

    # ----------------------------------------------------------------- adding

    def define(self, kind: str, name: str, schema: dict, origin: str, where: tuple[str | None, int | None]) -> None:
        """Add one site definition: a second site definition is an error, a base one is overridden (info)."""
        table = {"tag": self.tags, "node": self.nodes, "function": self.functions}[kind]
        if (kind, name) in self.site_defined:
            self.diagnostics.append(
                diagnostic(
                    "schema-invalid",
                    where[0],
                    where[1],
                    None,
                    f"{kind} {name!r} is defined twice: in {self.site_defined[(kind, name)]} and in {origin}; "
                    "the first definition is kept",
                )
            )
            return
        self.site_defined[(kind, name)] = origin
        if name in table and kind != "node":
            self.diagnostics.append(
                diagnostic(
                    "schema-override",
                    where[0],
                    where[1],
                    None,
                    f"the site's {kind} {name!r} ({origin}) replaces the one from {self.origins.get((kind, name))}",
                )
            )
        if kind == "node":  # a node override keeps the keys it does not set (e.g. its allowed children)
            schema = {**table.get(name, {}), **schema}
        table[name] = schema
        self.origins[(kind, name)] = origin

    def add_declarative_tags(self) -> None:
        for name, table in self.config.tags.items():
            key = f"tags.{name}"
            schema = self.declarative_tag(name, table, key)
            if schema is not None:
                line = self.config.line_of(key)
                self.define("tag", name, schema, self.origin_of_key(key), (self.config_file, line))

    def declarative_tag(self, name: str, table: dict, key: str) -> dict | None:
        ok = True
        for unknown in sorted(set(table) - set(TAG_KEYS)):
            self.problem(f"{key}.{unknown}", f"unknown key{_did_you_mean(unknown, TAG_KEYS)}")
            ok = False
        if not re.fullmatch(r"[A-Za-z][\w-]*", name):
            self.problem(key, "a tag name starts with a letter and holds letters, digits, '_' and '-'")
            return None
        template = table.get("template")
        if not isinstance(template, str) or not template.strip():
            self.problem(f"{key}.template", 'every declarative tag names its template (e.g. "tags/callout.html")')
            return None
        if not self.template_exists(template):
            self.problem(
                f"{key}.template",
                f"template {template!r} not found in {TEMPLATES_DIR.as_posix()}/ of the site",
            )
            ok = False
        schema: dict[str, Any] = {"attributes": {}, "transform": template_transform(name, template, table)}
        for flag, markdoc_key in (("inline", "inline"), ("self_closing", "selfClosing")):
            if flag in table:
                if isinstance(table[flag], bool):
                    schema[markdoc_key] = table[flag]
                else:
                    self.problem(f"{key}.{flag}", f"expected true or false, got {table[flag]!r}")
                    ok = False
        if "children" in table:
            children = table["children"]
            if isinstance(children, list) and all(isinstance(child, str) for child in children):
                schema["children"] = list(children)
            else:
                self.problem(f"{key}.children", f"expected a list of node or tag names, got {children!r}")
                ok = False
        if isinstance(table.get("description"), str):
            schema["description"] = table["description"]
        attributes = table.get("attributes", {})
        if not isinstance(attributes, dict):
            self.problem(f"{key}.attributes", f"expected a table of attributes, got {attributes!r}")
            return None
        for attribute, spec in attributes.items():
            parsed = self.attribute(f"{key}.attributes.{attribute}", spec)
            if parsed is None:
                ok = False
                continue
            schema["attributes"][attribute] = parsed
        return schema if ok else None

    def attribute(self, key: str, spec: Any) -> dict | None:
        if not isinstance(spec, dict):
            self.problem(key, f"expected a table (type, default, required, matches, error_level), got {spec!r}")
            return None
        ok = True
        for unknown in sorted(set(spec) - set(ATTRIBUTE_KEYS)):
            self.problem(f"{key}.{unknown}", f"unknown key{_did_you_mean(unknown, ATTRIBUTE_KEYS)}")
            ok = False
        parsed: dict[str, Any] = {}
        type_name = spec.get("type", "String")
        if type_name not in ATTRIBUTE_TYPES:
            self.problem(
                f"{key}.type",
                f"unknown attribute type {type_name!r}{_did_you_mean(str(type_name), ATTRIBUTE_TYPES)} "
                f"(types: {', '.join(ATTRIBUTE_TYPES)})",
            )
            return None
        parsed["type"] = type_name
        if "required" in spec:
            if not isinstance(spec["required"], bool):
                self.problem(f"{key}.required", f"expected true or false, got {spec['required']!r}")
                ok = False
            parsed["required"] = spec["required"] is True
        if "matches" in spec:
            matches = spec["matches"]
            if isinstance(matches, list):
                parsed["matches"] = list(matches)
            elif isinstance(matches, str):
                try:
                    parsed["matches"] = re.compile(matches)
                except re.error as error:
                    self.problem(f"{key}.matches", f"not a regular expression: {error}")
                    ok = False
            else:
                self.problem(f"{key}.matches", f"expected a list of values or a regular expression, got {matches!r}")
                ok = False
        if "error_level" in spec:
            if spec["error_level"] in ERROR_LEVELS:
                parsed["errorLevel"] = spec["error_level"]
            else:
                self.problem(
                    f"{key}.error_level",
                    f"must be one of {', '.join(ERROR_LEVELS)}{_did_you_mean(str(spec['error_level']), ERROR_LEVELS)}",
                )
                ok = False
        if "default" in spec:
            parsed["default"] = spec["default"]
            if not _has_type(type_name, spec["default"]):
                self.problem(f"{key}.default", f"{spec['default']!r} is not of type {type_name}")
                ok = False
        if isinstance(spec.get("description"), str):
            parsed["description"] = spec["description"]
        return parsed if ok else None

    def template_exists(self, template: str) -> bool:
        site_dir = self.config.site_dir
        return site_dir is not None and (site_dir / TEMPLATES_DIR / template).is_file()

    def add_module(self, module_path: str) -> None:
        """Import a site schema module and add its `TAGS`, `NODES`, `FUNCTIONS`, `CSS` and `slugify`."""
        site_dir = self.config.site_dir or Path.cwd()
        path = (site_dir / module_path).resolve()
        module = import_site_module(path, module_path, self.config)
        origin = f"{module_path}"
        for kind, attribute in (("tag", "TAGS"), ("node", "NODES"), ("function", "FUNCTIONS")):
            table = getattr(module, attribute, {}) or {}
            if not isinstance(table, dict):
                self.diagnostics.append(
                    diagnostic("schema-invalid", module_path, None, None, f"{attribute} must be a dict, got {table!r}")
                )
                continue
            for name, schema in table.items():
                if not isinstance(schema, dict):
                    self.diagnostics.append(
                        diagnostic(
                            "schema-invalid",
                            module_path,
                            _line_in(path, name),
                            None,
                            f"{attribute}[{name!r}] must be a schema dict, got {type(schema).__name__}",
                        )
                    )
                    continue
                line = _line_in(path, name)
                self.define(kind, name, schema, f"{origin}:{line}" if line else origin, (module_path, line))
        css = getattr(module, "CSS", "")
        if isinstance(css, str) and css.strip():
            self.css.append(f"/* {module_path} */\n{css.strip()}\n")
        slugify = getattr(module, "slugify", None)
        if slugify is not None:
            if callable(slugify):
                self.slugify = slugify
            else:
                self.diagnostics.append(
                    diagnostic("schema-invalid", module_path, None, None, "slugify must be a function of one string")
                )

    def result(self) -> SiteSchema:
        schema = Schema(self.tags, self.nodes, self.functions, "\n".join(self.css), self.origins, slugify=self.slugify)
        return SiteSchema(schema, tuple(self.diagnostics))


def import_site_module(path: Path, shown: str, config: SchemaConfig) -> Any:
    """The site's schema module at `path`; a `ConfigError` with the exception and file:line when it fails."""
    if not path.is_file():
        raise ConfigError(f"schema module {shown!r} not found (looked for {path})", key="schema", file=config.file)
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    name = f"docgen_site_schema_{digest}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ConfigError(f"schema module {shown!r} cannot be imported", key="schema", file=config.file)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # the site's own code: any exception is the site's to fix, shown without traceback
        sys.modules.pop(name, None)
        raise ConfigError(
            f"schema module {_where(error, path, shown)} failed to import: {type(error).__name__}: {error}",
            key="schema",
            file=config.file,
        ) from None
    return module


def _where(error: BaseException, path: Path, shown: str) -> str:
    """``schema.py:12``: the innermost line of the module in the exception's traceback (or the syntax error's)."""
    if isinstance(error, SyntaxError) and error.lineno:
        return f"{shown}:{error.lineno}"
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).resolve() == path:
            line = frame.lineno
    return f"{shown}:{line}" if line else shown


def _line_in(path: Path, name: str) -> int | None:
    """The line of a module where `name` is written as a dict key (``"callout": {``), for findings."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pattern = re.compile(r"""^\s*["']""" + re.escape(name) + r"""["']\s*:""")
    for index, line in enumerate(lines):
        if pattern.match(line):
            return index + 1
    return None


def _did_you_mean(value: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _has_type(type_name: str, value: Any) -> bool:
    kinds: dict[str, tuple[type, ...]] = {
        "String": (str,),
        "Number": (int, float),
        "Boolean": (bool,),
        "Object": (dict,),
        "Array": (list,),
    }
    if type_name != "Boolean" and isinstance(value, bool):
        return False
    return isinstance(value, kinds[type_name])


# --------------------------------------------------------------------- declarative tags


def template_transform(name: str, template: str, table: dict) -> Callable[[Node, dict], Any]:
    """The transform of a declarative tag: its template, given the attributes and the rendered children.

    The template gets every declared attribute by name (its value, its default, or None), the same
    as `attributes`, `children` (the rendered content, as Markup: the template writes it as is) and
    `tag` (the name). Attribute values are autoescaped by the theme's environment (`.html` templates).
    """
    declared = tuple((table.get("attributes") or {}).keys()) if isinstance(table.get("attributes"), dict) else ()

    def transform(node: Node, config: dict) -> Any:
        attributes = node.transform_attributes(config)
        values = {attribute: attributes.get(attribute) for attribute in declared}
        values.update(attributes)
        children = Markup(render_html(node.transform_children(config)))
        context = page_context(config)
        render = getattr(context, "render_template", None)
        if render is None:
            return RawHTML(str(children))  # plain Markdoc use (no site theme): the content alone
        html = render(template, {**values, "attributes": values, "children": children, "tag": name}, node)
        return RawHTML(html.removesuffix("\n")) if html is not None else None  # the file's last newline is not content

    transform.__doc__ = f"Renders the {name!r} tag with the site template {template!r}."
    return transform
