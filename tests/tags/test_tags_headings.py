"""Heading ids (explicit, slug, unique), anchors, TOC registration, and slugify."""

import pytest
from tag_helpers import render_tree

from docgen.tags.context import StandaloneContext
from docgen.tags.slugs import HeadingIds, slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Metadata Ingestion", "metadata-ingestion"),
        ("Metadata Ingestion (UI)", "metadata-ingestion-ui"),
        ("What's new?", "whats-new"),
        ("1. Define the YAML Config", "1.-define-the-yaml-config"),  # periods kept, as the corpus links them
        ("  dbt_project.yml  ", "dbt_project.yml"),
        ("Übersicht der Schritte", "übersicht-der-schritte"),
        ("A -- B", "a----b"),
        ("1.9.6 Release 🎉", "1.9.6-release"),  # the corpus menu links #1.9.6-release
        ("Create Private / Public key", "create-private-public-key"),  # as the corpus links it
    ],
)
def test_slugify_is_github_like(text, slug):
    assert slugify(text) == slug


def test_heading_ids_are_unique_and_explicit_ids_win():
    ids = HeadingIds()
    assert [
        ids.claim("Setup"),
        ids.claim("Setup"),
        ids.claim("Setup"),
        ids.claim("x", "setup-1"),
        ids.claim("!!!"),
    ] == [
        "setup",
        "setup-1",
        "setup-2",
        "setup-1-1",
        "section",
    ]


def test_headings_get_ids_anchors_and_toc_entries():
    context = StandaloneContext()
    tree = render_tree(
        "# Title\n\n## Requirements\n\n### Python `3.9`\n\n## Requirements\n\n#### Deep\n\n## Custom {% #my-id %}\n",
        context=context,
    )
    headings = [h for h in tree.iter() if h.tag in {"h1", "h2", "h3", "h4"}]
    assert [h.attrs["id"] for h in headings] == [
        "title",
        "requirements",
        "python-3.9",
        "requirements-1",
        "deep",
        "my-id",
    ]
    anchor = headings[1].find("a", "dg-anchor")
    assert anchor.attrs["href"] == "#requirements"
    assert [(h.level, h.text, h.id) for h in context.headings] == [
        (1, "Title", "title"),
        (2, "Requirements", "requirements"),
        (3, "Python 3.9", "python-3.9"),
        (2, "Requirements", "requirements-1"),
        (4, "Deep", "deep"),
        (2, "Custom", "my-id"),
    ]


def test_a_second_h1_is_shown_as_h2_and_reported():
    """One h1 per page: later `#` headings become sections (h2, in the TOC) with a finding at their line."""
    context = StandaloneContext()
    tree = render_tree("# Title\n\nText\n\n# Setup\n\n## Steps\n\n# More\n", context=context)
    assert [h.tag for h in tree.iter() if h.tag in {"h1", "h2"}] == ["h1", "h2", "h2", "h2"]
    assert [(h.level, h.text) for h in context.headings] == [(1, "Title"), (2, "Setup"), (2, "Steps"), (2, "More")]
    assert [(r.rule, r.line) for r in context.reports] == [("heading-extra-h1", 5), ("heading-extra-h1", 9)]


def test_a_page_with_one_h1_is_not_reported():
    context = StandaloneContext()
    render_tree("## Intro\n\n# Title\n\n## Next\n", context=context)
    assert [h.level for h in context.headings] == [2, 1, 2]
    assert context.reports == []


def test_headings_without_a_context_still_get_slug_ids():
    assert render_tree("## Hello World\n").find("h2").attrs["id"] == "hello-world"
