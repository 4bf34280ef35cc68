"""The icon set: every icon name the corpus uses is drawn; unknown names get the neutral dot and a finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from shared_data import OPENMETADATA_DIR as CORPUS
from tag_helpers import findings, render_tree

from docgen.markdoc import Node, parse
from docgen.tags.context import StandaloneContext
from docgen.tags.sets import schema_with_sets
from docgen.tagsets.openmetadata.icons import ICON_NAMES, NEUTRAL, canonical_name, drawing_for, icon_audit, icon_svg
from docgen.tagsets.openmetadata.iconset import DRAWINGS, MATERIAL_NAMES

SVG = "{http://www.w3.org/2000/svg}"
SHAPES = {"path", "circle", "rect", "ellipse", "line", "polyline", "polygon"}


def icon_attributes() -> dict[str, set[str]]:
    """Tag name → its attributes that name an icon: those audited by `icon_audit`, and the icon tag's own."""
    found: dict[str, set[str]] = {"icon": {"iconName"}}
    for name, schema in schema_with_sets(("openmetadata",)).tags.items():
        for attribute, spec in (schema.get("attributes") or {}).items():
            if isinstance(spec, dict) and spec.get("audit") is icon_audit:
                found.setdefault(name, set()).add(attribute)
    return found


def corpus_icon_names() -> Counter[str]:
    """Every icon name written in a corpus page or partial (literal values; variables are resolved by
    the pages that pass them, which are scanned too)."""
    attributes = icon_attributes()
    names: Counter[str] = Counter()
    for path in sorted(path for path in (CORPUS / "content").rglob("*.md") if path.is_file()):
        root: Node = parse(path.read_text(encoding="utf-8"))
        for node in root.walk():
            for attribute in attributes.get(node.tag or "", ()) if node.type == "tag" else ():
                value = node.attributes.get(attribute)
                if isinstance(value, str):
                    names[value] += 1
            variables = node.attributes.get("variables") if node.type == "tag" and node.tag == "partial" else None
            if isinstance(variables, dict):
                names.update(v for k, v in variables.items() if "icon" in k.lower() and isinstance(v, str))
    return names


@pytest.mark.shared
def test_every_icon_name_the_corpus_uses_has_a_real_drawing():
    names = corpus_icon_names()
    assert len(names) >= 50, sorted(names)  # ~60 names fell back to a neutral arrow before the set grew
    unknown = sorted(name for name in names if drawing_for(name) in (None, NEUTRAL))
    assert unknown == []


def test_every_drawing_is_a_small_stroke_svg():
    for name, paths in DRAWINGS.items():
        svg = ET.fromstring(icon_svg(name).html)
        assert svg.get("viewBox") == "0 0 24 24" and svg.get("fill") == "none", name
        shapes = list(svg)
        assert shapes and {child.tag.removeprefix(SVG) for child in shapes} <= SHAPES, name
        assert paths in icon_svg(name).html


def test_material_names_map_to_drawings_in_every_spelling():
    assert set(MATERIAL_NAMES.values()) <= set(DRAWINGS)
    assert canonical_name("MdOutlineDashboardCustomize") == "dashboard_customize"
    assert canonical_name("MdRocket") == "rocket"
    assert canonical_name("add_moderator") == "add_moderator"
    assert drawing_for("MdGppGood") == drawing_for("gpp_good") == "shield-check"
    assert drawing_for("MdArrowForward") == "arrow"
    assert drawing_for("made-up") is None
    assert "rocket" in ICON_NAMES and NEUTRAL not in ICON_NAMES


def test_an_unknown_card_icon_draws_the_neutral_dot_and_is_reported():
    context = StandaloneContext()
    tree = render_tree(
        '{% tile title="A" link="/a" icon="made_up_icon" /%}\n\n{% tile title="B" link="/b" icon="MdRocket" /%}\n',
        context=context,
    )
    svgs = [span.find("svg") for span in tree.find_all("span", "dg-card__icon")]
    assert [svg.attrs["class"] for svg in svgs] == ["dg-icon dg-icon--made_up_icon", "dg-icon dg-icon--MdRocket"]
    assert str(DRAWINGS[NEUTRAL]) in icon_svg("made_up_icon").html
    assert [(r.rule, r.line) for r in context.reports] == [("icon-unknown", 1)]
    assert "made_up_icon" in context.reports[0].message


def test_the_icon_tag_accepts_material_names_and_rejects_unknown_ones():
    assert findings('Ready {% icon iconName="rocket" /%}\n') == []
    assert [error.id for error in findings('Ready {% icon iconName="made_up" /%}\n')] == ["attribute-value-invalid"]


def test_docs_list_every_icon_name():
    text = (Path(__file__).resolve().parents[3] / "docs" / "icons.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in text for name in ICON_NAMES)
