"""Unit tests of the tag-interior grammar (values, attributes, error positions)."""

from __future__ import annotations

import pytest

from docgen.markdoc import Function, Variable
from docgen.markdoc.grammar import TagSyntaxError, parse_tag, parse_value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("null", None),
        ("true", True),
        ("false", False),
        ("42", 42),
        ("-1.50", -1.5),
        ("007", 7),
        ('"a \\"q\\" b\\\\c\\nd\\te"', 'a "q" b\\c\nd\te'),
        ('"café"', "café"),
        ('[1, "two", true, null, [3, 4]]', [1, "two", True, None, [3, 4]]),
        ("[\n 1,\n 2,\n]", [1, 2]),
        ("[]", []),
        ('{a: 1, "b c": [2], my-key: {d: null}}', {"a": 1, "b c": [2], "my-key": {"d": None}}),
        ('{"$$mdtype": "Tag", a: 1}', {"a": 1}),
        ("{}", {}),
    ],
)
def test_values(text: str, value: object) -> None:
    assert parse_value(text) == value


@pytest.mark.parametrize(
    "text", ["True", "+1", "1e5", ".5", "[1 2 3]", "[,]", "{,}", '"\\u0041"', '"tab\there"', "'x'"]
)
def test_invalid_values(text: str) -> None:
    with pytest.raises(TagSyntaxError):
        parse_value(text)


def test_variables_and_functions() -> None:
    assert parse_value('$a.b[0]["k"]') == Variable(["a", "b", 0, "k"])
    fn = parse_value("default(x=1, 2, $v, f())")
    assert isinstance(fn, Function) and fn.name == "default"
    assert list(fn.parameters) == [1, 2, 3, "x"]  # positional by index, integer keys first like JS
    assert fn.parameters[2] == Variable(["v"]) and fn.parameters[3] == Function("f", {})
    with pytest.raises(TagSyntaxError):
        parse_value("equals(1, 1,)")
    with pytest.raises(TagSyntaxError):
        parse_tag("$user[name]")


def test_tag_forms() -> None:
    opened = parse_tag('note type="warning" #id .a .b')
    assert (opened.type, opened.nesting) == ("tag_open", 1)
    assert opened.meta["tag"] == "note"
    assert [(a["type"], a["name"], a["value"]) for a in opened.meta["attributes"]] == [
        ("attribute", "type", "warning"),
        ("attribute", "id", "id"),
        ("class", "a", True),
        ("class", "b", True),
    ]
    for text in ("x /", "x/", "x / ", 'image src="/a.png" /'):
        assert parse_tag(text.strip()).type == "tag"
    closing = parse_tag("/note")
    assert (closing.type, closing.nesting, closing.meta["tag"]) == ("tag_close", -1, "note")
    primary = parse_tag("if $x")
    assert primary.meta["attributes"][0] == {"type": "attribute", "name": "primary", "value": Variable(["x"])}
    assert parse_tag("$a.b").type == "variable"
    assert parse_tag("equals(1, 2)").type == "variable"
    assert parse_tag(".cls #i key=1").type == "annotation"
    assert parse_tag('box\tn=1\n  s="x"').meta["attributes"][1]["value"] == "x"


@pytest.mark.parametrize(
    "text",
    ["", "note = ", "café", 'any "p1" "p2"', "a=1b=2", "/note x=1", "/note /", ".a.b", "#a#b", "$ name", "box b=True"],
)
def test_syntax_errors(text: str) -> None:
    with pytest.raises(TagSyntaxError):
        parse_tag(text)


def test_error_message_and_position_are_pegjs_like() -> None:
    with pytest.raises(TagSyntaxError) as info:
        parse_tag("note =")
    error = info.value
    assert error.message.startswith("Expected ") and error.message.endswith("found.")
    assert "end of input" in error.message
    assert error.start == 5
    with pytest.raises(TagSyntaxError) as info:
        parse_tag("box a=[1 2]")
    assert info.value.message == 'Expected ",", "]", or whitespace but "2" found.' and info.value.start == 9


def test_deep_values_give_a_syntax_error_not_a_crash() -> None:
    with pytest.raises(TagSyntaxError):
        parse_value("[" * 5000 + "]" * 5000)
