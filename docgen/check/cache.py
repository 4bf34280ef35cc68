"""What earlier `docgen check` runs learnt, reused while its sources are unchanged.

A check re-walks and re-validates only what changed: each page's walk facts
(links, images, ids, partial problems — `PageFacts`) are kept with the content
hash of every file the walk read (the page and each partial it expanded), and
each file's Markdoc validation errors with that file's hash. A fact is reused
only when every hash still matches, the partials folder has the same files
(a partial that was missing may have appeared), and the code and configuration
that produced it are the same (`fingerprint`). Image facts (header probes,
decode checks) are persisted by docgen.site.images' own `save_image_facts`, in the file the build
uses for them.

The cache lives in `docgen.site.cache.site_cache_dir(site, "check")`: beside the
site, or in the user's cache folder when the site is read-only; never written
into a read-only site.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docgen
from docgen.site import Site
from docgen.site.cache import site_cache_dir, stable_repr
from docgen.site.images import load_image_facts, save_image_facts

CACHE_VERSION = 3
# marshal: plain lists, dicts and strings load several times faster than JSON; its format may change
# between Python versions, so the file name carries the version and an unreadable file is ignored.
FACTS_FILE = f"facts-py{sys.version_info[0]}{sys.version_info[1]}.marshal"
# The build's image facts file (docgen.publish.images keeps it in its image cache folder): a check
# after a build reads no image bytes, and a build after a check neither.
IMAGE_FACTS_FILE = "facts.json"
# The code that decides what a check finds (packages and modules of docgen); a change to any drops the cache.
CODE_PACKAGES = ("markdoc", "tags", "site", "check", "rules.py", "diagnostics.py")


@dataclass(frozen=True)
class ImageVerdict:
    """What one image reference (target, version) came to: the file it uses and the findings on it.

    `used` is the file found (exact case, or the case-mismatched one); `findings` are
    `[rule, level, message, target]` from `ImageValidator` (a target outside the images URL included).
    """

    used: str | None
    findings: list


class CheckCache:
    """Per-page walk facts, per-file validation errors and per-image verdicts, keyed by content."""

    def __init__(
        self,
        folder: Path | None,
        fingerprint: str,
        partials_signature: str,
        images_signature: str = "",
        image_facts: Path | None = None,
    ) -> None:
        self.folder = folder
        self.image_facts = image_facts
        self.fingerprint = fingerprint
        self.partials_signature = partials_signature
        self.images_signature = images_signature
        self._pages: dict[str, dict] = {}
        self._validation: dict[str, list] = {}
        self._images: dict[str, list] = {}
        self._image_files: list[str] | None = None
        self._stats: dict[str, list | None] = {}
        self.graph_signature = ""
        self._links: dict[str, list] = {}
        self._menus: dict[str, dict] = {}
        self._graph_data: tuple = (None, {}, {})
        self._image_facts_used = False
        self._hashes: dict[str, str | None] = {}
        self._changed = False

    @classmethod
    def open(cls, site: Site, options_key: str = "") -> CheckCache:
        """The site's cache (empty when absent, unreadable or made by other code or settings)."""
        fingerprint = _fingerprint(site, options_key)
        config = site.config
        folder = site_cache_dir(config.site_dir, "check")
        cache = cls(
            folder,
            fingerprint,
            _tree_signature(config.partials_dir),
            _tree_signature(config.images_dir),
            site_cache_dir(config.site_dir, "images") / IMAGE_FACTS_FILE,
        )
        cache._load(folder / FACTS_FILE)
        return cache

    @classmethod
    def disabled(cls) -> CheckCache:
        """A cache that remembers nothing (the first run, or `--no-cache`)."""
        return cls(None, "", "")

    def _load(self, file: Path) -> None:
        try:
            data = marshal.loads(file.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return
        if (
            not isinstance(data, dict)
            or data.get("version") != CACHE_VERSION
            or data.get("fingerprint") != self.fingerprint
        ):
            return
        self._validation = data.get("validation") or {}
        if data.get("partials") == self.partials_signature:
            self._pages = data.get("pages") or {}
        self._graph_data = (data.get("graph"), data.get("links") or {}, data.get("menus") or {})
        if data.get("images") == self.images_signature:
            self._images = data.get("image_verdicts") or {}
            self._image_files = data.get("image_files")

    # ----------------------------------------------------------------- hashes

    def file_hash(self, path: Path | str) -> str | None:
        """The content hash of `path` (None if unreadable), computed once per run."""
        key = str(path)
        if key not in self._hashes:
            try:
                with open(key, "rb") as stream:
                    self._hashes[key] = hashlib.blake2b(stream.read(), digest_size=16).hexdigest()
            except OSError:
                self._hashes[key] = None
        return self._hashes[key]

    def _unchanged(self, hashes: dict[str, str]) -> bool:
        return all(self.file_hash(path) == digest for path, digest in hashes.items())

    # ----------------------------------------------------------------- page facts

    def page_facts(self, key: str) -> dict | None:
        """The stored walk facts of a page (`key` names page and editions) if all its files are unchanged."""
        if self.folder is None:
            return None
        entry = self._pages.get(key)
        if entry is None or not self._unchanged(entry["files"]):
            return None
        return entry["facts"]

    def store_page_facts(self, key: str, files: set[str], facts: dict) -> None:
        if self.folder is None:
            return
        hashes = {path: self.file_hash(path) for path in files}
        if None in hashes.values():
            return
        self._pages[key] = {"files": hashes, "facts": facts}
        self._changed = True

    # ----------------------------------------------------------------- validation

    def validation(self, path: Path | str) -> list | None:
        """Stored Markdoc validation errors of a file, if its content is unchanged."""
        if self.folder is None:
            return None
        entry = self._validation.get(str(path))
        if entry is None or entry[0] != self.file_hash(path):
            return None
        return entry[1]

    def store_validation(self, path: Path | str, errors: list) -> None:
        if self.folder is None:
            return
        digest = self.file_hash(path)
        if digest is not None:
            self._validation[str(path)] = [digest, errors]
            self._changed = True

    # ----------------------------------------------------------------- images

    def _stat(self, path: str | None) -> list | None:
        """[mtime, size] of an image file, once per run: an edited image gets a new verdict."""
        if path is None:
            return None
        if path not in self._stats:
            try:
                info = os.stat(path)
                self._stats[path] = [info.st_mtime_ns, info.st_size]
            except OSError:
                self._stats[path] = None
        return self._stats[path]

    def image_verdict(self, target: str, version: str) -> ImageVerdict | None:
        """The stored verdict while no image file was added, removed or renamed and the used file is unchanged."""
        if self.folder is None:
            return None
        entry = self._images.get(f"{version}|{target}")
        if entry is None:
            return None
        used, stat, findings = entry
        if stat != self._stat(used):
            return None
        return ImageVerdict(used, findings)

    def prepare_image_validation(self) -> None:
        """Before the first image is validated afresh: load the persisted image facts (header probes, decode
        checks), so only new or edited files are read; `save` writes them back."""
        if self.image_facts is not None and not self._image_facts_used:
            self._image_facts_used = True
            load_image_facts(self.image_facts)

    def store_image_verdict(self, target: str, version: str, verdict: ImageVerdict) -> None:
        if self.folder is None:
            return
        self._images[f"{version}|{target}"] = [verdict.used, self._stat(verdict.used), verdict.findings]
        self._changed = True

    def image_files(self, listing: Callable[[], list[str]]) -> list[str]:
        """Every file under the images folder (`listing()` when the folder's files changed since the last run)."""
        if self._image_files is None:
            self._image_files = listing()
            self._changed = self._changed or self.folder is not None
        return self._image_files

    # ----------------------------------------------------------------- site graph: links and menus

    def use_graph(self, signature: str) -> None:
        """Keep stored link resolutions and menus only if the pages, their URLs and the menus are the same."""
        self.graph_signature = signature
        stored, links, menus = self._graph_data
        if self.folder is not None and stored == signature:
            self._links, self._menus = links, menus

    def link(self, key: str) -> list | None:
        return self._links.get(key) if self.folder is not None else None

    def store_link(self, key: str, outcome: list) -> None:
        if self.folder is not None:
            self._links[key] = outcome
            self._changed = True

    def menu(self, key: str) -> dict | None:
        return self._menus.get(key) if self.folder is not None else None

    def store_menu(self, key: str, menu: dict) -> None:
        if self.folder is not None:
            self._menus[key] = menu
            self._changed = True

    # ----------------------------------------------------------------- saving

    def save(self) -> None:
        """Write what this run learnt (atomically); a cache that cannot be written is skipped silently."""
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if self._image_facts_used and self.image_facts is not None:
                save_image_facts(self.image_facts)
            if not self._changed:
                return
            data = {
                "version": CACHE_VERSION,
                "fingerprint": self.fingerprint,
                "partials": self.partials_signature,
                "images": self.images_signature,
                "image_verdicts": self._images,
                "image_files": self._image_files,
                "graph": self.graph_signature,
                "links": self._links,
                "menus": self._menus,
                "validation": self._validation,
                "pages": self._pages,
            }
            target = self.folder / FACTS_FILE
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temporary.write_bytes(marshal.dumps(data))
            os.replace(temporary, target)
        except OSError:
            return


def _fingerprint(site: Site, options_key: str) -> str:
    """Code (file sizes and times of docgen's checking packages) plus configuration plus options."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(docgen.__file__).resolve().parent
    for package in CODE_PACKAGES:
        code = root / package
        for path in sorted(code.rglob("*.py")) if code.is_dir() else [code]:
            info = path.stat()
            digest.update(f"{path.relative_to(root)}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    digest.update(stable_repr(site.config).encode())  # sets in a fixed order: the same key in every process
    digest.update(options_key.encode())
    return digest.hexdigest()


def _tree_signature(folder: Path) -> str:
    """Every folder under `folder` with its modification time: a file added, removed or renamed changes it."""
    digest = hashlib.blake2b(digest_size=16)
    for current, folders, _files in os.walk(folder):
        folders.sort()
        try:
            digest.update(f"{current}:{os.stat(current).st_mtime_ns}\n".encode())
        except OSError:
            continue
    return digest.hexdigest()
