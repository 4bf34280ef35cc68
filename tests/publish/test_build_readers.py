"""What a build writes for tools and sharing: Markdown renditions, llms.txt, redirects, favicon, social cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.publish import SilentReporter, build_site
from docgen.site import ConfigError, Site, load_config

CONFIG = """title = "Docs"
base_url = "https://docs.example.org/"
social_image = "/images/v2/card.png"

[redirects]
"/old/install" = "/v2/guide/install/"
"/gone/" = "/v2/nowhere/"
"/v2/guide/install" = "/v2/"
"/blog" = "https://blog.example.org/"
"""
MENU = "---\nsite_menu:\n  - category: Guide\n    url: /guide/install\n  - category: Guide / Tabs\n    url: /guide/tabs\n---\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("readers")
    files = {
        "docgen.toml": CONFIG,
        "content/v1/index.md": "---\ntitle: Home v1\n---\n\n# Home v1\n\nOld.\n",
        "content/v2/index.md": "---\ntitle: Home\ndescription: The start.\n---\n\nWelcome.\n",
        "content/v2/guide/install.md": (
            "---\ntitle: Install | Docs\ndescription: How to install.\nimage: https://cdn.example.org/i.png\n---\n\n"
            "# Install\n\n{% note %}\nRead **this** first: {% $product %}\n{% /note %}\n\n"
            '{% partial file="/v2/steps.md" /%}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```yaml\nkey: value\n```\n'
        ),
        "content/v2/guide/tabs.md": "---\ntitle: Tabs\n---\n\n# Tabs\n\n# Second\n\nText.\n",
        "content/v2/menu.md": MENU,
        "partials/v2/steps.md": "## Steps\n\n1. Download [the file](/guide/tabs).\n2. Run it.\n",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    site = Site.load(load_config(root))
    out = root / "out"
    result = build_site(site, out, reporter=SilentReporter(), cache_dir=root / "cache", jobs=1)
    return site, result, out


def _read(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


def test_every_page_has_a_markdown_rendition_linked_from_it(built):
    site, _, out = built
    for page in site.pages:
        html = _read(out, page.url.strip("/") + "/index.html")
        markdown = _read(out, page.url.strip("/") + "/index.md")
        assert f'<link rel="alternate" type="text/markdown" href="{page.url}index.md"' in html
        assert "{%" not in markdown and "%}" not in markdown, page.url
        assert len(re.findall(r"^# ", markdown, re.M)) == 1, page.url


def test_the_markdown_resolves_tags_partials_and_links(built):
    _, _, out = built
    markdown = _read(out, "v2/guide/install/index.md")
    assert markdown.startswith("# Install\n\n> How to install.\n")
    assert "Read **this** first" in markdown  # the note's content, without its markup
    assert "## Steps" in markdown and "1. Download [the file](/v2/guide/tabs/)." in markdown  # partial inlined
    assert "| a | b |\n|---|---|\n| 1 | 2 |" in markdown
    assert "```yaml\nkey: value\n```" in markdown
    assert "<" not in markdown.replace("&lt;", "")
    # a page without an h1 of its own gets its title, as the HTML page does
    assert _read(out, "v2/index.md").startswith("# Home\n\n> The start.\n\nWelcome.")


def test_llms_txt_lists_each_versions_pages_by_menu_section(built):
    _, _, out = built
    text = _read(out, "v2/llms.txt")
    assert text.startswith("# Docs\n\n> ")
    assert "## Guide\n\n- [Install](https://docs.example.org/v2/guide/install/index.md): How to install.\n" in text
    assert "- [Tabs](https://docs.example.org/v2/guide/tabs/index.md)" in text
    assert "## Other pages\n\n- [Home](https://docs.example.org/v2/index.md): The start." in text
    assert "/v1/" not in text
    assert _read(out, "llms.txt") == text  # the default version's is also at the root
    assert "Home v1" in _read(out, "v1/llms.txt")


def test_redirects_are_pages_that_send_readers_on(built):
    _, result, out = built
    page = _read(out, "old/install/index.html")
    assert '<meta http-equiv="refresh" content="0; url=/v2/guide/install/">' in page
    assert '<link rel="canonical" href="/v2/guide/install/">' in page
    assert '<a href="/v2/guide/install/">' in page
    assert 'url=https://blog.example.org/"' in _read(out, "blog/index.html")
    assert "Install" in _read(out, "v2/guide/install/index.html")  # the colliding redirect did not replace it
    rules = {(d.rule, d.file, d.line) for d in result.diagnostics}
    assert ("redirect-target-missing", "docgen.toml", 7) in rules
    assert ("redirect-collides", "docgen.toml", 8) in rules


def test_favicon_and_social_cards(built):
    _, _, out = built
    install = _read(out, "v2/guide/install/index.html")
    assert re.search(r'<link rel="icon" href="/_docgen/favicon.svg" type="image/svg\+xml">', install)
    assert (out / "_docgen" / "favicon.svg").is_file()
    assert '<meta property="og:site_name" content="Docs">' in install
    assert '<meta property="og:title" content="Install">' in install
    assert '<meta property="og:description" content="How to install.">' in install
    assert '<meta property="og:url" content="https://docs.example.org/v2/guide/install/">' in install
    assert '<meta property="og:image" content="https://cdn.example.org/i.png">' in install
    assert '<meta name="twitter:card" content="summary_large_image">' in install
    home = _read(out, "v2/index.html")
    assert '<meta property="og:image" content="https://docs.example.org/images/v2/card.png">' in home


def test_a_configured_favicon_is_published_under_a_hashed_name(tmp_path, write_tree):
    write_tree(
        tmp_path,
        {
            "docgen.toml": 'favicon = "brand/icon.png"\n',
            "brand/icon.png": b"\x89PNG\r\n\x1a\n-not-really",
            "content/v1/index.md": "# Home\n",
        },
    )
    out = tmp_path / "out"
    build_site(Site.load(load_config(tmp_path)), out, reporter=SilentReporter(), cache_dir=tmp_path / "cache")
    match = re.search(
        r'<link rel="icon" href="/_docgen/(favicon\.[0-9a-f]{10}\.png)" type="image/png">', _read(out, "v1/index.html")
    )
    assert match and (out / "_docgen" / match.group(1)).read_bytes().endswith(b"-not-really")


@pytest.mark.parametrize(
    "config, key",
    [
        ('favicon = "missing.ico"\n', "favicon"),
        ('favicon = "docgen.toml"\n', "favicon"),
        ('[redirects]\n"old" = "/v1/"\n', "redirects.old"),
        ('[redirects]\n"/old" = "v1/"\n', "redirects./old"),
        ('[redirects]\n"/old" = 3\n', "redirects./old"),
        ('[redirects]\n"/old" = " JaVaScript:alert(1)"\n', "redirects./old"),
        ('social_image = "javascript:alert(1)"\n', "social_image"),
        ('social_image = "data:image/png;base64,AAAA"\n', "social_image"),
    ],
)
def test_bad_favicon_and_redirect_settings_name_their_key(tmp_path, write_tree, config, key):
    write_tree(tmp_path, {"docgen.toml": config, "content/v1/index.md": "# Home\n"})
    with pytest.raises(ConfigError) as error:
        load_config(tmp_path)
    assert error.value.key == key
