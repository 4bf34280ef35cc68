"""URL ↔ output-path helpers shared by everything that writes or serves pages.

A page's URL (``/v1.9.x/deployment/``) maps to one file in an output tree
(``v1.9.x/deployment/index.html``); the build writes that file and serve keeps
it in memory under the same name, so both use `page_file`. Absolute URLs (for
``sitemap.xml`` and canonical links) join the site's ``base_url`` once, here.
"""

from __future__ import annotations

from pathlib import Path


def absolute_url(base_url: str, path: str) -> str:
    """`https://docs.example.org/` + `/v1/a/` → `https://docs.example.org/v1/a/`; no base keeps the path."""
    if not base_url:
        return path
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def page_file(root: Path, url: str) -> Path:
    """`/v1/a/b/` → `<root>/v1/a/b/index.html`; refuses URLs that would leave `root`."""
    parts = [part for part in url.split("/") if part]
    if any(part in (".", "..") or "\\" in part for part in parts):
        raise ValueError(f"page URL {url!r} would be written outside the output folder")
    return root.joinpath(*parts, "index.html")
