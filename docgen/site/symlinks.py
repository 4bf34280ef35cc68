"""Symlinks that lead out of the site are not followed.

A link in the content, partials or images folder whose target resolves
outside the site (the site folder and the configured source folders) would
publish whatever it points at — a home folder's files, another project's
secrets. `outside_links` finds every such link when the site loads (build,
check and serve all load it); each is a `symlink-outside` error naming the
link and its target, the page is not discovered and the partial or image is
not found (`partial-missing`/`image-missing` at the references), so nothing
behind it is read or published. `docgen serve` refuses the same files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic
from docgen.rules import diagnostic
from docgen.site.config import SiteConfig

RULE = "symlink-outside"


@dataclass(frozen=True)
class OutsideLink:
    """A symlink (`link`, as found under the site) whose target (`target`, resolved) is outside the site."""

    link: Path
    target: Path


def site_roots(config: SiteConfig) -> list[Path]:
    """Where a link may lead: the site folder and each source folder (which may be configured elsewhere)."""
    folders = [config.site_dir, config.content_dir, config.partials_dir, config.images_dir]
    return list(dict.fromkeys(folder.resolve() for folder in folders))


def outside_links(config: SiteConfig) -> list[OutsideLink]:
    """Every symlink under the content, partials and images folders that resolves outside the site roots.

    Walks without following links (a linked folder is judged as one link), so a link loop cannot hang it.
    """
    roots = site_roots(config)
    found: list[OutsideLink] = []
    for folder in dict.fromkeys([config.content_dir, config.partials_dir, config.images_dir]):
        if not folder.is_dir():
            continue
        for current, dirs, files in os.walk(folder, followlinks=False):
            for name in [*dirs, *files]:
                path = Path(current) / name
                if not path.is_symlink():
                    continue
                target = path.resolve()
                if not any(target.is_relative_to(root) for root in roots):
                    found.append(OutsideLink(path, target))
    return sorted(found, key=lambda item: item.link.parts)


def outside_link_findings(config: SiteConfig, links: list[OutsideLink]) -> list[Diagnostic]:
    """One `symlink-outside` error per link, at the link (it has no lines)."""
    return [
        diagnostic(
            RULE,
            config.rel_path(item.link),
            None,
            None,
            f"symlink to {item.target}, outside the site: not followed, nothing behind it is read or published",
            target=str(item.target),
        )
        for item in links
    ]
