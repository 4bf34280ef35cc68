"""Images (tag and Markdown) and the youtube facade."""

import re

from tag_helpers import SizedContext, render, render_tree

from docgen.tags.context import StandaloneContext


def test_image_is_a_figure_with_caption_size_and_zoom_link():
    tree = render_tree(
        '{% image src="/images/v1.9/a.png" alt="The page" caption="Service page" /%}', context=SizedContext()
    )
    figure = tree.find("figure", "dg-figure")
    link = figure.find("a", "dg-zoom-link")
    assert link.attrs["href"] == "/site/images/v1.9/a.png"
    img = link.find("img")
    assert (img.attrs["width"], img.attrs["height"], img.attrs["alt"]) == ("1600", "900", "The page")
    assert figure.find("figcaption").text == "Service page"


def test_first_image_is_eager_and_the_rest_lazy():
    source = '{% image src="/a.png" alt="a" /%}\n\n{% image src="/b.png" alt="b" /%}\n\n![c](/c.png)\n'
    imgs = render_tree(source, context=SizedContext()).find_all("img")
    assert len(imgs) == 3
    assert "loading" not in imgs[0].attrs and imgs[0].attrs.get("fetchpriority") == "high"
    for img in imgs[1:]:
        assert (img.attrs["loading"], img.attrs["decoding"]) == ("lazy", "async")


def test_without_a_context_every_image_is_lazy_and_unsized():
    img = render_tree('{% image src="/a.png" alt="a" /%}').find("img")
    assert img.attrs["loading"] == "lazy" and "width" not in img.attrs
    assert img.attrs["src"] == "/a.png"


def test_variants_give_a_picture_with_webp_srcset():
    tree = render_tree('{% image src="/a.png" alt="a" /%}', context=SizedContext(variants=True))
    picture = tree.find("picture")
    source = picture.find("source")
    assert source.attrs["type"] == "image/webp"
    assert source.attrs["srcset"] == "/a.png.640.webp 640w, /a.png.1280.webp 1280w"
    assert source.attrs["sizes"]
    assert picture.elements()[-1].tag == "img"  # the original stays the fallback


def test_alt_text_is_never_a_visible_caption():
    """Alt stays alt: the corpus's are often slugs ("okta-sso-step-3"), written for screen readers."""
    for source in ('{% image src="/a.png" alt="okta-settings" /%}', "![okta-settings](/a.png)\n"):
        figure = render_tree(source).find("figure")
        assert figure.find_all("figcaption") == [], source
        assert figure.find("img").attrs["alt"] == "okta-settings"


def test_caption_comes_from_the_caption_attribute_or_the_markdown_title():
    tag = render_tree('{% image src="/a.png" alt="Okta" caption="Okta settings" /%}').find("figcaption")
    markdown = render_tree('![Okta](/a.png "The Okta settings page")\n').find("figcaption")
    assert (tag.text, markdown.text) == ("Okta settings", "The Okta settings page")
    assert "aria-hidden" not in tag.attrs


def test_markdown_image_alone_in_a_paragraph_is_a_figure():
    tree = render_tree("![Login page](/images/login.png)\n", context=SizedContext())
    assert tree.find_all("p") == []
    assert tree.find("figure").find("img").attrs["width"] == "1600"


def test_markdown_image_in_text_stays_inline():
    tree = render_tree("Click ![icon](/i.png) then go.\n")
    paragraph = tree.find("p")
    assert paragraph.find("img").attrs["alt"] == "icon"
    assert tree.find_all("figure") == []


def test_align_and_author_height():
    figure = render_tree('{% image src="/a.png" alt="a" align="right" height="450px" /%}').find("figure")
    assert "dg-figure--right" in figure.classes
    assert "height:450px" in figure.find("img").attrs["style"]


def test_missing_image_keeps_the_src():
    img = render_tree('{% image src="/missing.png" alt="a" /%}', context=SizedContext()).find("img")
    assert img.attrs["src"] == "/missing.png"


YOUTUBE = '{% youtube videoId="EWYDfhCgW8k" start="0:00" end="2:16" width="800px" height="450px" /%}'


def test_youtube_is_a_facade_without_third_party_requests():
    html = render(YOUTUBE)
    assert "<iframe" not in html and "<script" not in html
    # No attribute that makes the browser fetch anything (src, srcset, poster, background images).
    assert not re.search(r"\s(src|srcset|poster)=", html)
    assert "url(" not in html


def test_youtube_facade_is_a_link_the_theme_script_can_upgrade():
    link = render_tree(YOUTUBE).find("a", "dg-video__link")
    assert link.attrs["href"] == "https://www.youtube.com/watch?v=EWYDfhCgW8k"
    assert link.attrs["data-youtube-id"] == "EWYDfhCgW8k"
    assert link.attrs["data-embed"].startswith("https://www.youtube-nocookie.com/embed/EWYDfhCgW8k?")
    assert "end=136" in link.attrs["data-embed"]
    assert "2:16" in link.text


def test_youtube_start_is_kept_in_both_urls():
    link = render_tree('{% youtube videoId="abc" start="1:05" /%}').find("a")
    assert link.attrs["href"].endswith("&t=65s")
    assert "start=65" in link.attrs["data-embed"]


def test_youtube_by_url():
    url = "https://drive.google.com/file/d/x/preview"
    link = render_tree(f'{{% youtube url="{url}" start="0:00" end="1:00" width="800px" height="450px" /%}}').find("a")
    assert link.attrs["href"] == url and "data-youtube-id" not in link.attrs


def test_youtube_needs_an_id_or_a_url():
    from tag_helpers import findings

    assert "attribute-missing-required" in [e.id for e in findings('{% youtube start="0:00" /%}')]


def test_standalone_context_counts_images():
    context = StandaloneContext()
    render('{% image src="/a.png" /%}\n\n{% image src="/b.png" /%}', context=context)
    assert context.next_image_index() == 2


def test_image_inside_a_link_gets_no_zoom_link():
    tree = render_tree("[![Logo](/logo.png)](https://example.org)\n", context=SizedContext())
    [link] = tree.find_all("a")
    assert link.attrs["href"] == "https://example.org"
    assert link.find("img").attrs["width"] == "1600"
