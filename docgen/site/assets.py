"""Finding partial and image files: version folders, inheritance and exact case.

Links such as ``/images/v1.9/x.png`` and ``/v1.9/x.md`` name a version folder
first. Asset folders may be spelled ``v1.9`` while pages use ``v1.9.x``, and
a version may inherit unchanged files from an older one, so lookup walks the
version's inheritance chain.

Lookup is case-sensitive on every filesystem: the site is usually served from
Linux, where ``Image.PNG`` is not ``image.png``, while authors often work on
macOS or Windows where it is. `exact_case_path` (docgen.site.files) compares
directory listings, so the answer is the same everywhere and the file that only
matches when case is ignored can be named.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from docgen.site.files import directory_names, exact_case_path, is_refused, snapshot_memo
from docgen.site.versions import version_key


@dataclass(frozen=True)
class ResolvedAsset:
    """Where an asset reference led.

    `path` is the file when it exists with exactly that case; `rel` is its
    path relative to the asset root (POSIX), which is also its path in the
    output. `wanted` is the literal path the reference spells under the root
    (None for references that escape it). `case_mismatch` is the file that matches only ignoring case.
    `version_key` is the version the reference named (or the page's, when it
    named none); `inherited_from` is set when the file came from an older
    version through inheritance.
    """

    reference: str
    path: Path | None
    rel: str | None
    case_mismatch: Path | None = None
    version_key: str | None = None
    inherited_from: str | None = None
    wanted: Path | None = None  # the path exactly as referenced (for "missing"/"case" findings)

    @property
    def found(self) -> bool:
        return self.path is not None


class AssetTree:
    """One asset root (the partials dir or the images dir) with cached directory listings."""

    def __init__(self, root: Path, inherits: dict[str, str | None]):
        self.root = root
        self._inherits = inherits  # version key -> key it inherits from
        self.refused: frozenset[Path] = frozenset()  # symlinks leading out of the site (docgen.site.symlinks)
        self._root_names: tuple[frozenset[str], list[str]] | None = None

    def resolve(self, reference: str, default_key: str | None = None) -> ResolvedAsset:
        """Resolve ``v1.9/dir/file`` (leading slash optional).

        A first segment that is a version name selects that version's folder
        and its inheritance chain. Without one, `default_key` (the page's
        version) is used when given, else the path is taken as it is.
        """
        memo = snapshot_memo(f"assets:{id(self)}")
        if memo is not None:
            key = (reference, default_key)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self._resolve(reference, default_key)
            return found
        return self._resolve(reference, default_key)

    def _resolve(self, reference: str, default_key: str | None) -> ResolvedAsset:
        parts = [part for part in reference.split("/") if part]
        if not parts or any(part in (".", "..") for part in parts):
            return ResolvedAsset(reference, None, None)
        key = version_key(parts[0]) if len(parts) > 1 else None
        if key is not None:
            found = self._resolve_versioned(reference, key, parts[1:])
        elif default_key is not None:
            found = self._resolve_versioned(reference, default_key, parts)
            parts = [*self._folders_for(default_key)[:1], *parts]
        else:
            found = self._resolve_plain(reference, parts)
        return replace(found, wanted=self.root.joinpath(*parts))

    def _resolve_versioned(self, reference: str, key: str, rest: list[str]) -> ResolvedAsset:
        first_mismatch: Path | None = None
        for candidate_key in self._chain(key):
            for folder in self._folders_for(candidate_key):
                path, mismatch = self._lookup([folder, *rest])
                if path is not None:
                    inherited = candidate_key if candidate_key != key else None
                    return ResolvedAsset(reference, path, self._rel(path), None, key, inherited)
                first_mismatch = first_mismatch or mismatch
        return ResolvedAsset(reference, None, None, first_mismatch, key)

    def _resolve_plain(self, reference: str, parts: list[str]) -> ResolvedAsset:
        path, mismatch = self._lookup(parts)
        return ResolvedAsset(reference, path, self._rel(path) if path else None, mismatch)

    def _chain(self, key: str) -> list[str]:
        chain = [key]
        while (parent := self._inherits.get(chain[-1])) is not None and parent not in chain:
            chain.append(parent)
        return chain

    def _folders_for(self, key: str) -> list[str]:
        """Folder names at the root spelling version `key` (``v1.9`` and ``v1.9.x`` alike)."""
        return [name for name in self._root_listing() if version_key(name) == key]

    def _lookup(self, parts: list[str]) -> tuple[Path | None, Path | None]:
        """(exact path, None) when found; (None, case-insensitive match or None) otherwise."""
        wanted = self.root.joinpath(*parts)
        actual = exact_case_path(wanted, self.root)
        if actual is None or is_refused(actual, self.refused):
            return None, None
        return (actual, None) if actual == wanted else (None, actual)

    def _root_listing(self) -> list[str]:
        """Names at the root, re-read when the root's modification time changes."""
        names = directory_names(self.root)
        if names is None:
            return []
        if self._root_names is None or self._root_names[0] is not names:
            self._root_names = (names, sorted(names))
        return self._root_names[1]

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def files(self) -> list[str]:
        """Every file under the root, relative and POSIX, sorted."""
        if not self.root.is_dir():
            return []
        return sorted(
            (Path(folder) / name).relative_to(self.root).as_posix()
            for folder, _, names in os.walk(self.root)
            for name in names
        )
