"""Reusing the previous build's search bundle when the pages it indexed are the same.

Pagefind re-reads every page it indexes; on a rebuild where nothing (or nothing
of one version) changed that was most of the build's time. A bundle is a pure
function of its inputs: the HTML files it indexed (by path and identity), the
Pagefind executable and the options. So each bundle (a version's, or one
part of a large version's) is recorded in the page cache folder
(`search-<digest of version and part>.json`) with the digest of
those inputs and the size and SHA-256 of every file it wrote. When the next
build's inputs digest is the same, and the previous output still holds those
exact files, they are hard-linked into the staging folder instead of running
Pagefind; anything else — a changed page, a missing or edited bundle file, a
new Pagefind — indexes again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from docgen.render import search
from docgen.render.search import EXCLUDED_SELECTORS, BundlePlan, SearchIndexStats, search_glob, write_bundle

#: Bump when the manifest layout or what it means changes.
MANIFEST_FORMAT = 2


def write_search_indexes_reusing(
    staging: Path, plans: Iterable[BundlePlan], previous_output: Path, cache_folder: Path, *, language: str = "en"
) -> tuple[SearchIndexStats, int]:
    """`write_search_indexes`, reusing a bundle of the previous output when its inputs are unchanged.

    Returns the totals and how many bundles were reused. Raises SearchIndexError like
    `write_bundle` when a bundle must be written and Pagefind fails.
    """
    staging = Path(staging).resolve()
    pages = files = size = reused = 0
    for plan in plans:
        inputs = _inputs_digest(staging, plan, language)
        name = hashlib.sha256(f"{plan.version}\0{plan.number}".encode()).hexdigest()[:16]
        manifest_path = Path(cache_folder) / f"search-{name}.json"
        stats = _reuse(manifest_path, inputs, previous_output / plan.folder, staging / plan.folder)
        if stats is None:
            stats = write_bundle(staging, plan, language)
            _record(manifest_path, inputs, staging / plan.folder, stats)
        else:
            reused += 1
        pages, files, size = pages + stats.pages, files + stats.files, size + stats.bytes
    return SearchIndexStats(pages=pages, files=files, bytes=size), reused


def _inputs_digest(site_folder: Path, plan: BundlePlan, language: str) -> str:
    """Everything Pagefind reads for one bundle: the files, itself, the options.

    A file is known by its path, inode, size and mtime rather than its bytes: in the staging
    folder a page is either written by this build (a new inode) or hard-linked from the previous
    output after the page cache verified it (docgen.publish.incremental.reuse_previous), and
    then it is the very file the previous bundle indexed. Reading every page back cost more.
    """
    header = f"{MANIFEST_FORMAT}\0{plan.folder}\0{language}\0{EXCLUDED_SELECTORS!r}\0"
    digest = hashlib.sha256(header.encode())
    executable = search.pagefind_executable()
    if executable is not None:
        stat = executable.stat()
        digest.update(f"{executable}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    if plan.whole_version:
        found = sorted(site_folder.glob(search_glob(plan.version)))
        names = [path.relative_to(site_folder).as_posix() for path in found if path.is_file()]
    else:
        names = list(plan.files)
    for name in names:
        stat = (site_folder / name).stat()
        digest.update(f"{name}\0{stat.st_ino}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _reuse(manifest_path: Path, inputs: str, previous: Path, target: Path) -> SearchIndexStats | None:
    """Link the previous bundle into `target` when the manifest matches `inputs` and every file is intact."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != MANIFEST_FORMAT or manifest.get("inputs") != inputs:
            return None
        recorded: dict[str, list] = manifest["files"]
        for rel, (size, sha) in recorded.items():
            source = previous / rel
            if source.stat().st_size != size or hashlib.sha256(source.read_bytes()).hexdigest() != sha:
                return None
        for rel in recorded:
            destination = target / rel
            destination.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(previous / rel, destination)
        return SearchIndexStats(pages=int(manifest["pages"]), files=len(recorded), bytes=int(manifest["bytes"]))
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(target, ignore_errors=True)  # a half-linked bundle is indexed afresh
        return None


def _record(manifest_path: Path, inputs: str, bundle: Path, stats: SearchIndexStats) -> None:
    """Write the manifest of a freshly written bundle (atomically; a failure only costs the next reuse)."""
    files = {
        path.relative_to(bundle).as_posix(): [path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()]
        for path in sorted(bundle.rglob("*"))
        if path.is_file()
    }
    manifest = {"format": MANIFEST_FORMAT, "inputs": inputs, "pages": stats.pages, "bytes": stats.bytes}
    manifest["files"] = files
    try:
        manifest_path.parent.mkdir(parents=True, exist_ok=True)
        temporary = manifest_path.with_name(f".{manifest_path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(manifest), encoding="utf-8")
        os.replace(temporary, manifest_path)
    except OSError:
        pass


def _link_or_copy(source: Path, destination: Path) -> None:
    """A hard link (the previous output is replaced, never edited, by a build); a copy across devices."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)
