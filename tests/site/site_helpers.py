"""Helpers for site tests: write small sites in the project or the OpenMetadata layout."""

from __future__ import annotations

from pathlib import Path

OPENMETADATA_LAYOUT = (
    'partials_dir = "content/partials"\nimages_dir = "public/images"\n'
)


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


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
