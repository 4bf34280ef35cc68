"""Helpers for site tests: page sources and the OpenMetadata layout's config."""

from __future__ import annotations

OPENMETADATA_LAYOUT = 'partials_dir = "content/partials"\nimages_dir = "public/images"\ntag_sets = ["openmetadata"]\n'


def page(title: str | None = None, slug: str | None = None, body: str = "Text.\n", **extra: object) -> str:
    """A page source with the given front matter keys (omitted when None)."""
    lines = []
    if title is not None:
        lines.append(f"title: {title}")
    if slug is not None:
        lines.append(f"slug: {slug}")
    lines.extend(f"{key}: {str(value).lower() if isinstance(value, bool) else value}" for key, value in extra.items())
    front = "---\n" + "\n".join(lines) + "\n---\n" if lines else ""
    return front + body
