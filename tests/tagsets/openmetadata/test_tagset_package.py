"""The OpenMetadata tag set as a package: its families, its entry point, its schema and CSS merged with the core."""

from pathlib import Path

import pytest

import docgen.tagsets.openmetadata as openmetadata
from docgen.tags import all_tags, family_modules
from docgen.tags.sets import (
    ENTRY_POINT_GROUP,
    TagSetError,
    available_tag_sets,
    family_of,
    load_tag_set,
    merge,
    schema_with_sets,
)

PACKAGE = Path(openmetadata.__file__).parent


def test_every_family_module_is_listed():
    on_disk = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "iconset"}  # iconset: drawings, no tags
    assert on_disk == set(openmetadata.FAMILIES)


def test_registered_through_docgens_own_entry_point():
    assert ENTRY_POINT_GROUP == "docgen.tag_sets"
    assert available_tag_sets()["openmetadata"].value == "docgen.tagsets.openmetadata"
    families = load_tag_set("openmetadata")
    assert [family.name for family in families] == list(openmetadata.FAMILIES)
    assert {family.origin for family in families} == {"tag set openmetadata"}


def test_schema_has_the_set_the_core_and_markdoc():
    schema = schema_with_sets(("openmetadata",))
    names = set(schema.tags)
    assert {"note", "important", "image", "youtube", "icon", "step", "codePreview", "collateContent", "tile"} <= names
    assert set(all_tags()) <= names
    assert schema.origins[("tag", "youtube")] == "tag set openmetadata"
    assert schema.origins[("tag", "partial")] == "core"
    assert schema.origins[("tag", "if")] == "markdoc"
    assert schema.origins[("node", "heading")] == "core"


def test_css_sections_join_core_and_set_styles_of_one_family():
    css = schema_with_sets(("openmetadata",)).css
    assert css.count("/* docgen.tags.media */") == 1
    media = css.split("/* docgen.tags.media */\n", 1)[1].split("/* docgen.tags.", 1)[0]
    assert media.index(".dg-figure {") < media.index(".dg-video {")  # the core's rules, then the set's
    order = [line[len("/* docgen.tags.") : -3] for line in css.splitlines() if line.startswith("/* docgen.tags.")]
    assert order[: len(openmetadata.FAMILIES) - 1] == [n for n in openmetadata.FAMILIES if n != "editions"]
    assert order[-1] == "headings"


def test_unknown_set_and_clash_are_tag_set_errors():
    with pytest.raises(TagSetError, match=r"unknown tag set 'nope'.*openmetadata"):
        load_tag_set("nope")
    clash = type("Clash", (), {"TAGS": {"partial": {}}, "CSS": ""})
    with pytest.raises(TagSetError, match="'partial' is defined by both"):
        merge([family_of(clash, "tag set clash", "clash"), *[family_of(m, "core") for m in family_modules()]])
