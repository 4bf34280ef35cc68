"""Heading ids: the one slug implementation and the page-unique id registry.

`slugify` is GitHub-like so that links written for GitHub or the original site
(`#metadata-ingestion`) keep working. Rendering (the `heading` node, step titles,
tab sets) and docgen.check both take ids from `HeadingIds`, so there is exactly
one definition of what an anchor is. This module imports nothing else from
docgen.tags, so the render context (docgen.tags.context) can use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_DROPPED = re.compile(r"[^\w\-. ]", re.UNICODE)
_WHITESPACE_RUN = re.compile(r"\s+")
_SLUG_FALLBACK = "section"


def slugify(text: str) -> str:
    """GitHub-style anchor: lowercase, punctuation dropped, spaces become hyphens.

    ``"Metadata Ingestion (UI)"`` → ``"metadata-ingestion-ui"``; ``"What's new?"``
    → ``"whats-new"``. Word characters of any script are kept, as GitHub does.
    Unlike GitHub, periods are kept: the OpenMetadata site's anchors do, and its
    pages link to them (``#1.-define-the-yaml-config``, ``#2.-prepare-the-ingestion-dag``).
    Spaces left at the ends by dropped symbols are trimmed too: its menu links
    ``# 1.9.6 Release 🎉`` as ``#1.9.6-release`` (GitHub would keep a trailing ``-``).
    A run of spaces left by a dropped symbol becomes one hyphen: the corpus links
    ``## Create Private / Public key`` as ``#create-private-public-key``.
    """
    normalized = unicodedata.normalize("NFKC", text).strip().lower()
    return _WHITESPACE_RUN.sub("-", _DROPPED.sub("", normalized).strip())


def heading_slug(text: str, explicit: str | None = None, slug: Callable[[str], str] | None = None) -> str:
    """The id a heading asks for: its explicit id, else the slug of its text, else "section"."""
    return explicit or (slug or slugify)(text) or _SLUG_FALLBACK


class HeadingIds:
    """Hands out page-unique ids: explicit ids win, slugs collide into ``-1``, ``-2``…

    `slug` is the site's heading-id function (a site schema module's `slugify`); the default is `slugify`.
    Rendering and docgen.check both build their registry with the site's, so they agree on every id.
    """

    def __init__(self, slug: Callable[[str], str] | None = None) -> None:
        self._taken: set[str] = set()
        self._slug = slug

    def claim(self, text: str, explicit: str | None = None) -> str:
        base = heading_slug(text, explicit, self._slug)
        if not isinstance(base, str):  # a site's slugify that returns something else: its text as given
            base = str(base)
        candidate = base
        suffix = 0
        while candidate in self._taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        self._taken.add(candidate)
        return candidate
