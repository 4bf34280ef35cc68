"""Tiles, inline callouts, table wrappers and list groups."""

from tag_helpers import VersionedContext, render_tree

TILES = """{% tilesContainer %}

{% tile
  title="Usage Workflow"
  description="Configure the Usage Workflow."
  link="/connectors/ingestion/workflows/usage"
  icon="mediation" /%}

{% tile title="Lineage Workflow" description="Configure lineage." link="/connectors/ingestion/workflows/lineage" /%}

{% /tilesContainer %}
"""


def test_tiles_are_a_list_of_link_cards():
    ul = render_tree(TILES, context=VersionedContext(version="v1.9.x")).find("ul", "dg-tiles")
    cards = [li.find("div", "dg-tile") for li in ul.elements()]
    assert len(cards) == 2
    link = cards[0].find("a", "dg-card__link")
    assert (link.text, link.attrs["href"]) == ("Usage Workflow", "/v1.9.x/connectors/ingestion/workflows/usage")
    assert cards[0].find("p", "dg-card__text").text == "Configure the Usage Workflow."
    assert cards[0].find("span", "dg-card__icon").attrs["data-icon"] == "mediation"
    assert cards[1].find_all("span", "dg-card__icon") == []


CALLOUTS = """{% inlineCalloutContainer %}
{% inlineCallout
color="violet-70"
icon="celebration"
bold="Upgrade OpenMetadata"
href="/deployment/upgrade" %}
Learn how to upgrade your instance!
{% /inlineCallout %}
{% inlineCallout icon="open_in_new" bold="Sandbox" href="https://sandbox.example.org" isExternalLink=true %}
Try it.
{% /inlineCallout %}
{% /inlineCalloutContainer %}
"""


def test_inline_callouts_are_link_cards_with_text():
    ul = render_tree(CALLOUTS).find("ul", "dg-callouts")
    first, second = (li.find("div", "dg-callout") for li in ul.elements())
    assert "dg-callout--violet-70" in first.classes
    assert first.find("a", "dg-card__link").text == "Upgrade OpenMetadata"
    assert first.find("div", "dg-card__text").text.strip() == "Learn how to upgrade your instance!"
    external = second.find("a", "dg-card__link")
    assert external.attrs["rel"] == "external noopener"
    assert external.find("svg").attrs["aria-label"] == "(external link)"


def test_multi_tables_wrapper_and_list_wrap_their_content():
    tree = render_tree("{% multiTablesWrapper %}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n{% /multiTablesWrapper %}\n")
    assert tree.find("div", "dg-tables").find("table").find("td").text == "1"
    group = render_tree("{% list %}\nTested on:\n\n- Linux\n- macOS\n{% /list %}\n").find("div", "dg-list")
    assert [li.text for li in group.find("ul").find_all("li")] == ["Linux", "macOS"]


def test_icon_tag_is_a_labelled_inline_svg_even_in_a_table_cell():
    table = render_tree('| Feature | Supported |\n|---|---|\n| dbt Queries | {% icon iconName="check" /%} |\n').find(
        "table"
    )
    svg = table.find("td", None).find_all("svg") or table.find_all("td")[1].find_all("svg")
    assert svg and svg[0].attrs["role"] == "img" and svg[0].attrs["aria-label"] == "Yes"
