"""Transform and render: variables, functions, partials, conditionals, the render tree, HTML."""

from __future__ import annotations

from docgen.markdoc import RawHTML, Tag, parse, render_html, transform


def _html(source: str, config: dict | None = None, **options) -> str:
    return render_html(transform(parse(source, **options), config or {}))


def test_document_and_nodes() -> None:
    assert _html("") == "<article></article>"
    assert _html("# T\n\n- a\n- b\n\n3) z\n\n```py\nx < 1\n```") == (
        '<article><h1>T</h1><ul><li>a</li><li>b</li></ul><ol start="3"><li>z</li></ol>'
        '<pre data-language="py">x &lt; 1\n</pre></article>'
    )
    assert _html("<b>raw</b> & x", allow_comments=False) == "<article><p>&lt;b&gt;raw&lt;/b&gt; &amp; x</p></article>"


def test_variables_functions_and_conditionals() -> None:
    config = {"variables": {"user": {"name": "Ada"}, "on": True}}
    source = '{% if $on %}Hi {% $user.name %}{% else /%}no{% /if %} [{% default($nope, "d") %}] {% equals(1, 1) %}'
    assert _html(source, config) == "<article><p>Hi Ada [d] </p></article>"  # booleans render as nothing


def test_schema_attributes_render_and_defaults() -> None:
    config = {
        "tags": {
            "note": {
                "render": "div",
                "attributes": {
                    "type": {"type": str, "default": "info"},
                    "secret": {"type": str, "render": False},
                    "label": {"type": str, "render": "data-label"},
                },
            }
        }
    }
    html = _html('{% note .a #b secret="s" label="L" %}\nx\n{% /note %}', config)
    assert html == '<article><div class="a" id="b" type="info" data-label="L"><p>x</p></div></article>'


def test_custom_transform_and_raw_html() -> None:
    def transform_(node, config):
        return [RawHTML("<svg/>"), Tag("span", {"n": node.attributes.get("n")}, node.transform_children(config))]

    config = {"tags": {"icon": {"transform": transform_, "attributes": {"n": {"type": int}}}}}
    assert (
        _html("{% icon n=2 %}a & b{% /icon %}", config)
        == '<article><p><svg/><span n="2">a &amp; b</span></p></article>'
    )


def test_partials_get_scoped_variables_and_pass_extra_keys_through() -> None:
    seen = []

    def probe(node, config):
        seen.append(config.get("docgen"))
        return config["variables"]["$$partial:filename"]

    partials = {"p.md": parse("SDK {% $sdk %} {% probe /%}")}
    config = {
        "tags": {"probe": {"transform": probe}},
        "partials": partials,
        "variables": {"sdk": "outer"},
        "docgen": {"opaque": 1},
    }
    html = _html('{% partial file="p.md" variables={sdk: "Ruby"} /%}\n\nafter {% $sdk %}', config)
    assert html == "<article><p>SDK Ruby p.md</p><p>after outer</p></article>"
    assert seen == [{"opaque": 1}]


def test_self_including_partial_stops() -> None:
    partials = {"a.md": parse('loop\n\n{% partial file="a.md" /%}')}
    assert _html('{% partial file="a.md" /%}', {"partials": partials}) == "<article><p>loop</p></article>"


def test_js_string_of_attribute_values() -> None:
    config = {"tags": {"box": {"render": "section", "attributes": {k: {} for k in "abcdef"}}}}
    html = _html('{% box a=[1, "two", null, [3, 4]] b={x: 1} c=null d=true e=1.50 f=-0 /%}', config)
    assert (
        html
        == '<article><section a="1,two,,3,4" b="[object Object]" c="null" d="true" e="1.5" f="0"></section></article>'
    )


def test_renderer_void_elements_and_transparent_tags() -> None:
    tree = Tag("div", {"Title": 'a"b'}, [Tag("img", {"src": "x"}, ["dropped"]), Tag(None, {}, ["<t>", 5, None, True])])
    assert render_html(tree) == '<div title="a&quot;b"><img src="x">&lt;t&gt;5</div>'


def test_transform_accepts_a_list_of_nodes() -> None:
    nodes = [parse("a"), parse("b")]
    assert render_html(transform(nodes, {})) == "<article><p>a</p></article><article><p>b</p></article>"


def test_custom_delimiters_in_fences_and_text() -> None:
    source = "```js<% .x %>\ncode <% $v %>\n```\n\n<% note %>\nIn\n<% /note %>\n\nliteral {% $v %}"
    config = {"variables": {"v": 1}, "tags": {"note": {"render": "div"}}}
    assert _html(source, config, delimiters=("<%", "%>")) == (
        '<article><pre class="x" data-language="js&lt;%">code 1\n</pre><div><p>In</p></div>'
        "<p>literal {% $v %}</p></article>"
    )
