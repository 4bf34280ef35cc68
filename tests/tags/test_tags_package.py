"""The package contract: families, collected schemas, CSS, config (import rules: tests/test_architecture.py)."""

from pathlib import Path

import docgen.tags as tags
from docgen.tags import FAMILIES, all_css, all_nodes, all_tags, family_modules, markdoc_config
from docgen.tags.context import RenderContext, StandaloneContext

PACKAGE = Path(tags.__file__).parent


def test_every_family_module_is_listed_and_has_tags_and_css():
    helpers = {"__init__", "base", "context", "attrtypes", "slugs", "sets", "budget"}
    on_disk = {path.stem for path in PACKAGE.glob("*.py")} - helpers
    assert on_disk == set(FAMILIES)
    for module in family_modules():
        assert isinstance(module.TAGS, dict) and isinstance(module.CSS, str)


def test_tags_include_markdoc_builtins_and_every_family_tag():
    names = set(all_tags())
    assert {"if", "else", "partial", "slot", "table"} <= names
    for module in family_modules():
        assert set(module.TAGS) <= names
    assert all_tags()["partial"]["transform"] is tags.partials.TAGS["partial"]["transform"]


def test_node_overrides():
    nodes = all_nodes()
    for name in ("heading", "fence", "link", "image", "paragraph"):
        assert "transform" in nodes[name], name


def test_schemas_are_well_formed():
    allowed_keys = {
        "render",
        "selfClosing",
        "inline",
        "children",
        "attributes",
        "transform",
        "validate",
        "slots",
        "description",
        "anchor",
        "pageTitle",
        "edition",  # docgen: the one edition a tag's content shows in (docgen.check reads it)
    }
    for name, schema in {**all_tags(), **all_nodes()}.items():
        assert set(schema) <= allowed_keys, name
        assert callable(schema.get("anchor", len)), name  # anchor(attributes) -> (text, explicit id) | None
        for attribute, spec in (schema.get("attributes") or {}).items():
            if "matches" in spec and "default" in spec:
                assert spec["default"] in spec["matches"], (name, attribute)


def test_all_css_holds_every_family_and_uses_theme_properties():
    css = all_css()
    for module in family_modules():
        if module.CSS.strip():
            assert module.CSS.strip() in css
    assert "var(--dg-accent" in css
    assert css.count("{") == css.count("}")


def test_the_core_has_no_tag_set_tags():
    """A site that enables no tag set speaks Markdoc plus docgen's nodes: no `note`, `youtube`, `tile`, …"""
    assert set(all_tags()) == {"if", "else", "partial", "slot", "table"}
    assert "dg-video" not in all_css() and "dg-codepreview" not in all_css()


def test_markdoc_config_shape():
    context = StandaloneContext()
    config = markdoc_config(context, {"a": 1}, {})
    assert config["docgen"] is context and config["variables"] == {"a": 1}
    assert isinstance(context, RenderContext)


def test_mistyped_attributes_render_without_exceptions():
    """Validation reports bad values; rendering must still produce the page."""
    from tag_helpers import render  # with the OpenMetadata tag set

    source = """{% connectorDetailsHeader name=5 stage=3 availableFeatures="x" /%}
{% connectorInfoCard name=true href=1 /%}
{% note noteType=7 %}x{% /note %}
{% tile title=[1] link={a: 1} /%}
{% inlineCallout bold=1 href=2 icon=3 %}x{% /inlineCallout %}
{% youtube videoId=1 start=2 /%}
{% codeInfo %}no number{% /codeInfo %}
{% codeBlock fileName=3 theme=4 %}x{% /codeBlock %}
{% stepDescription title=9 %}x{% /stepDescription %}
{% icon iconName=1 /%}
{% image alt="no src" /%}
"""
    html = render(source)
    assert "no number" in html and "<aside" in html
