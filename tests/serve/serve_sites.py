"""Small sites written into a temporary folder for the serve tests (they get edited)."""

from __future__ import annotations

from pathlib import Path

FILLER = "\n\n".join(f"Filler paragraph {n} so that the page is long enough to scroll." for n in range(60))


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def guide_source(sentence: str, extra: str = "") -> str:
    return (
        f"---\ntitle: Guide\n---\n\n# Guide\n\n{sentence}\n\n"
        f'{{% partial file="/v1.0/shared.md" /%}}\n\n{FILLER}\n\n{extra}\n\nThe end.\n'
    )


def make_site(root: Path) -> Path:
    """A one-version site: a home page, a guide that includes a partial, and a third page."""
    write(root / "docgen.toml", 'title = "Serve test"\ntag_sets = ["openmetadata"]\n')
    write(root / "content" / "v1.0" / "index.md", "---\ntitle: Home\n---\n\n# Home\n\nWelcome home.\n")
    write(root / "content" / "v1.0" / "guide.md", guide_source("Original sentence."))
    write(root / "content" / "v1.0" / "other.md", "---\ntitle: Other\n---\n\n# Other\n\nAnother page.\n")
    write(root / "partials" / "v1.0" / "shared.md", "Shared partial text.\n")
    (root / "images" / "v1.0").mkdir(parents=True)
    return root
