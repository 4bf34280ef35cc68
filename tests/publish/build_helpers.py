"""Sources of the small sites the build tests write into tmp_path."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path


def page_source(title: str, body: str, **front: str) -> str:
    extra = "".join(f"{key}: {value}\n" for key, value in front.items())
    return f"---\ntitle: {title}\n{extra}---\n\n# {title}\n\n{body}"


def small_site_files(png_bytes: Callable[..., bytes]) -> dict[str, str | bytes]:
    """Two versions, a menu in v2 (folder navigation in v1), a partial with variables, two images."""
    return {
        "docgen.toml": 'title = "Small Docs"\ntag_sets = ["openmetadata"]\nbase_url = "https://docs.example.org/"\n',
        "content/v1/index.md": page_source("Welcome v1", "Old version home.\n"),
        "content/v1/guide/install.md": page_source("Install", "Install the old way.\n"),
        "content/v2/index.md": page_source("Welcome", "See [install](/guide/install) and [deploy](/guide/deploy).\n"),
        "content/v2/guide/install.md": page_source(
            "Install",
            "## Requirements\n\nYou need a computer.\n\n"
            '{% partial file="/v2/shared/greeting.md" variables={product: "Lumen"} /%}\n\n'
            '{% image src="/images/v2/screen.png" alt="A screen" /%}\n\n'
            "### Steps\n\nRun it.\n",
        ),
        "content/v2/guide/deploy.md": page_source("Deploy", "## Docker\n\nUse Docker.\n", noindex="true"),
        "content/v2/menu.md": (
            "---\nsite_menu:\n"
            "  - category: Home\n    url: /\n"
            "  - category: Guide\n"
            "  - category: Guide / Install\n    url: /guide/install\n"
            "  - category: Guide / Deploy\n    url: /guide/deploy\n"
            "---\n"
        ),
        "partials/v2/shared/greeting.md": "Thank you for choosing {% $product %} today.\n",
        "images/v2/screen.png": png_bytes(320, 200),
        "images/v2/unused.png": png_bytes(10, 10),
    }


def many_pages_files(per_version: int) -> dict[str, str]:
    """Two versions of `per_version` similar pages plus a home each, with folder navigation."""
    files = {"docgen.toml": 'title = "Many"\ntag_sets = ["openmetadata"]\n'}
    for version in ("v1", "v2"):
        files[f"content/{version}/index.md"] = page_source(f"Home {version}", "Home.\n")
        for number in range(per_version):
            files[f"content/{version}/section/page-{number:03}.md"] = page_source(
                f"Page {number}", "## Part\n\nText.\n"
            )
    return files


def search_records(bundle: Path) -> dict[str, dict]:
    """URL → the record Pagefind stored for it in `bundle` (a fragment is gzip'd JSON after a signature)."""
    records = {}
    for fragment in (bundle / "fragment").iterdir():
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[record["url"]] = record
    return records
