"""AST construction: node shapes, the shared stack, lines and source positions."""

from __future__ import annotations

from docgen.markdoc import Node, Variable, parse


def _tags(ast: Node) -> list[Node]:
    return [n for n in ast.walk() if n.type == "tag"]


def test_block_tag_lines_and_column() -> None:
    ast = parse('intro\n\n  {% note type="warning" %}\nBody\n{% /note %}\n', file="page.md")
    (note,) = _tags(ast)
    assert note.tag == "note" and note.attributes == {"type": "warning"}
    assert note.lines == [2, 3, 4, 5]
    assert note.location["file"] == "page.md"
    assert note.location["start"] == {"line": 2, "character": 2}
    assert note.inline is False


def test_inline_tag_position_is_the_column_of_the_opening_delimiter() -> None:
    ast = parse("para line one\nsecond {% badge %}x{% /badge %} line\n")
    (badge,) = _tags(ast)
    assert badge.inline is True
    assert badge.lines == [0, 2]  # Markdoc's lines: the paragraph's
    assert badge.location["start"] == {"line": 1, "character": 7}


def test_positions_inside_containers_and_headings() -> None:
    ast = parse("> quoted {% badge /%}\n\n# Title {% badge /%}\n\n| a | b {% x /%} |\n|---|---|\n")
    starts = [(t.location["start"]["line"], t.location["start"]["character"]) for t in _tags(ast)]
    assert starts == [(0, 9), (2, 8), (4, 8)]


def test_front_matter_is_kept_raw_and_counts_lines() -> None:
    ast = parse("---\ntitle: Hello\n---\n# Doc {% #top %}\n")
    assert ast.attributes["frontmatter"] == "title: Hello"
    heading = ast.children[0]
    assert heading.type == "heading" and heading.lines == [3, 4]
    assert heading.attributes == {"level": 1, "id": "top"}


def test_missing_opening_and_closing() -> None:
    ast = parse("{% note %}\nbody\n\n{% /other %}\n")
    errors = [(e["id"], e["message"]) for n in [ast, *ast.walk()] for e in n.errors]
    assert ("missing-opening", "Node 'tag' is missing opening") in errors
    assert ("missing-closing", "Node 'note' is missing closing") in errors


def test_annotations_apply_to_the_block_that_holds_the_inline() -> None:
    ast = parse("- item {% .c %}\n- two\n\n**bold {% .p #i %}**\n")
    item = ast.children[0].children[0]
    assert item.type == "item" and item.attributes["class"] == {"c": True}
    paragraph = ast.children[1]
    assert paragraph.attributes == {"class": {"p": True}, "id": "i"}


def test_variables_are_kept_unresolved_in_the_ast() -> None:
    ast = parse("Hello {% $user.name %}")
    text = [n for n in ast.walk() if n.type == "text" and isinstance(n.attributes["content"], Variable)]
    assert text and text[0].attributes["content"].path == ["user", "name"]
    assert ast.is_dynamic() and not parse("plain").is_dynamic()


def test_custom_delimiters() -> None:
    ast = parse("<% note %>\nx\n<% /note %>\n\n{% note %}", delimiters=("<%", "%>"))
    assert [t.tag for t in _tags(ast)] == ["note"]
    assert "{% note %}" in [n.attributes.get("content") for n in ast.walk() if n.type == "text"]


def test_slots_option() -> None:
    ast = parse('{% card %}\n{% slot "title" %}\nT\n{% /slot %}\nBody\n{% /card %}', slots=True)
    (card,) = [n for n in ast.walk() if n.tag == "card"]
    assert list(card.slots) == ["title"] and all(c.tag != "slot" for c in card.children)
    assert [n.tag for n in parse('{% card %}\n{% slot "t" %}\n{% /slot %}\n{% /card %}').walk() if n.tag] == [
        "card",
        "slot",
    ]


def test_table_tag_becomes_rows() -> None:
    ast = parse("{% table %}\n* H1\n* H2\n---\n* a\n* b\n{% /table %}")
    table = ast.children[0].children[0]
    assert table.type == "table"
    thead, tbody = table.children
    assert [c.type for c in thead.children[0].children] == ["th", "th"]
    assert [c.type for c in tbody.children[0].children] == ["td", "td"]


def test_walk_and_transform_helpers() -> None:
    ast = parse("# T\n\npara *em*")
    assert [n.type for n in ast.walk()][:3] == ["heading", "inline", "text"]
    paragraph = ast.children[1]
    config = {"nodes": {"paragraph": {"render": "p", "attributes": {"class": {"type": str, "default": "x"}}}}}
    from docgen.markdoc import merge_config

    merged = merge_config(config)
    assert paragraph.transform_attributes(merged) == {"class": "x"}
    assert len(paragraph.transform_children(merged)) == 2


def test_block_nodes_start_at_their_first_non_blank_column() -> None:
    ast = parse("x\n\n  # Head\n", file="f.md")
    heading = ast.children[1]
    assert heading.location == {
        "file": "f.md",
        "start": {"line": 2, "character": 2},
        "end": {"line": 3, "character": None},
    }


def test_a_tag_spanning_lines_in_a_fence_does_not_shift_the_next_tags_line() -> None:
    """Found by fuzzing: newlines inside a multi-line tag in a fence were not counted."""
    ast = parse("```\n{% a\n%} {% b %}\n```\n")
    a, b = _tags(ast)
    assert (a.tag, a.location["start"]) == ("a", {"line": 1, "character": 0})
    assert (b.tag, b.location["start"]) == ("b", {"line": 2, "character": 3})


def test_lone_cr_and_crlf_end_lines_for_positions_as_in_markdown_it() -> None:
    """Found by fuzzing: a lone CR is a line break for markdown-it but not for the column lookup."""
    for newline in ("\r", "\r\n"):
        ast = parse(newline.join(["para", "text {% badge %}x{% /badge %}", "", "{% note %}", "y", "{% /note %}"]))
        badge, note = _tags(ast)
        assert badge.location["start"] == {"line": 1, "character": 5}
        assert note.location["start"] == {"line": 3, "character": 0}


def test_inline_tags_after_a_line_of_unicode_whitespace_keep_their_line() -> None:
    """Found by fuzzing: inline content is stripped with Python's `strip`, which also drops a leading
    line holding only U+2028 (or U+0085), so tag lines counted from the paragraph's start were one short."""
    for source in ("\u2028\nab {% badge %}x{% /badge %}", "1. \u2028\n   ab {% badge %}x{% /badge %}"):
        (badge,) = _tags(parse(source))
        assert badge.location["start"] == {"line": 1, "character": source.split("\n")[1].index("{%")}
