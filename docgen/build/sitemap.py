"""sitemap.xml: the public, indexable pages with absolute URLs.

Search engines want absolute `<loc>` URLs, so the site's `base_url` is joined
to every page URL; pages marked `noindex` are left out, as are the `/latest/`
aliases (their canonical URL is the versioned one).
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def absolute_url(base_url: str, path: str) -> str:
    """`https://docs.example.org/` + `/v1/a/` → `https://docs.example.org/v1/a/`; no base keeps the path."""
    if not base_url:
        return path
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def sitemap_xml(base_url: str, paths: Iterable[str]) -> str:
    entries = "".join(f"  <url><loc>{escape(absolute_url(base_url, path))}</loc></url>\n" for path in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}">\n{entries}</urlset>\n'
