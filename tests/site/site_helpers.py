"""Helpers for site tests: page sources and the OpenMetadata layout's config."""

from __future__ import annotations

from pathlib import Path

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


def one_page_site(root: Path, config: str) -> Path:
    """A versioned site with one page and the given docgen.toml, for config tests."""
    (root / "content" / "v1").mkdir(parents=True)
    (root / "content" / "v1" / "index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docgen.toml").write_text(config, encoding="utf-8")
    return root
