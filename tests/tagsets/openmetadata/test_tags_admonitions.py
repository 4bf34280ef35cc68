"""note / important render as titled `<aside role="note">` variants."""

from tag_helpers import render_tree


def test_note_defaults_to_note_variant_with_title():
    aside = render_tree("{% note %}\nRead **this**.\n{% /note %}").find("aside")
    assert aside.attrs["role"] == "note"
    assert aside.classes == ["dg-note", "dg-note--note"]
    assert aside.find("p", "dg-note__title").text == "Note"
    assert aside.find("div", "dg-note__body").find("strong").text == "this"


def test_note_types_are_variants():
    for note_type in ("Tip", "Warning"):
        aside = render_tree(f'{{% note noteType="{note_type}" %}}\nx\n{{% /note %}}').find("aside")
        assert f"dg-note--{note_type.lower()}" in aside.classes
        assert aside.find("p", "dg-note__title").text == note_type


def test_important_is_a_callout_variant():
    aside = render_tree("{% important %}\nDelete the default admin.\n{% /important %}").find("aside")
    assert "dg-note--important" in aside.classes
    assert aside.find("p", "dg-note__title").text == "Important"
    assert "Delete the default admin." in aside.text


def test_note_icon_is_decorative():
    svg = render_tree("{% note %}\nx\n{% /note %}").find("svg")
    assert svg.attrs["aria-hidden"] == "true"
