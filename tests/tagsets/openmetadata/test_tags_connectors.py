"""Connector header, cards and the card grid."""

from tag_helpers import VersionedContext, render_tree

HEADER = """{% connectorDetailsHeader
name="REST"
stage="BETA"
platform="OpenMetadata"
availableFeatures=["API Endpoint", "Request Schema"]
unavailableFeatures=["Lineage"]
availableFeaturesCollate=["Reverse Metadata"]
/ %}
"""


def test_header_states_stage_platform_and_features_as_lists():
    section = render_tree(HEADER).find("section", "dg-connector-header")
    title = section.find("h1", "dg-connector-header__name")
    assert title.attrs["id"] == "rest" and title.text.startswith("REST")
    facts = {dt.text: dd.text for dt, dd in zip(section.find_all("dt"), section.find_all("dd"))}
    assert facts == {"Stage": "BETA", "Available in": "OpenMetadata"}
    available = section.find("div", "dg-features--yes").find_all("li")
    assert [li.text.replace("Collate", "").strip() for li in available] == [
        "API Endpoint",
        "Request Schema",
        "Reverse Metadata",
    ]
    assert available[-1].find("span", "dg-badge--collate").text == "Collate"
    unavailable = section.find("div", "dg-features--no").find_all("li")
    assert [li.text.strip() for li in unavailable] == ["Lineage"]
    assert unavailable[0].find("svg").attrs["aria-label"] == "Not available"


def test_the_connector_name_is_the_page_h1_and_a_later_h1_is_demoted():
    """87 corpus connector pages have no `#` heading: the header's name is their h1 (TOC: real sections)."""
    context = VersionedContext(version="v1.9.x")
    tree = render_tree(HEADER + "\n# Requirements\n", context=context)
    assert [h.tag for h in tree.iter() if h.tag in {"h1", "h2"}] == ["h1", "h2"]
    assert [r.rule for r in context.reports] == ["heading-extra-h1"]


def test_cards_are_list_items_with_resolved_links():
    source = """{% connectorsListContainer %}
{% connectorInfoCard name="Athena" stage="PROD" href="/connectors/database/athena" platform="OpenMetadata" / %}
{% connectorInfoCard name="Alation" stage="BETA" href="/connectors/metadata/alation" platform="Collate" / %}
{% /connectorsListContainer %}
"""
    ul = render_tree(source, context=VersionedContext(version="v1.9.x")).find("ul", "dg-connectors")
    items = ul.elements()
    assert [li.tag for li in items] == ["li", "li"]
    links = [li.find("a", "dg-card__link") for li in items]
    assert [a.text for a in links] == ["Athena", "Alation"]
    assert links[0].attrs["href"] == "/v1.9.x/connectors/database/athena"
    assert items[0].find_all("span", "dg-badge--prod") == []  # production is the norm: no badge
    assert items[1].find("span", "dg-badge--beta").text == "BETA"
    assert items[1].find("span", "dg-badge--platform").text == "Collate"


def test_a_page_with_its_own_h1_keeps_it_and_the_connector_name_is_a_line():
    """`# Run the Postgres connector from YAML` says more than the name: the page's own h1 wins."""
    context = VersionedContext(version="v1.9.x")
    context.source_has_h1 = True
    tree = render_tree(HEADER + "\n# Run REST from YAML\n", context=context)
    assert [h.tag for h in tree.iter() if h.tag in {"h1", "h2"}] == ["h1"]
    assert tree.find("p", "dg-connector-header__name").text == "REST"
    assert context.reports == []
