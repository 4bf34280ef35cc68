"""Run Markdoc conformance cases with docgen.markdoc and print the results as JSON.

Usage: python tests/markdoc/run_cases.py CASES_JSON

Each case follows the shared format (see ../shared/conformance/markdoc/README.md):
`html` = render_html(transform(parse(source), config)); `errors` = validate(parse(source), config).
The case's config is data (type names, `$regex` matches, function `impl` names); this script
turns it into a docgen.markdoc config, exactly as the reference harness did for the JS side.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from docgen.markdoc import Node, parse, render_html, transform, validate  # noqa: E402
from docgen.markdoc.schema import compile_matches  # noqa: E402
from docgen.markdoc.values import UNDEFINED, js_string, strict_equal  # noqa: E402


def _impl_uppercase(spec: dict):
    def transform_(parameters: dict, config: dict) -> Any:
        value = parameters.get(0, UNDEFINED)
        return value.upper() if isinstance(value, str) else value

    return transform_


def _impl_includes(spec: dict):
    def transform_(parameters: dict, config: dict) -> Any:
        array, value = parameters.get(0, UNDEFINED), parameters.get(1, UNDEFINED)
        return isinstance(array, list) and any(strict_equal(item, value) for item in array)

    return transform_


def _impl_identity(spec: dict):
    return lambda parameters, config: parameters.get(0, UNDEFINED)


def _impl_concat(spec: dict):
    return lambda parameters, config: "".join(js_string(v) for v in parameters.values())


def _impl_constant(spec: dict):
    return lambda parameters, config: spec.get("value")


IMPLEMENTATIONS = {
    "uppercase": _impl_uppercase,
    "includes": _impl_includes,
    "identity": _impl_identity,
    "concat": _impl_concat,
    "constant": _impl_constant,
}


def _schema(spec: dict) -> dict:
    schema = dict(spec)
    attributes = {}
    for name, attribute in (spec.get("attributes") or {}).items():
        attribute = dict(attribute)
        if "matches" in attribute:
            attribute["matches"] = compile_matches(attribute["matches"])
        attributes[name] = attribute
    if "attributes" in spec:
        schema["attributes"] = attributes
    return schema


def _functions(specs: dict) -> dict:
    functions = {}
    for name, spec in specs.items():
        function = {k: v for k, v in spec.items() if k not in ("impl", "value")}
        function["transform"] = IMPLEMENTATIONS[spec["impl"]](spec)
        functions[name] = function
    return functions


def _parse_options(case: dict) -> dict:
    tokenizer = case.get("tokenizer") or {}
    parse_args = case.get("parse") or {}
    return {
        "allow_comments": bool(tokenizer.get("allowComments")),
        "allow_indentation": bool(tokenizer.get("allowIndentation")),
        "allow_link_validation": bool(tokenizer.get("allowLinkValidation")),
        "html": bool(tokenizer.get("html")),
        "slots": bool(parse_args.get("slots")),
        "conditional_tags": parse_args.get("conditionalTags"),
    }


def build_config(case: dict) -> dict:
    """The docgen.markdoc config for one case."""
    options = _parse_options(case)
    raw = case.get("config") or {}
    config: dict = {}
    if "tags" in raw:
        config["tags"] = {name: _schema(spec) for name, spec in raw["tags"].items()}
    if "nodes" in raw:
        config["nodes"] = {name: _schema(spec) for name, spec in raw["nodes"].items()}
    if "functions" in raw:
        config["functions"] = _functions(raw["functions"])
    if "validation" in raw:
        config["validation"] = raw["validation"]
    if "variables" in case:
        config["variables"] = case["variables"]
    if "partials" in case:
        config["partials"] = {name: parse(text, **options) for name, text in case["partials"].items()}
    return config


def run_case(case: dict) -> dict:
    options = _parse_options(case)
    config = build_config(case)
    ast: Node = parse(case["source"], **options)
    try:
        html = render_html(transform(ast, config))
    except RecursionError as exc:  # reported, never hidden: a crash is a failure of the case
        html = f"<!-- crash: {exc} -->"
    errors = [{"id": e.id, "level": e.level, "lines": e.lines} for e in validate(ast, config)]
    return {"id": case["id"], "html": html, "errors": errors}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: run_cases.py CASES_JSON", file=sys.stderr)
        return 2
    cases = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    json.dump([run_case(case) for case in cases], sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
