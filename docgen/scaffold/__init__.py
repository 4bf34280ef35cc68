"""`docgen new DIR`: a small working site to start from.

The starter (``docgen/scaffold/starter/``, shipped as package data) is an
unversioned site: a config, two pages and a menu in ``pages/``, a partial,
an image and one tag of the site's own (a declarative `callout`: a table in
docgen.toml and a template in theme/templates/tags/). It uses no tag of a tag
set, so it builds whichever tag sets are installed. It builds and checks with zero findings (a test
holds it to that), so a new user's first `docgen build` shows what a clean
run looks like, and each file says in a comment or a sentence what it is for.

Files are written only into a folder that is missing or empty: docgen never
overwrites what a user already has.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TextIO

from docgen.diagnostics import display_path

#: Package files whose name on disk differs (a dotfile is easily lost from package data).
RENAMED = {"gitignore": ".gitignore"}


class TargetNotEmpty(Exception):
    """The folder `docgen new` was given already holds files."""


def starter_files() -> dict[str, bytes]:
    """The starter site as {relative POSIX path: bytes}, from the installed package."""
    found: dict[str, bytes] = {}
    pending: list[tuple[Traversable, str]] = [(files("docgen.scaffold").joinpath("starter"), "")]
    while pending:
        folder, prefix = pending.pop()
        for entry in folder.iterdir():
            if entry.name == "__pycache__":
                continue
            if entry.is_dir():
                pending.append((entry, f"{prefix}{entry.name}/"))
            else:
                found[prefix + RENAMED.get(entry.name, entry.name)] = entry.read_bytes()
    return dict(sorted(found.items()))


def new_site(target: Path) -> list[Path]:
    """Write the starter site into `target` (created if missing); refuses a folder that is not empty."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetNotEmpty(f"{display_path(target)} is not an empty folder; docgen new writes only into a new one")
    written = []
    for rel, data in starter_files().items():
        path = target.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def new_command(target: Path, *, out: TextIO | None = None) -> int:
    """`docgen new DIR`: 0 when written, 2 (with a one-line reason) when DIR is not empty."""
    stream = out or sys.stdout
    try:
        written = new_site(target)
    except TargetNotEmpty as error:
        print(f"docgen: error: {error}", file=sys.stderr)
        return 2
    where = display_path(target)
    print(f"wrote {len(written)} files to {where}/:", file=stream)
    for path in written:
        print(f"  {display_path(path)}", file=stream)
    print(f"next: docgen serve {where}   (or: docgen build {where}, docgen check {where})", file=stream)
    return 0
