"""Hostile input: deep nesting, very large documents, quadratic traps — never an exception.

Random tag soup and every other generated input: tests/markdoc/test_properties.py.
"""

from __future__ import annotations

import subprocess
import sys

from docgen.markdoc import parse, render_html, transform, validate
from docgen.markdoc.parser import MAX_TREE_DEPTH
from docgen.markdoc.tokenizer import MAX_BLOCK_NESTING

CONFIG = {
    "tags": {
        "note": {"render": "div", "attributes": {"type": {"type": str, "matches": ["info"]}}},
        "badge": {"render": "span", "inline": True},
    },
    "variables": {"x": True, "v": "val"},
}


def _run(source: str) -> tuple[str, list]:
    ast = parse(source)
    return render_html(transform(ast, CONFIG)), validate(ast, CONFIG)


def test_ten_thousand_nested_tags() -> None:
    source = "{% note %}\n" * 10_000 + "deep\n" + "{% /note %}\n" * 10_000 + "\nafter\n"
    html, errors = _run(source)
    assert html.startswith("<article><div>") and ">deep<" in html and html.endswith("<p>after</p></article>")
    assert [e.id for e in errors] == ["nesting-too-deep"]


def _only_depth_error(errors: list) -> dict:
    """The one error of a correctly nested but too deep document: no follow-on errors."""
    assert [e.id for e in errors] == ["nesting-too-deep"], [(e.id, e.message) for e in errors]
    return errors[0].location["start"]


def test_depth_error_points_at_the_block_tag_that_goes_too_deep() -> None:
    source = "intro\n\n" + "{% note %}\n" * 3000 + "deep\n" + "{% /note %}\n" * 3000 + "\nafter\n"
    html, errors = _run(source)
    start = _only_depth_error(errors)
    # the document node is the first level: the tag opened at depth MAX_TREE_DEPTH is the one reported
    assert start == {"line": 2 + MAX_TREE_DEPTH - 1, "character": 0}
    assert "tag 'note'" in errors[0].message
    assert "<p>intro</p>" in html and ">deep<" in html and "<p>after</p>" in html


def test_depth_error_points_at_the_inline_tag_that_goes_too_deep() -> None:
    source = "a " + "{% badge %}" * 3000 + "x" + "{% /badge %}" * 3000 + " after"
    html, errors = _run(source)
    start = _only_depth_error(errors)
    assert start["line"] == 0 and source.startswith("{% badge %}", start["character"])
    assert start["character"] > 2 + 100 * len("{% badge %}")  # markdown-it's own inline limit no longer applies
    assert html.endswith("x" + "</span>" * html.count("<span>") + " after</p></article>")


def test_depth_error_points_at_the_blockquote_that_goes_too_deep() -> None:
    source = "# Title\n\n" + "> " * 3000 + "quote\n\nafter\n"
    html, errors = _run(source)
    start = _only_depth_error(errors)
    # MAX_BLOCK_NESTING quotes are kept; the next `>` is the one that goes too deep
    assert start == {"line": 2, "character": 2 * MAX_BLOCK_NESTING}
    assert "&gt; &gt; quote</p>" in html and html.endswith("<p>after</p></article>")


def test_depth_error_in_nested_lists_has_no_follow_on_errors() -> None:
    source = "".join("  " * level + "- item\n" for level in range(300)) + "\nafter\n"
    html, errors = _run(source)
    start = _only_depth_error(errors)
    assert 0 < start["line"] < 300 and html.count("item") == 300 and html.endswith("<p>after</p></article>")


def test_a_hundred_nested_tags_leave_the_rest_of_the_page_alone() -> None:
    """markdown-it counts tags as nesting levels and drops everything after level 100; docgen does not."""
    source = "{% note %}\n" * 120 + "deep\n" + "{% /note %}\n" * 120 + "\nafter\n"
    html, errors = _run(source)
    assert errors == [] and html.count("<div>") == 120 and html.endswith("<p>after</p></article>")


def test_ten_thousand_nested_inline_tags_and_markdown() -> None:
    for source in (
        "{% badge %}" * 10_000 + "x" + "{% /badge %}" * 10_000,
        ">" * 10_000 + " quote",
        "- " * 10_000 + "item",
        "*" * 10_000 + "x" + "*" * 10_000,
        "[" * 10_000 + "x" + "]" * 10_000,
        "{% if $x %}" * 10_000 + "y" + "{% /if %}" * 10_000,
    ):
        html, _errors = _run(source)
        assert html.startswith("<article>")


def test_five_megabyte_document() -> None:
    prose = "Plain prose that makes up most of a long page, with *some* emphasis and a [link](/x). " * 12
    block = f"# Title {{% #t %}}\n\n{prose}{{% badge %}}tag{{% /badge %}} {{% $v %}}.\n\n{{% note %}}\n{prose}\n{{% /note %}}\n\n"
    source = block * (5_000_000 // len(block) + 1)
    assert len(source) >= 5_000_000
    html, errors = _run(source)
    assert html.count("<h1") == source.count("# Title") and errors == []


def test_many_unclosed_openers_are_not_quadratic_traps() -> None:
    for source in (
        '{% note title="' * 2000 + "\n" + "{%" * 50_000,
        "{% x\ntext\n" * 20_000,
        "```\n" + "{% x\n" * 50_000 + "```",
        '{% "x ' * 50_000,
    ):
        html, _errors = _run(source)
        assert html.startswith("<article>")


def test_import_is_standalone() -> None:
    code = (
        "import sys, docgen.markdoc\n"
        "bad = [m for m in sys.modules if m.split('.')[:2] in (['docgen', 'site'], ['docgen', 'render'], ['docgen', 'publish'],"
        " ['docgen', 'check'], ['docgen', 'serve'], ['docgen', 'tags'], ['docgen', 'cli'])]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
