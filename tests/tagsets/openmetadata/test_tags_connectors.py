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
    assert section.find("p", "dg-connector-header__name").text == "REST"
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
