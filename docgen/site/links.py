"""Link resolution: what an ``href`` written in a page points at.

OpenMetadata authors write versionless links (``/deployment/security/okta``)
meaning "this page's version"; links may also name a version
(``/v1.9.x/...``, or ``/v1.9/...`` for the same one), go through ``/latest/``,
be relative, point into the images URL space, or
leave the site. One function decides all of this so that build (which writes
the URL) and check (which reports the broken ones) always agree.

Relative links: one ending in ``.md`` (``../okta.md``) names a source file
relative to the linking page's file, and only that: when no page comes from
that file the link is broken (it is not retried relative to the page's URL,
which would accept a link one ``../`` off); any other (``../okta/``) is
relative to the linking page's URL, exactly as a browser would read it if it
were left unrewritten.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from docgen.site.assets import ResolvedAsset
from docgen.site.index import SiteIndex
from docgen.site.pages import Page, url_from_path
from docgen.site.urls import LATEST, is_external, page_url, split_href, version_prefix, version_root, with_suffix
from docgen.site.versions import version_key


@dataclass(frozen=True)
class ResolvedLink:
    """The outcome of resolving one href.

    `url` is what to write into the HTML (root-relative for internal links,
    unchanged for external ones, query and fragment kept). `page` is the
    target page when it exists; `fragment` is the part after ``#`` (None when
    absent). `path` is the internal URL path without query and fragment (None
    for external links); `version` the version name the link landed in;
    `asset` the image file for links into the images URL space.
    """

    url: str
    page: Page | None
    fragment: str | None
    external: bool
    href: str = ""
    path: str | None = None
    query: str | None = None
    version: str | None = None
    asset: ResolvedAsset | None = None

    @property
    def broken(self) -> bool:
        """An internal link to no page (or an asset link to no file)."""
        if self.external:
            return False
        if self.asset is not None:
            return not self.asset.found
        return self.page is None


def resolve_link(site: SiteIndex, href: str, version: str, from_page: Page | None = None) -> ResolvedLink:
    """Resolve `href` written in a page of `version` (`from_page` for relative links)."""
    href = href.strip()
    if is_external(href):
        return ResolvedLink(url=href, page=None, fragment=split_href(href)[2], external=True, href=href)
    path, query, fragment = split_href(href)
    if not path:
        return _same_page(href, from_page, query, fragment)
    if _in_images_space(site, path):
        return _asset_link(site, href, path, version, query, fragment)
    if not path.startswith("/"):
        if from_page is not None and path.endswith(".md"):
            return _relative_file_link(site, href, path, from_page, query, fragment)
        base = from_page.url if from_page is not None else version_root(site.version_name(version))
        path = posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") else "")
    return _absolute(site, href, path, version, query, fragment)


def _same_page(href: str, page: Page | None, query: str | None, fragment: str | None) -> ResolvedLink:
    return ResolvedLink(
        url=href,
        page=page,
        fragment=fragment,
        external=False,
        href=href,
        path=page.url if page is not None else None,
        query=query,
        version=page.version if page is not None else None,
    )


def _in_images_space(site: SiteIndex, path: str) -> bool:
    prefix = site.config.images_url
    return path == prefix or path.startswith(prefix + "/")


def _asset_link(
    site: SiteIndex, href: str, path: str, version: str, query: str | None, fragment: str | None
) -> ResolvedLink:
    asset = site.resolve_image(path, version)
    target = site.image_url(asset) if asset is not None and asset.found else path
    return ResolvedLink(
        url=with_suffix(target, query, fragment),
        page=None,
        fragment=fragment,
        external=False,
        href=href,
        path=target,
        query=query,
        asset=asset,
    )


def _absolute(
    site: SiteIndex, href: str, path: str, version: str, query: str | None, fragment: str | None
) -> ResolvedLink:
    parts = [part for part in path.split("/") if part]
    versioned = site.config.versioned
    latest = versioned and bool(parts) and parts[0] == LATEST
    if latest:
        target_version, rest = site.config.default_version, parts[1:]
    elif versioned and parts and version_key(parts[0]) is not None:
        known = site.config.version(parts[0])
        if known is None:  # a version this site does not have: leave the link as written
            return ResolvedLink(
                url=href, page=None, fragment=fragment, external=False, href=href, path=path, query=query
            )
        target_version, rest = known.name, parts[1:]
    else:
        target_version, rest = site.version_name(version), parts
    page = _page_for_parts(site, target_version, rest)
    url = page.url if page is not None else page_url(target_version, rest)
    if latest:
        url = version_prefix(LATEST) + url[len(version_prefix(target_version)) :]
    return _internal(href, url, page, target_version, query, fragment)


def _page_for_parts(site: SiteIndex, version_name: str, rest: list[str]) -> Page | None:
    """The page at ``/<version>/<rest>/``; a trailing ``.md`` or ``index.md`` also finds it by file."""
    page = site.page_for_url(page_url(version_name, rest))
    if page is not None or not rest or not rest[-1].endswith(".md"):
        return page
    return site.page_for_content_path(version_name, "/".join(rest))


def _relative_file_link(
    site: SiteIndex, href: str, path: str, from_page: Page, query: str | None, fragment: str | None
) -> ResolvedLink:
    """``okta.md`` or ``../okta/index.md`` relative to the linking page's file; broken when no page is there.

    The URL written for a broken one is the URL a page in that file would have, so the
    finding and the reader's 404 both name where the author pointed.
    """
    target = (from_page.source.parent / path).resolve()
    page = site.page_for_source(target)
    if page is not None:
        return _internal(href, page.url, page, page.version, query, fragment)
    version = site.version(from_page.version)
    folder = site.config.version_folder(from_page.version)
    inside = target.is_relative_to(folder) and version is not None
    url = url_from_path(version, target.relative_to(folder).as_posix()) if inside and version else path
    return _internal(href, url, None, from_page.version, query, fragment)


def _internal(
    href: str, url: str, page: Page | None, version: str, query: str | None, fragment: str | None
) -> ResolvedLink:
    return ResolvedLink(
        url=with_suffix(url, query, fragment),
        page=page,
        fragment=fragment,
        external=False,
        href=href,
        path=url,
        query=query,
        version=version,
    )
