"""collateContent / ossContent follow the page's edition; without one both show."""

from tag_helpers import render

from docgen.tags.context import StandaloneContext

INLINE = "This is {% collateContent %}Collate{% /collateContent %}{% ossContent %}OSS{% /ossContent %} documentation.\n"
BLOCK = (
    "{% collateContent %}\n## Collate only\n{% /collateContent %}\n\n{% ossContent %}\n## OSS only\n{% /ossContent %}\n"
)


def test_inline_editions():
    assert render(INLINE, context=StandaloneContext(edition="collate")) == "<p>This is Collate documentation.</p>"
    assert render(INLINE, context=StandaloneContext(edition="oss")) == "<p>This is OSS documentation.</p>"


def test_without_a_context_both_render():
    assert render(INLINE) == "<p>This is CollateOSS documentation.</p>"


def test_dropped_content_does_not_reach_the_toc():
    context = StandaloneContext(edition="oss")
    html = render(BLOCK, context=context)
    assert "OSS only" in html and "Collate only" not in html
    assert [h.text for h in context.headings] == ["OSS only"]
