"""Fences with Pygments, code previews with numbered explanations, language tabs."""

from tag_helpers import render, render_tree

from docgen.tags.code import highlighted_pre, lexer_for
from docgen.tags.context import StandaloneContext


def test_fence_is_highlighted_with_language_data():
    block = render_tree("```python\ndef f():\n    return 1\n```\n").find("div", "highlight")
    assert block.attrs["data-language"] == "python"
    code = block.find("pre").find("code")
    assert "language-python" in code.classes
    assert code.find("span", "k").text == "def"  # a Pygments keyword token
    assert code.text == "def f():\n    return 1\n"


def test_unknown_and_aliased_languages():
    assert lexer_for("commandline").name == "Bash"
    assert lexer_for("implicit").name == "Text only"
    assert lexer_for("SQL").name == "SQL"
    assert "<span" not in highlighted_pre("a < b", "nonsense")
    assert "a &lt; b" in highlighted_pre("a < b", "nonsense")


def test_fence_without_language():
    block = render_tree("```\nplain <text>\n```\n").find("div", "highlight")
    assert "data-language" not in block.attrs
    assert block.find("code").text == "plain <text>\n"


def test_sr_number_annotation_is_kept_as_data():
    block = render_tree("```yaml {% srNumber=14 %}\na: 1\n```\n").find("div", "highlight")
    assert block.attrs["data-sr-number"] == "14"
    assert "dg-fence--numbered" in block.classes


def test_fence_variables_are_resolved_unless_process_is_false():
    source = "```yaml\ntype: {% $connector %}\n```\n"
    assert "Redshift" in render_tree(source, variables={"connector": "Redshift"}).find("code").text
    literal = render_tree(
        "```yaml {% process=false %}\ntype: {% $connector %}\n```\n", variables={"connector": "Redshift"}
    )
    assert "{% $connector %}" in literal.find("code").text


PREVIEW = """{% codePreview %}

{% codeInfoContainer %}

{% codeInfo srNumber=1 %}
**storeSampleData**: keep samples.
{% /codeInfo %}

{% codeInfo srNumber=2 %}
**confidence**: a threshold.
{% /codeInfo %}

{% /codeInfoContainer %}

{% codeBlock fileName="filename.yaml" %}

```yaml {% isCodeBlock=true %}
source:
```
```yaml {% srNumber=1 %}
  storeSampleData: true
```
```yaml {% srNumber=2 %}
  confidence: 80
```

{% /codeBlock %}

{% /codePreview %}
"""


def test_code_preview_pairs_numbered_explanations_with_code():
    preview = render_tree(PREVIEW).find("div", "dg-codepreview")
    infos = preview.find("div", "dg-codeinfos").find_all("div", "dg-codeinfo")
    assert [info.attrs["data-sr-number"] for info in infos] == ["1", "2"]
    assert infos[0].find("span", "dg-sr").text == "1"
    assert "storeSampleData" in infos[0].find("div", "dg-codeinfo__body").text
    block = preview.find("div", "dg-codeblock")
    assert block.attrs["data-file-name"] == "filename.yaml"
    assert block.find("div", "dg-codeblock__file").text == "filename.yaml"
    fences = block.find_all("div", "highlight")
    assert [fence.attrs.get("data-sr-number") for fence in fences] == [None, "1", "2"]


TABS = """{% codeWithLanguageSelector title="Auth Configuration" id="container-1" languagesArray=["implicit","authcode"] theme="dark" %}

```implicit
flow: implicit
```

```authcode
flow: code
```

{% /codeWithLanguageSelector %}
"""


def test_language_selector_is_tabs_that_degrade_to_headed_sections():
    tabs = render_tree(TABS, context=StandaloneContext()).find("div", "dg-tabs")
    assert tabs.attrs["id"] == "container-1" and "data-tabs" in tabs.attrs
    buttons = tabs.find("div", role="tablist").find_all("button")
    assert [b.text for b in buttons] == ["Implicit", "Authcode"]
    assert [b.attrs["aria-selected"] for b in buttons] == ["true", "false"]
    panels = tabs.find_all("section", role="tabpanel")
    assert [p.find("h4").text for p in panels] == ["Implicit", "Authcode"]
    assert [p.attrs["aria-labelledby"] for p in panels] == [b.attrs["id"] for b in buttons]
    assert [b.attrs["aria-controls"] for b in buttons] == [p.attrs["id"] for p in panels]
    assert "flow: code" in panels[1].find("code").text
    assert not any("hidden" in p.attrs for p in panels)  # readable without JS


def test_language_selector_ids_are_unique_per_page():
    context = StandaloneContext()
    tree = render_tree(TABS + "\n" + TABS, context=context)
    ids = [t.attrs["id"] for t in tree.find_all("div", "dg-tabs")]
    assert ids == ["container-1", "container-1-1"]


def test_language_selector_mismatch_is_a_warning():
    from tag_helpers import findings

    source = TABS.replace('["implicit","authcode"]', '["implicit","authcode","python"]')
    warnings = [e for e in findings(source) if e.tag == "codeWithLanguageSelector"]
    assert warnings and "python" in warnings[0].message and warnings[0].level == "warning"


def test_language_selector_with_a_variable_or_function_in_its_list_is_not_checked_statically():
    """Found by fuzzing: `languagesArray=["a", fn()]` raised TypeError in validation (page not rendered)."""
    from tag_helpers import findings

    for listed in ('["implicit", $other]', '["implicit", default("authcode")]', "[1, 2]"):
        source = TABS.replace('["implicit","authcode"]', listed)
        assert not [e for e in findings(source) if e.tag == "codeWithLanguageSelector"]
        assert render(source, context=StandaloneContext())


def test_copy_target_is_the_highlight_block_the_theme_script_wraps():
    html = render("```bash\necho hi\n```\n")
    assert html.startswith('<div class="highlight dg-fence"')
