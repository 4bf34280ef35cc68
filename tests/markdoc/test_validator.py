"""Validation: ids, levels, order and positions of findings."""

from __future__ import annotations

import re

from docgen.markdoc import ValidationError, parse, validate

CALLOUT = {
    "render": "aside",
    "children": ["paragraph", "tag", "list"],
    "attributes": {
        "type": {
            "type": "String",
            "default": "note",
            "required": True,
            "matches": ["caution", "note"],
            "errorLevel": "critical",
        },
        "title": {"type": str, "required": True},
        "n": {"type": int},
        "slug": {"type": str, "matches": re.compile(r"^[a-z-]+$")},
    },
}


def _ids(errors: list[ValidationError]) -> list[tuple[str, str]]:
    return [(e.id, e.level) for e in errors]


def test_order_and_levels() -> None:
    ast = parse('{% callout zzz=1 type="x" %}\n# h\n{% /callout %}')
    errors = validate(ast, {"tags": {"callout": CALLOUT}, "variables": {}})
    assert _ids(errors) == [
        ("attribute-undefined", "error"),
        ("attribute-value-invalid", "critical"),
        ("attribute-missing-required", "error"),
        ("child-invalid", "warning"),
    ]
    assert all(e.lines == [0, 1, 2, 3] and e.type == "tag" and e.tag == "callout" for e in errors)
    assert errors[0].location["start"] == {"line": 0, "character": 0}


def test_python_types_and_regex_matches() -> None:
    ast = parse('{% callout type="note" title=3 n="x" slug="Bad Slug" /%}')
    errors = validate(ast, {"tags": {"callout": CALLOUT}})
    assert _ids(errors) == [
        ("attribute-type-invalid", "error"),
        ("attribute-type-invalid", "error"),
        ("attribute-value-invalid", "error"),
    ]
    assert errors[1].message == "Attribute 'n' must be type of 'Number'"
    assert errors[2].message == "Attribute 'slug' must match /^[a-z-]+$/. Got 'Bad Slug' instead."


def test_custom_type_class() -> None:
    class Even:
        def validate(self, value, config, key):
            if isinstance(value, int) and value % 2 == 0:
                return []
            return [{"id": "attribute-value-invalid", "level": "warning", "message": f"'{key}' must be even"}]

    schema = {"render": "x", "attributes": {"n": {"type": Even}}}
    errors = validate(parse("{% x n=3 /%}"), {"tags": {"x": schema}})
    assert [(e.id, e.level, e.message) for e in errors] == [("attribute-value-invalid", "warning", "'n' must be even")]


def test_undefined_tags_variables_and_parse_errors() -> None:
    ast = parse("Hi {% $missing %}.\n\n{% nope /%}\n\nText {% note = %} more")
    errors = validate(ast, {"variables": {}})
    assert _ids(errors) == [("variable-undefined", "error"), ("tag-undefined", "critical"), ("parse-error", "critical")]
    parse_error = errors[2]
    assert parse_error.lines == [4, 5]
    assert parse_error.location["start"] == {"line": 4, "character": 5}
    assert parse_error.message.startswith("Expected ")


def test_variables_are_only_checked_when_given() -> None:
    assert validate(parse("{% $missing %}"), {}) == []


def test_table_and_annotation_errors() -> None:
    ast = parse("para\n{% .cls %}\n\n{% table %}\n* H\n---\nloose text\n{% /table %}")
    assert _ids(validate(ast, {})) == [("no-inline-annotations", "error"), ("table-syntax", "critical")]


def test_self_including_partials_are_reported_not_recursed() -> None:
    partials = {"a.md": parse('A\n\n{% partial file="b.md" /%}'), "b.md": parse('B\n\n{% partial file="a.md" /%}')}
    errors = validate(parse('{% partial file="a.md" /%}'), {"partials": partials})
    assert [(e.id, e.message) for e in errors] == [("partial-cycle", "Partial includes itself: a.md → b.md → a.md")]
