"""URL helpers of the site model: the one place that knows how docgen's URLs are spelt.

Everything here is a pure function of strings (and, for `page_file`, a folder),
so every other module of docgen.site — links, pages, images, assets — and the
engines above may import it without creating a cycle.

- A page's URL is ``/<version>/<slug>/`` (`page_url`); ``/latest/…`` (`LATEST`)
  names the default version's pages too. An unversioned site has one version
  whose name is "" (`UNVERSIONED`): its URLs have no version segment
  (``/<slug>/``). `version_prefix` is the one place that spells the segment.
- An href either leaves the site (`is_external`: any scheme, or ``//host``) or
  is a site path with an optional query and fragment (`split_href`, `with_suffix`).
- A page's URL maps to one file in an output tree (`page_file`,
  ``v1.9.x/deployment/index.html``): the build writes that file and serve keeps
  it in memory under the same name. Absolute URLs (``sitemap.xml``, canonical
  links) join the site's ``base_url`` once (`absolute_url`); internal links get
  its path in front (`url_path`).
"""

from __future__ import annotations

import re
from pathlib import Path

#: The URL segment that stands for the default version (``/latest/guide/``).
LATEST = "latest"

_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_ORIGIN_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*")


def is_external(href: str) -> bool:
    """``https:``, ``mailto:``, ``//host`` and any other scheme leave the site."""
    return bool(_SCHEME_RE.match(href)) or href.startswith("//")


def split_href(href: str) -> tuple[str, str | None, str | None]:
    """(path, query or None, fragment or None)."""
    rest, hash_mark, fragment = href.partition("#")
    path, question, query = rest.partition("?")
    return path, (query if question else None), (fragment if hash_mark else None)


def with_suffix(url: str, query: str | None, fragment: str | None) -> str:
    """`url` with the query and fragment `split_href` took off put back."""
    if query is not None:
        url += "?" + query
    if fragment is not None:
        url += "#" + fragment
    return url


def version_prefix(version_name: str) -> str:
    """``/v1.9.x`` for a version's URLs, "" for an unversioned site's (version name "")."""
    return f"/{version_name}" if version_name else ""


def version_root(version_name: str) -> str:
    """The URL of a version's root: ``/v1.9.x/``, or ``/`` for an unversioned site."""
    return version_prefix(version_name) + "/"


def page_url(version_name: str, parts: list[str]) -> str:
    """``/<version>/<parts>/``, where a last part ``x.md`` means ``x`` and ``index`` its folder.

    An unversioned site (version name "") gets ``/<parts>/``.
    """
    parts = [part for part in parts if part]
    if parts and parts[-1].endswith(".md"):
        parts[-1] = parts[-1][: -len(".md")]
    if parts and parts[-1] == "index":
        parts = parts[:-1]
    return version_prefix(version_name) + "/" + "".join(part + "/" for part in parts)


def url_path(base_url: str) -> str:
    """The path part of `base_url` without trailing slash ("" at a domain root).

    Internal URLs are root-relative (``/v1.9.x/...``); a site served under
    ``https://example.org/docs/`` needs ``/docs`` in front of each one.
    """
    if not base_url:
        return ""
    return _ORIGIN_RE.sub("", base_url).rstrip("/")


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
