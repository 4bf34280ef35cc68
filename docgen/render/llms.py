"""`llms.txt`: a version's pages as a list for language models and other tools.

The llms.txt convention (llmstxt.org): a Markdown file with the site title as
an H1, a one-paragraph summary in a blockquote, then `##` sections of links,
each `- [title](url): description`. docgen writes one per version at
`/<version>/llms.txt` (the default version's also at `/llms.txt`). Sections
are the top-level entries of the version's menu, in menu order; pages outside
the menu follow under "Other pages". Links point at each page's Markdown
rendition (`index.md`), which is what such tools read best; the HTML page is
the same URL without `index.md`.
"""

from __future__ import annotations

from docgen.render.layout import short_title
from docgen.render.markdown import markdown_url
from docgen.site import Page, Site
from docgen.site.urls import absolute_url

LLMS_FILE = "llms.txt"
OTHER_PAGES = "Other pages"


def llms_txt(site: Site, version: str) -> str:
    """The llms.txt of `version`: every indexable page once, grouped by its top menu entry."""
    sections = llms_sections(site, version)
    title = site.config.title
    lines = [
        f"# {title}",
        "",
        f"> {title} documentation{f', version {version}' if version else ''}: {sum(len(pages) for pages in sections.values())} pages. "
        "Each link is the page as Markdown; drop `index.md` from it for the HTML page.",
    ]
    for section, pages in sections.items():
        lines += ["", f"## {section}", ""]
        lines += [llms_entry(site, page) for page in pages]
    return "\n".join(lines) + "\n"


def llms_sections(site: Site, version: str) -> dict[str, list[Page]]:
    """Section title → its pages in reading order; the pages outside the menu last, by URL."""
    nav = site.navigation(version)
    sections: dict[str, list[Page]] = {}
    placed: set[int] = set()
    for page in nav.order:
        node = nav.node_for(page)
        if node is None or page.noindex or id(page) in placed:
            continue
        root = ([*node.ancestors(), node])[0]
        sections.setdefault(_one_line(root.title), []).append(page)
        placed.add(id(page))
    others = [p for p in site.pages_for(version) if id(p) not in placed and not p.noindex]
    if others:
        sections.setdefault(OTHER_PAGES, []).extend(sorted(others, key=lambda p: p.url))
    return sections


def llms_entry(site: Site, page: Page) -> str:
    url = absolute_url(site.config.base_url, markdown_url(page.url))
    title = _one_line(short_title(page.title)).replace("]", "\\]")
    description = _one_line(page.description)
    return f"- [{title}]({url})" + (f": {description}" if description else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())
