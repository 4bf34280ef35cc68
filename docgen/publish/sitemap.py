"""sitemap.xml: the public, indexable pages with absolute URLs.

Search engines want absolute `<loc>` URLs, so the site's `base_url` is joined
to every page URL; pages marked `noindex` are left out, as are the `/latest/`
aliases (their canonical URL is the versioned one).
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from docgen.site.urls import absolute_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_xml(base_url: str, paths: Iterable[str]) -> str:
    entries = "".join(f"  <url><loc>{escape(absolute_url(base_url, path))}</loc></url>\n" for path in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{entries}</urlset>\n'
