"""Focused cases for the internal rules, each on a tiny site written by the test."""

from __future__ import annotations

from pathlib import Path

from docgen.check import check_site
from docgen.site import Site, load_config


def _check(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int | None, int | None]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    site = Site.load(load_config(tmp_path))
    return [(d.rule, d.file, d.line, d.column) for d in check_site(site)]


def test_anchor_ids_follow_the_build_across_partials_and_explicit_ids(tmp_path):
    found = _check(
        tmp_path,
        {
            "content/v1/index.md": (
                '# Home\n\n## Setup\n\n{% partial file="/v1/more.md" /%}\n\n'
                "Paragraph with an id. {% #para %}\n\n"
                "[a](#setup) [b](#setup-1) [c](#para) [d](#from-partial) [e](#setup-2) [f](#top) [g](#Setup)\n"
            ),
            "partials/v1/more.md": "## Setup\n\n## From partial\n",
        },
    )
    # #setup-1 is the partial's repeated heading; #setup-2 does not exist; ids are case-sensitive
    assert found == [
        ("link-fragment", "content/v1/index.md", 9, 61),
        ("link-fragment", "content/v1/index.md", 9, 85),
    ]


def test_encoded_fragment_latest_alias_and_if_branches(tmp_path):
    found = _check(
        tmp_path,
        {
            "content/v1/index.md": "# Home\n\n## Ünïcode heading\n\n[x](/latest/#%C3%BCn%C3%AFcode-heading)\n",
            "content/v2/index.md": (
                "# Home\n\n{% if $flag %}\n[to v1](/v1/#missing)\n{% else /%}\n[gone](/nowhere)\n{% /if %}\n"
            ),
            "docgen.toml": 'default_version = "v1"\ntag_sets = ["openmetadata"]\n',
        },
    )
    assert ("link-fragment", "content/v2/index.md", 4, 9) in found  # a versioned link, in the if branch
    assert ("link-broken", "content/v2/index.md", 6, 8) in found  # and the else branch is checked too
    assert not [f for f in found if f[1] == "content/v1/index.md"]


def test_values_passed_through_two_partials_are_reported_where_written(tmp_path):
    found = _check(
        tmp_path,
        {
            "content/v1/index.md": '# Home\n\n{% partial file="/v1/outer.md" variables={target: "/nowhere"} /%}\n',
            "partials/v1/outer.md": '{% partial file="/v1/inner.md" variables={link: $target} /%}\n',
            "partials/v1/inner.md": '{% inlineCallout bold="Go" href=$link %}\nText\n{% /inlineCallout %}\n',
            "docgen.toml": 'tag_sets = ["openmetadata"]\n',
        },
    )
    assert found == [("link-broken", "content/v1/index.md", 3, 52)]


def test_pages_reached_only_through_a_missing_partials_variables_are_not_orphans(tmp_path):
    found = _check(
        tmp_path,
        {
            "content/v1/menu.md": "---\nsite_menu:\n  - category: Home\n    url: /\n---\n",
            "content/v1/index.md": '# Home\n\n{% partial file="/v1/gone.md" variables={next: "/child"} /%}\n',
            "content/v1/child.md": "# Child\n",
            "content/v1/lonely.md": "# Lonely\n",
        },
    )
    assert ("page-orphan", "content/v1/lonely.md", None, None) in found
    assert not [f for f in found if f[1] == "content/v1/child.md"]
    assert ("partial-missing", "content/v1/index.md", 3, 18) in found


def test_other_schemes_are_neither_broken_nor_asked(tmp_path):
    found = _check(
        tmp_path,
        {
            "docgen.toml": '[urls]\nallowed_schemes = ["tel"]\n',
            "content/v1/index.md": "# Home\n\n[mail](mailto:docs@example.com) [call](tel:+100) [proto](//example.com/x)\n",
        },
    )
    assert found == []


def test_schemes_outside_the_allow_list_are_url_unsafe(tmp_path):
    found = _check(tmp_path, {"content/v1/index.md": "# Home\n\n[call](tel:+100)\n"})
    assert found == [("url-unsafe", "content/v1/index.md", 3, 8)]


def test_position_is_the_target_not_an_earlier_mention_of_it(tmp_path):
    found = _check(tmp_path, {"content/v1/index.md": "# Home\n\nSee [/nowhere](/nowhere) now.\n"})
    assert found == [("link-broken", "content/v1/index.md", 3, 16)]  # after "(", not in the link text


def test_ids_the_check_knows_are_the_ids_the_build_renders():
    """On the seeded site, every page's ids in every edition match the rendered body's `id=`s exactly
    (headings with edition-only text, step titles, tab sets, partials, explicit ids)."""
    import html
    import re

    from docgen.check.findings import Findings
    from docgen.check.internal import InternalCheck
    from docgen.render.page import render_page

    site = Site.load(load_config(Path(__file__).resolve().parent / "site"))
    check = InternalCheck(site, Findings())
    check.run()
    compared = 0
    for facts in check.facts:
        for edition, anchors in facts.anchors.items():
            body = render_page(check.views[edition], facts.page, edition=edition).body
            rendered = {html.unescape(value) for value in re.findall(r'\sid="([^"]*)"', body)}
            assert rendered == anchors, (facts.page.rel_path, edition)
            compared += 1
    assert compared > 10


def test_link_spellings_that_lead_to_a_page_are_not_broken(tmp_path):
    """Query strings, trailing slashes, `.md` file links, version prefixes and image links resolve as the build does."""
    from PIL import Image

    (tmp_path / "images" / "v1").mkdir(parents=True)
    Image.new("RGB", (4, 4)).save(tmp_path / "images" / "v1" / "a.png")
    found = _check(
        tmp_path,
        {
            "content/v1/index.md": (
                "# Home\n\n[a](/guide/?tab=1#setup) [b](guide.md#setup) [c](/v1/guide) [d](/images/v1/a.png)"
                " [e](/guide#Setup) [f](/guide?x=1#nope)\n"
            ),
            "content/v1/guide.md": "# Guide\n\n## Setup\n",
        },
    )
    # only the wrong-case fragment and the missing one are findings
    assert found == [
        ("link-fragment", "content/v1/index.md", 3, 87),
        ("link-fragment", "content/v1/index.md", 3, 105),
    ]
