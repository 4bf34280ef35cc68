"""Steps render as an ordered list numbered by srNumber, with extra content kept valid."""

from tag_helpers import render_tree

from docgen.tags.context import StandaloneContext

STEPS = """{% stepsContainer %}

{% step srNumber=7 %}

{% stepDescription title="7. Configure Metadata Ingestion" %}
Configure the pipeline.
{% /stepDescription %}

{% stepVisualInfo %}
{% image src="/images/v1.9/step.png" alt="Step" caption="The form" /%}
{% /stepVisualInfo %}

{% /step %}

{% extraContent parentTagName="stepsContainer" %}
Some options in between.
{% /extraContent %}

{% step srNumber=8 %}
{% stepDescription title="8. Schedule" %}
Pick a schedule.
{% /stepDescription %}
{% /step %}

{% /stepsContainer %}
"""


def test_steps_are_an_ordered_list_numbered_by_sr_number():
    ol = render_tree(STEPS).find("ol", "dg-steps")
    items = ol.elements()
    assert [item.tag for item in items] == ["li", "li", "li"]
    assert [item.attrs.get("value") for item in items] == ["7", None, "8"]
    assert "dg-steps__extra" in items[1].classes
    assert items[1].find("div", "dg-extra").text.strip() == "Some options in between."


def test_step_has_a_titled_text_side_and_a_visual_side():
    step = render_tree(STEPS).find("li", "dg-step")
    title = step.find("div", "dg-step__text").find("h3")
    assert title.text.startswith("7. Configure Metadata Ingestion")
    assert title.attrs["id"] == "7.-configure-metadata-ingestion"
    assert step.find("div", "dg-step__visual").find("figure").find("figcaption").text == "The form"


def test_step_titles_join_the_toc():
    context = StandaloneContext()
    render_tree(STEPS, context=context)
    assert [(h.level, h.text) for h in context.headings] == [(3, "7. Configure Metadata Ingestion"), (3, "8. Schedule")]


def test_steps_inside_an_extra_content_stay_in_a_list():
    """An unclosed extraContent swallows the steps after it: they must still sit in an <ol>, or
    browsers close the list item around them and scatter the steps outside the list."""
    source = (
        '{% stepsContainer %}\n{% extraContent parentTagName="stepsContainer" %}\nIntro.\n\n'
        '{% step srNumber=1 %}\n{% stepDescription title="1. One" %}\nFirst.\n{% /stepDescription %}\n{% /step %}\n\n'
        '{% step srNumber=2 %}\n{% stepDescription title="2. Two" %}\nSecond.\n{% /stepDescription %}\n{% /step %}\n\n'
        "Outro.\n{% /extraContent %}\n{% /stepsContainer %}\n"
    )
    extra = render_tree(source).find("div", "dg-extra")
    assert [child.tag for child in extra.elements()] == ["p", "ol", "p"]
    inner = extra.find("ol", "dg-steps")
    assert [item.attrs.get("value") for item in inner.elements()] == ["1", "2"]
