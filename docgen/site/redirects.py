"""`[redirects]`: old URL paths answered with a redirect page, and the mistakes they can hold.

A redirect is only useful if it lands: a site-path target must be a page of
the site (or a version root, which always answers), and an old path must not
be a page's own URL (the page wins and the redirect is dropped). Build and
check report the same findings at the redirect's line in the config file.
"""

from __future__ import annotations

from dataclasses import dataclass

from docgen.diagnostics import Diagnostic
from docgen.rules import diagnostic
from docgen.site.index import SiteIndex
from docgen.site.urls import LATEST, is_external


@dataclass(frozen=True)
class Redirect:
    """One redirect: `source` is the old path as a folder URL (``/old/path/``), `target` where to go."""

    source: str
    target: str
    written: str  # the old path as the config writes it (for findings)


def redirect_source(old: str) -> str:
    """``/old/path`` and ``/old/path/`` are one redirect, written as ``/old/path/index.html``."""
    return "/" + "/".join(part for part in old.split("/") if part) + "/"


def site_redirects(site: SiteIndex) -> tuple[list[Redirect], list[Diagnostic]]:
    """The redirects to write, and the findings about the ones that collide or lead nowhere."""
    redirects, found = [], []
    for old, target in site.config.redirects:
        source = redirect_source(old)
        line = _config_line(site, old)
        where = (_config_file(site), line, 1 if line else None)
        if site.page_for_url(source) is not None or _is_version_root(site, source):
            message = f"redirect {old!r} is the URL of a page ({source}); the page is kept, the redirect dropped"
            found.append(diagnostic("redirect-collides", *where, message, target=old))
            continue
        if not is_external(target) and not _lands(site, target):
            message = f"redirect {old!r} leads to {target}, which is no page of the site"
            found.append(diagnostic("redirect-target-missing", *where, message, target=target))
        redirects.append(Redirect(source, target, old))
    return redirects, found


def redirect_location(site: SiteIndex, redirect: Redirect) -> str:
    """Where the redirect page sends readers: an external URL as written, a site path under the base path."""
    if is_external(redirect.target):
        return redirect.target
    return site.config.base_path + redirect.target


def _lands(site: SiteIndex, target: str) -> bool:
    return site.page_for_url(target) is not None or _is_version_root(site, target)


def _is_version_root(site: SiteIndex, url: str) -> bool:
    """`/<version>/` and `/latest/` always answer (a page or a redirect to the version's home)."""
    parts = [part for part in url.split("#", 1)[0].split("/") if part]
    return len(parts) == 1 and (parts[0] == LATEST or site.config.version(parts[0]) is not None)


def _config_file(site: SiteIndex) -> str | None:
    config_file = site.config.config_file
    return site.rel_path(config_file) if config_file is not None else None


def _config_line(site: SiteIndex, old: str) -> int | None:
    """The 1-based line of the config file that names `old` as a key (None when not found)."""
    config_file = site.config.config_file
    if config_file is None:
        return None
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, 1):
        key = line.split("=", 1)[0].strip()
        if key in (f'"{old}"', f"'{old}'", old):
            return number
    return None
